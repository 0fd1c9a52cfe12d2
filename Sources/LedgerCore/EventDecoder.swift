import Crypto
import Foundation

/// Decodes and validates events from JSON.
///
/// Validation here is everything that can be judged from the event alone:
/// required fields, types, real dates, slugs, money and fractions, enum
/// values, unknown fields. Whether the parties it names exist is judged by
/// ``ReferenceChecker`` against the ledger.
///
/// ```swift
/// let events = try EventDecoder.decodeDocument(bytes, file: "Events/x.json")
/// ```
public enum EventDecoder {
    /// Largest input accepted in one document (64 MiB).
    public static let maxDocumentBytes = 64 << 20

    /// Decodes every event in a document: one object, an array, or JSON Lines.
    public static func decodeDocument(_ bytes: [UInt8], file: String? = nil) throws(LedgerError) -> [Event] {
        guard bytes.count <= maxDocumentBytes else {
            throw LedgerError("is larger than \(maxDocumentBytes >> 20) MiB; split it into smaller files", file: file)
        }
        let values: [JSONValue]
        do { values = try JSONParser.parseDocuments(bytes) } catch {
            throw LedgerError(error.description, file: file)
        }
        guard !values.isEmpty else { throw LedgerError("holds no events", file: file) }
        var events: [Event] = []
        events.reserveCapacity(values.count)
        for (offset, value) in values.enumerated() {
            do { events.append(try decode(value)) } catch {
                throw error.located(file: file, index: offset + 1, eventId: value["id"].flatMap { if case .string(let s) = $0 { s } else { nil } })
            }
        }
        return events
    }

    /// Decodes the events of a document one at a time, calling `body` with each and its 1-based position.
    ///
    /// The same events and errors as ``decodeDocument(_:file:)``, without
    /// holding them all: an import of a long JSON Lines file streams through.
    /// Errors from `body` pass through unchanged.
    public static func forEachEvent(_ bytes: [UInt8], file: String? = nil, _ body: (Event, Int) throws -> Void) throws {
        guard bytes.count <= maxDocumentBytes else {
            throw LedgerError("is larger than \(maxDocumentBytes >> 20) MiB; split it into smaller files", file: file)
        }
        var offset = 0
        // JSON Lines of canonical events (what `export` and generate-history write) take the fast path
        // line by line; from the first line it declines on, the general parser takes over.
        let resume = try canonicalLines(bytes) { event in
            offset += 1
            try body(event, offset)
        }
        let count: Int
        do {
            let handle = { (value: JSONValue) throws in
                offset += 1
                let event: Event
                do { event = try decode(value) } catch let error as LedgerError {
                    throw error.located(file: file, index: offset, eventId: value["id"].flatMap { if case .string(let s) = $0 { s } else { nil } })
                }
                try body(event, offset)
            }
            let fast = offset
            if resume == 0 {
                count = try JSONParser.forEachDocument(bytes, handle)
            } else {
                count = fast + (try JSONParser.forEachValue(bytes, from: resume, handle))
            }
        } catch let error as JSONSyntaxError {
            throw LedgerError(error.description, file: file)
        }
        guard count > 0 else { throw LedgerError("holds no events", file: file) }
    }

    /// Hands out the leading lines of `bytes` that are each one canonical event; returns where the rest starts.
    ///
    /// Stops at the first line the fast decoder declines (or at a line that
    /// is not a lone object); `bytes[result...]` is then left to the general
    /// parser, which gives the same events for what the fast path took.
    private static func canonicalLines(_ bytes: [UInt8], _ body: (Event) throws -> Void) rethrows -> Int {
        guard bytes.first == UInt8(ascii: "{") else { return 0 }
        var start = 0
        return try bytes.withUnsafeBytes { raw in
            while start < raw.count {
                var end = start
                while end < raw.count, raw[end] != 0x0A { end += 1 }
                guard raw[start] == UInt8(ascii: "{"),
                      let event = CanonicalDecoder.event(from: UnsafeRawBufferPointer(rebasing: raw[start..<end])) else { return start }
                try body(event)
                start = end + 1
            }
            return raw.count
        }
    }

    /// Decodes one event object; an absent id is generated from the content.
    public static func decode(_ value: JSONValue) throws(LedgerError) -> Event {
        try decode(value, path: "", allowID: true)
    }

    static func decode(_ value: JSONValue, path: String, allowID: Bool) throws(LedgerError) -> Event {
        var reader = try ObjectReader(value, path: path, what: "an event object")
        let type = try reader.enumeration("type", EventType.self)
        let date = try reader.date("date")
        var id = allowID ? try reader.optionalSlug("id", what: "event id") : nil
        if !allowID, reader.has("id") {
            throw LedgerError("must be left out: a replacement takes the id of the event it corrects", field: reader.fieldPath("id"))
        }
        let announced = try reader.optionalDate("announced")
        let status = reader.has("status") && reader.optional("status") != nil
            ? try reader.enumeration("status", EventStatus.self) : .confirmed
        var sources: [String] = []
        if reader.optional("sources") != nil {
            for (offset, element) in try reader.array("sources", nonEmpty: false).enumerated() {
                guard case .string(let source) = element, !source.isEmpty else {
                    throw LedgerError("must be a non-empty string (a URL or citation)", field: reader.fieldPath("sources[\(offset)]"))
                }
                sources.append(source)
            }
        }
        let note = try reader.optionalString("note")
        let body = try decodeBody(type, &reader)
        try reader.finish()
        if id == nil {
            switch body {
            // A registration is unique by what it registers, so its id can say so.
            case .party(let p): id = "party-\(p.party)"
            case .partnership(let p): id = "partnership-\(p.partnership)"
            default: id = generatedID(type: type, date: date, content: value)
            }
            if (id?.count ?? 0) > Slug.maxLength { id = generatedID(type: type, date: date, content: value) }
        }
        return Event(id: id ?? "", date: date, announced: announced, status: status, sources: sources, note: note, body: body)
    }

    /// A stable id for an event given without one: `<type>-<date>-<hash of content>`.
    ///
    /// Stable so that importing the same id-less file twice is still idempotent.
    public static func generatedID(type: EventType, date: LedgerDate, content: JSONValue) -> String {
        let digest = SHA256.hash(data: Array(content.canonicalText.utf8))
        let hex = digest.prefix(5).map { String($0, radix: 16).leftPadded(to: 2) }.joined()
        return "\(type.rawValue)-\(date.text)-\(hex)"
    }

    private static func decodeBody(_ type: EventType, _ r: inout ObjectReader) throws(LedgerError) -> EventBody {
        switch type {
        case .party:
            return .party(PartyRegistration(
                party: try r.slug("party", what: "party id"),
                name: try r.nonEmptyString("name"),
                kind: try r.enumeration("kind", PartyKind.self)))
        case .partnership:
            let id = try r.slug("partnership", what: "partnership id")
            let parties = try slugList(&r, "parties", what: "party id")
            guard parties.count >= 2 else { throw LedgerError("must name at least 2 parties", field: r.fieldPath("parties")) }
            let termsValue = try r.required("terms")
            guard case .object(let terms) = termsValue else {
                throw LedgerError("must be an object of term name to value, not \(termsValue.kindName)", field: r.fieldPath("terms"))
            }
            for name in terms.keys.sorted() { try validateTermName(name, field: r.fieldPath("terms.\(name)")) }
            return .partnership(PartnershipRegistration(partnership: id, parties: parties, terms: terms))
        case .fundingRound:
            return .fundingRound(try decodeFundingRound(&r))
        case .valuation:
            return .valuation(ValuationReport(
                company: try r.slug("company", what: "company id"),
                value: try r.money("value"),
                basis: try r.enumeration("basis", ValuationBasis.self)))
        case .revenue:
            let company = try r.slug("company", what: "company id")
            let amount = try r.money("amount")
            let basis = try r.enumeration("basis", RevenueBasis.self)
            var period: DatePeriod?
            if let value = r.optional("period") {
                var p = try ObjectReader(value, path: r.fieldPath("period"), what: "an object {\"from\": date, \"to\": date}")
                let from = try p.date("from"), to = try p.date("to")
                try p.finish()
                guard from <= to else { throw LedgerError("\"from\" is after \"to\"", field: r.fieldPath("period")) }
                period = DatePeriod(from: from, to: to)
            }
            return .revenue(RevenueReport(company: company, amount: amount, basis: basis, period: period))
        case .governance:
            let company = try r.slug("company", what: "company id")
            var changes: [RoleChange] = []
            for (offset, element) in try r.array("changes").enumerated() {
                changes.append(try decodeRoleChange(element, path: r.fieldPath("changes[\(offset)]")))
            }
            return .governance(GovernanceChange(company: company, changes: changes))
        case .renegotiation:
            let partnership = try r.slug("partnership", what: "partnership id")
            var changes: [TermChange] = []
            for (offset, element) in try r.array("changes").enumerated() {
                changes.append(try decodeTermChange(element, path: r.fieldPath("changes[\(offset)]")))
            }
            return .renegotiation(Renegotiation(partnership: partnership, changes: changes))
        case .recapitalization:
            let company = try r.slug("company", what: "company id")
            var stakes: [Holding] = []
            var seen: Set<String> = []
            for (offset, element) in try r.array("stakes").enumerated() {
                var h = try ObjectReader(element, path: r.fieldPath("stakes[\(offset)]"), what: "an object {\"holder\": id, \"stake\": \"0.27\"}")
                let holder = try h.slug("holder", what: "holder id")
                guard seen.insert(holder).inserted else { throw LedgerError("holder \"\(holder)\" is listed twice", field: h.fieldPath("holder")) }
                stakes.append(Holding(holder: holder, stake: try h.fraction("stake")))
                try h.finish()
            }
            let total = stakes.reduce(Decimal(0)) { $0 + $1.stake }
            guard total <= 1 else {
                throw LedgerError("stakes sum to \(ExactDecimal.text(total)), more than 1", field: r.fieldPath("stakes"))
            }
            return .recapitalization(Recapitalization(company: company, stakes: stakes, basis: try r.optionalString("basis")))
        case .correction:
            let corrects = try r.slug("corrects", what: "event id")
            let replacementValue = try r.required("replacement")
            var replacement = try decode(replacementValue, path: r.fieldPath("replacement"), allowID: false)
            replacement.id = corrects
            guard replacement.type != .correction, replacement.type != .retraction else {
                throw LedgerError("cannot be a \(replacement.type.rawValue); correct the original event instead", field: r.fieldPath("replacement.type"))
            }
            return .correction(Correction(corrects: corrects, replacement: replacement, reason: try r.nonEmptyString("reason")))
        case .retraction:
            return .retraction(Retraction(retracts: try r.slug("retracts", what: "event id"), reason: try r.nonEmptyString("reason")))
        }
    }

    private static func decodeFundingRound(_ r: inout ObjectReader) throws(LedgerError) -> FundingRound {
        let company = try r.slug("company", what: "company id")
        let round = try r.nonEmptyString("round")
        let instrument = try r.enumeration("instrument", Instrument.self)
        var investments: [Investment] = []
        for (offset, element) in try r.array("investments").enumerated() {
            var i = try ObjectReader(element, path: r.fieldPath("investments[\(offset)]"), what: "an object {\"investor\": id, \"amount\": money}")
            let investor = try i.slug("investor", what: "investor id")
            guard !investments.contains(where: { $0.investor == investor }) else {
                throw LedgerError("investor \"\(investor)\" is listed twice; give one line with the total", field: i.fieldPath("investor"))
            }
            investments.append(Investment(investor: investor, amount: try i.money("amount")))
            try i.finish()
        }
        let preMoney = try r.optionalMoney("preMoney")
        let postMoney = try r.optionalMoney("postMoney")
        let partnership = try r.optionalSlug("partnership", what: "partnership id")
        let round_ = FundingRound(company: company, round: round, instrument: instrument, investments: investments,
                                  preMoney: preMoney, postMoney: postMoney, partnership: partnership)
        let currency = investments[0].amount.currency
        if let offset = investments.firstIndex(where: { $0.amount.currency != currency }) {
            throw LedgerError("is in \(investments[offset].amount.currency) but the round's first investment is in \(currency); one round, one currency", field: r.fieldPath("investments[\(offset)].amount.currency"))
        }
        for (key, money) in [("preMoney", preMoney), ("postMoney", postMoney)] {
            if let money, money.currency != currency {
                throw LedgerError("is in \(money.currency) but the investments are in \(currency)", field: r.fieldPath("\(key).currency"))
            }
        }
        if let postMoney, let total = round_.total, postMoney.amount < total.amount {
            throw LedgerError("\(ExactDecimal.text(postMoney.amount)) is less than the round's total \(ExactDecimal.text(total.amount))", field: r.fieldPath("postMoney"))
        }
        if let postMoney, let preMoney, let total = round_.total, preMoney.amount + total.amount != postMoney.amount {
            throw LedgerError("preMoney plus the round's total (\(ExactDecimal.text(preMoney.amount + total.amount))) does not equal postMoney (\(ExactDecimal.text(postMoney.amount)))", field: r.fieldPath("postMoney"))
        }
        if instrument == .equity, let post = round_.impliedPostMoney, post.amount == 0 {
            throw LedgerError("must be more than zero for an equity round", field: r.fieldPath("postMoney"))
        }
        return round_
    }

    private static func decodeRoleChange(_ value: JSONValue, path: String) throws(LedgerError) -> RoleChange {
        var c = try ObjectReader(value, path: path, what: "an object {\"role\": name, \"set\"|\"add\"|\"remove\": value}")
        let role = try c.string("role")
        try validateTermName(role, field: c.fieldPath("role"), what: "role")
        let verbs = ["set", "add", "remove"].filter { c.members[$0] != nil }
        guard verbs.count == 1 else {
            throw LedgerError("must have exactly one of \"set\", \"add\" or \"remove\"", field: path)
        }
        let action: RoleChange.Action
        switch verbs[0] {
        case "set":
            let value = c.members["set"]!
            _ = c.has("set")
            switch value {
            case .null: action = .set([])
            case .string(let name): action = .set([name])
            case .array(let names):
                var list: [String] = []
                for (offset, name) in names.enumerated() {
                    guard case .string(let text) = name, !text.isEmpty else {
                        throw LedgerError("must be a non-empty string", field: c.fieldPath("set[\(offset)]"))
                    }
                    list.append(text)
                }
                action = .set(list)
            default:
                throw LedgerError("must be a name, an array of names or null, not \(value.kindName)", field: c.fieldPath("set"))
            }
        case "add": action = .add(try c.nonEmptyString("add"))
        default: action = .remove(try c.nonEmptyString("remove"))
        }
        try c.finish()
        return RoleChange(role: role, action: action)
    }

    private static func decodeTermChange(_ value: JSONValue, path: String) throws(LedgerError) -> TermChange {
        var c = try ObjectReader(value, path: path, what: "an object {\"term\": name, \"set\": value} or {\"term\": name, \"remove\": true}")
        let term = try c.string("term")
        try validateTermName(term, field: c.fieldPath("term"))
        let hasSet = c.has("set"), hasRemove = c.has("remove")
        guard hasSet != hasRemove else {
            throw LedgerError("must have exactly one of \"set\" or \"remove\"", field: path)
        }
        let action: TermChange.Action
        if hasSet {
            action = .set(c.members["set"]!)
        } else {
            guard c.members["remove"] == .bool(true) else {
                throw LedgerError("must be true", field: c.fieldPath("remove"))
            }
            action = .remove
        }
        try c.finish()
        return TermChange(term: term, action: action)
    }

    private static func slugList(_ r: inout ObjectReader, _ key: String, what: String) throws(LedgerError) -> [String] {
        var list: [String] = []
        for (offset, element) in try r.array(key).enumerated() {
            let path = r.fieldPath("\(key)[\(offset)]")
            guard case .string(let text) = element else { throw LedgerError("must be a string, not \(element.kindName)", field: path) }
            do { try Slug.validate(text, what: what) } catch { throw error.at(path) }
            guard !list.contains(text) else { throw LedgerError("\"\(text)\" is listed twice", field: path) }
            list.append(text)
        }
        return list
    }

    private static func validateTermName(_ name: String, field: String, what: String = "term name") throws(LedgerError) {
        guard Slug.isValid(name) else {
            throw LedgerError("\(what) \"\(name.prefix(80))\" must be a slug like \"revenue-share\"", field: field)
        }
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
