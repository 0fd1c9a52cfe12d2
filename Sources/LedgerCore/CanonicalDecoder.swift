import Foundation

/// A fast decoder for stored payloads: the canonical JSON the store writes.
///
/// Replay decodes every stored event, so it cannot afford the general path
/// (parse into ``JSONValue`` dictionaries, then read them through
/// ``EventDecoder``'s field-path bookkeeping). This decoder walks the bytes
/// once and builds the ``Event`` directly. It accepts only what it fully
/// understands — known keys, each at most once, values of the expected JSON
/// kinds, real dates, plain decimals, valid slugs — and returns `nil` for
/// anything else, so callers fall back to ``EventDecoder``, which then either
/// decodes the event the same way or says exactly what is wrong. For every
/// payload it accepts, the result equals `EventDecoder.decode(JSONParser.parse(payload))`.
///
/// ```swift
/// let event = payload.withUnsafeBytes { CanonicalDecoder.event(from: $0) }
///     ?? (try EventDecoder.decode(JSONParser.parse(payload)))
/// ```
public enum CanonicalDecoder {
    /// Decodes one stored event payload, or returns nil when the fast path does not apply.
    public static func event(from bytes: UnsafeRawBufferPointer) -> Event? {
        guard let base = bytes.baseAddress, bytes.count > 1 else { return nil }
        var cursor = ByteCursor(base.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        guard let event = cursor.event(allowID: true, depth: 0), cursor.index == cursor.count else { return nil }
        return event
    }

    /// Decodes one stored event payload held in a byte array.
    public static func event(from bytes: [UInt8]) -> Event? {
        bytes.withUnsafeBytes { event(from: $0) }
    }

    /// Parses plain decimal text (`[0-9]+(.[0-9]+)?`) exactly as ``ExactDecimal/parse(_:allowNegative:what:)`` does, or nil.
    ///
    /// Handles up to 19 significant digits without Foundation's string scanner;
    /// returns nil for longer or unusual input so callers use the general path.
    public static func decimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Decimal? {
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var seenPoint = false
        var leading = true
        guard let first = bytes.first, first != UInt8(ascii: "."), bytes.last != UInt8(ascii: ".") else { return nil }
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                if seenPoint { return nil }
                seenPoint = true
                continue
            }
            guard byte >= 48, byte <= 57 else { return nil }
            if seenPoint { fractionDigits += 1 }
            if leading && byte == 48 { continue }
            leading = false
            digits += 1
            guard digits <= 19 else { return nil }
            mantissa = mantissa &* 10 &+ UInt64(byte - 48)
        }
        // Foundation keeps zero with its exponent; leave that rare case to it.
        guard mantissa != 0 else { return nil }
        var exponent = -fractionDigits
        while mantissa % 10 == 0 { mantissa /= 10; exponent += 1 }
        return Decimal(sign: .plus, exponent: exponent, significand: Decimal(mantissa))
    }
}

/// The field names the stored event schema uses.
private enum Key: UInt8 {
    case type, date, id, announced, status, sources, note
    case party, name, kind, partnership, parties, terms
    case company, round, instrument, investments, preMoney, postMoney, investor, amount, currency
    case value, basis, period, from, to, changes, role, set, add, remove, term, stakes, holder, stake
    case corrects, replacement, reason, retracts
    case unknown

    /// This key's bit in a set of keys.
    var bit: UInt64 { 1 << UInt64(rawValue) }
}

/// A forward-only reader over canonical JSON bytes. Every method returns nil
/// (or false) on anything unexpected, leaving the general decoder to explain.
private struct ByteCursor {
    let bytes: UnsafePointer<UInt8>
    let count: Int
    var index = 0

    init(_ bytes: UnsafePointer<UInt8>, count: Int) { self.bytes = bytes; self.count = count }

    var peek: UInt8 { index < count ? bytes[index] : 0 }

    mutating func eat(_ byte: UInt8) -> Bool {
        guard index < count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    // MARK: Objects and keys

    /// Reads `{` and calls `body` for each key until `}`; a repeated key fails.
    mutating func object(_ body: (inout ByteCursor, Key) -> Bool) -> Bool {
        guard eat(UInt8(ascii: "{")) else { return false }
        if eat(UInt8(ascii: "}")) { return true }
        var seen: UInt64 = 0
        while true {
            guard let key = key(), key != .unknown, seen & key.bit == 0, eat(UInt8(ascii: ":")) else { return false }
            seen |= key.bit
            guard body(&self, key) else { return false }
            if eat(UInt8(ascii: ",")) { continue }
            return eat(UInt8(ascii: "}"))
        }
    }

    /// Reads `[` and calls `body` for each element until `]`.
    mutating func array(_ body: (inout ByteCursor) -> Bool) -> Bool {
        guard eat(UInt8(ascii: "[")) else { return false }
        if eat(UInt8(ascii: "]")) { return true }
        while true {
            guard body(&self) else { return false }
            if eat(UInt8(ascii: ",")) { continue }
            return eat(UInt8(ascii: "]"))
        }
    }

    mutating func key() -> Key? {
        guard eat(UInt8(ascii: "\"")) else { return nil }
        let start = index
        while index < count, bytes[index] != UInt8(ascii: "\"") {
            if bytes[index] == UInt8(ascii: "\\") || bytes[index] < 0x20 { return nil }
            index += 1
        }
        guard index < count else { return nil }
        let key = Self.key(UnsafeBufferPointer(start: bytes + start, count: index - start))
        index += 1
        return key
    }

    private static func key(_ name: UnsafeBufferPointer<UInt8>) -> Key {
        func matches(_ literal: StaticString) -> Bool {
            literal.utf8CodeUnitCount == name.count && memcmp(literal.utf8Start, name.baseAddress!, name.count) == 0
        }
        switch name.count {
        case 2: if matches("id") { return .id }; if matches("to") { return .to }
        case 3: if matches("set") { return .set }; if matches("add") { return .add }
        case 4:
            if matches("type") { return .type }; if matches("date") { return .date }; if matches("note") { return .note }
            if matches("name") { return .name }; if matches("kind") { return .kind }; if matches("role") { return .role }
            if matches("term") { return .term }; if matches("from") { return .from }
        case 5:
            if matches("party") { return .party }; if matches("terms") { return .terms }; if matches("round") { return .round }
            if matches("value") { return .value }; if matches("basis") { return .basis }; if matches("stake") { return .stake }
        case 6:
            if matches("status") { return .status }; if matches("amount") { return .amount }; if matches("period") { return .period }
            if matches("remove") { return .remove }; if matches("stakes") { return .stakes }; if matches("holder") { return .holder }
            if matches("reason") { return .reason }
        case 7:
            if matches("sources") { return .sources }; if matches("parties") { return .parties }; if matches("company") { return .company }
            if matches("changes") { return .changes }
        case 8:
            if matches("preMoney") { return .preMoney }; if matches("investor") { return .investor }; if matches("currency") { return .currency }
            if matches("corrects") { return .corrects }; if matches("retracts") { return .retracts }
        case 9: if matches("announced") { return .announced }; if matches("postMoney") { return .postMoney }
        case 10: if matches("instrument") { return .instrument }
        case 11:
            if matches("partnership") { return .partnership }; if matches("investments") { return .investments }
            if matches("replacement") { return .replacement }
        default: break
        }
        return .unknown
    }

    // MARK: Scalars

    /// The raw bytes of a string without escapes (ASCII only), or nil.
    mutating func plainString() -> UnsafeBufferPointer<UInt8>? {
        guard eat(UInt8(ascii: "\"")) else { return nil }
        let start = index
        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return UnsafeBufferPointer(start: bytes + start, count: index - 1 - start)
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { return nil }
            index += 1
        }
        return nil
    }

    /// A JSON string as a Swift String (escapes and UTF-8 validated).
    mutating func string() -> String? {
        guard peek == UInt8(ascii: "\"") else { return nil }
        let start = index + 1
        var plain = true
        var ascii = true
        var scan = start
        while scan < count {
            let byte = bytes[scan]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") { plain = false; scan += 2; continue }
            if byte < 0x20 { return nil }
            if byte >= 0x80 { ascii = false }
            scan += 1
        }
        guard scan < count else { return nil }
        let raw = UnsafeBufferPointer(start: bytes + start, count: scan - start)
        index = scan + 1
        if plain {
            return ascii ? String(decoding: raw, as: UTF8.self) : String(validating: raw, as: UTF8.self)
        }
        return Self.unescape(raw)
    }

    private static func unescape(_ raw: UnsafeBufferPointer<UInt8>) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            let byte = raw[i]
            guard byte == UInt8(ascii: "\\") else { out.append(byte); i += 1; continue }
            guard i + 1 < raw.count else { return nil }
            switch raw[i + 1] {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                // Only the escapes the canonical encoder writes: control characters.
                guard i + 5 < raw.count, raw[i + 2] == UInt8(ascii: "0"), raw[i + 3] == UInt8(ascii: "0"),
                      let high = hexDigit(raw[i + 4]), let low = hexDigit(raw[i + 5]), high < 2 else { return nil }
                out.append(high << 4 | low)
                i += 6
                continue
            default: return nil
            }
            i += 2
        }
        return String(validating: out, as: UTF8.self)
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - 48
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - 87
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - 55
        default: nil
        }
    }

    mutating func nonEmptyString() -> String? {
        guard let text = string(), Self.isNonBlank(text) else { return nil }
        return text
    }

    /// Whether `text` has something besides whitespace (a printable ASCII first byte settles it cheaply).
    static func isNonBlank(_ text: String) -> Bool {
        if let first = text.utf8.first, first > 0x20, first < 0x7F { return true }
        return !text.trimmingCharacters(in: .whitespaces).isEmpty
    }

    mutating func slug() -> String? {
        guard let raw = plainString(), !raw.isEmpty, raw.count <= Slug.maxLength else { return nil }
        let first = raw[0]
        guard (first >= 97 && first <= 122) || (first >= 48 && first <= 57) else { return nil }
        for byte in raw {
            guard (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57) || byte == 46 || byte == 95 || byte == 45 else { return nil }
        }
        return String(decoding: raw, as: UTF8.self)
    }

    mutating func date() -> LedgerDate? {
        guard let raw = plainString(), raw.count == 10, raw[4] == UInt8(ascii: "-"), raw[7] == UInt8(ascii: "-") else { return nil }
        var parts = (0, 0, 0)
        for (offset, byte) in raw.enumerated() where offset != 4 && offset != 7 {
            guard byte >= 48, byte <= 57 else { return nil }
            let digit = Int(byte - 48)
            if offset < 4 { parts.0 = parts.0 * 10 + digit } else if offset < 7 { parts.1 = parts.1 * 10 + digit } else { parts.2 = parts.2 * 10 + digit }
        }
        return LedgerDate(year: parts.0, month: parts.1, day: parts.2)
    }

    mutating func enumeration<E: RawRepresentable>(_ type: E.Type) -> E? where E.RawValue == String {
        guard let raw = plainString() else { return nil }
        return E(rawValue: String(decoding: raw, as: UTF8.self))
    }

    mutating func decimal(atMostOne: Bool) -> Decimal? {
        guard let raw = plainString(), let value = CanonicalDecoder.decimal(raw) else { return nil }
        if atMostOne, value > 1 { return nil }
        return value
    }

    mutating func money() -> Money? {
        var amount: Decimal?, currency: String?
        guard object({ cursor, key in
            switch key {
            case .amount: amount = cursor.decimal(atMostOne: false); return amount != nil
            case .currency:
                guard let raw = cursor.plainString(), raw.count == 3, raw.allSatisfy({ $0 >= 65 && $0 <= 90 }) else { return false }
                currency = String(decoding: raw, as: UTF8.self)
                return true
            default: return false
            }
        }), let amount, let currency else { return nil }
        return Money(amount: amount, currency: currency)
    }

    /// Any JSON value (term values), with the general parser's rules.
    mutating func value(depth: Int) -> JSONValue? {
        guard depth < JSONParser.maxDepth, index < count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "\""): return string().map(JSONValue.string)
        case UInt8(ascii: "{"):
            var members: [String: JSONValue] = [:]
            index += 1
            if eat(UInt8(ascii: "}")) { return .object(members) }
            while true {
                guard let key = string(), eat(UInt8(ascii: ":")), let member = value(depth: depth + 1),
                      members.updateValue(member, forKey: key) == nil else { return nil }
                if eat(UInt8(ascii: ",")) { continue }
                return eat(UInt8(ascii: "}")) ? .object(members) : nil
            }
        case UInt8(ascii: "["):
            var elements: [JSONValue] = []
            index += 1
            if eat(UInt8(ascii: "]")) { return .array(elements) }
            while true {
                guard let element = value(depth: depth + 1) else { return nil }
                elements.append(element)
                if eat(UInt8(ascii: ",")) { continue }
                return eat(UInt8(ascii: "]")) ? .array(elements) : nil
            }
        case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
        case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
        case UInt8(ascii: "n"): return literal("null") ? .null : nil
        default: return number().map(JSONValue.number)
        }
    }

    private mutating func literal(_ text: StaticString) -> Bool {
        let length = text.utf8CodeUnitCount
        guard index + length <= count, memcmp(bytes + index, text.utf8Start, length) == 0 else { return false }
        index += length
        return true
    }

    /// A number literal in the strict grammar (no leading zeros, at most 100 characters).
    private mutating func number() -> String? {
        let start = index
        _ = eat(UInt8(ascii: "-"))
        func digits(_ cursor: inout ByteCursor) -> Int {
            let from = cursor.index
            while cursor.index < cursor.count, cursor.bytes[cursor.index] >= 48, cursor.bytes[cursor.index] <= 57 { cursor.index += 1 }
            return cursor.index - from
        }
        let integerStart = index
        let integerDigits = digits(&self)
        guard integerDigits > 0, !(integerDigits > 1 && bytes[integerStart] == 48) else { return nil }
        if eat(UInt8(ascii: ".")) { guard digits(&self) > 0 else { return nil } }
        if eat(UInt8(ascii: "e")) || eat(UInt8(ascii: "E")) {
            if !eat(UInt8(ascii: "+")) { _ = eat(UInt8(ascii: "-")) }
            guard digits(&self) > 0 else { return nil }
        }
        guard index - start <= 100 else { return nil }
        return String(decoding: UnsafeBufferPointer(start: bytes + start, count: index - start), as: UTF8.self)
    }

    // MARK: Events

    mutating func event(allowID: Bool, depth: Int) -> Event? {
        var type: EventType?, date: LedgerDate?, id: String?, announced: LedgerDate?, status = EventStatus.confirmed
        var sources: [String] = [], note: String?
        var fields = BodyFields()
        let ok = object { cursor, key in
            switch key {
            case .type: type = cursor.enumeration(EventType.self); return type != nil
            case .date: date = cursor.date(); return date != nil
            case .id: guard allowID else { return false }; id = cursor.slug(); return id != nil
            case .announced: announced = cursor.date(); return announced != nil
            case .status: guard let value = cursor.enumeration(EventStatus.self) else { return false }; status = value; return true
            case .sources:
                return cursor.array { cursor in
                    guard let source = cursor.string(), !source.isEmpty else { return false }
                    sources.append(source)
                    return true
                }
            case .note: note = cursor.string(); return note != nil
            default: return fields.read(key, &cursor, depth: depth)
            }
        }
        guard ok, let type, let date, allowID ? id != nil : true,
              let body = fields.body(type, correctsID: id) else { return nil }
        return Event(id: id ?? "", date: date, announced: announced, status: status, sources: sources, note: note, body: body)
    }
}

/// One element of `changes`, before the event's type says whether it is a role or a term change.
private struct ParsedChange {
    var role: String?, term: String?
    var set: JSONValue?, add: String?, remove: JSONValue?

    mutating func read(_ key: Key, _ cursor: inout ByteCursor, depth: Int) -> Bool {
        switch key {
        case .role: role = cursor.string(); return role.map(Slug.isValid) ?? false
        case .term: term = cursor.string(); return term.map(Slug.isValid) ?? false
        case .set: set = cursor.value(depth: depth + 1); return set != nil
        case .add: add = cursor.nonEmptyString(); return add != nil
        case .remove: remove = cursor.value(depth: depth + 1); return remove != nil
        default: return false
        }
    }

    /// As ``EventDecoder``'s role change: exactly one verb; `set` takes a name, names or null.
    var roleChange: RoleChange? {
        guard let role, term == nil else { return nil }
        switch (set, add, remove) {
        case (let value?, nil, nil):
            switch value {
            case .null: return RoleChange(role: role, action: .set([]))
            case .string(let name): return RoleChange(role: role, action: .set([name]))
            case .array(let names):
                var list: [String] = []
                for name in names {
                    guard case .string(let text) = name, !text.isEmpty else { return nil }
                    list.append(text)
                }
                return RoleChange(role: role, action: .set(list))
            default: return nil
            }
        case (nil, let name?, nil): return RoleChange(role: role, action: .add(name))
        case (nil, nil, .string(let name)?) where ByteCursor.isNonBlank(name): return RoleChange(role: role, action: .remove(name))
        default: return nil
        }
    }

    /// As ``EventDecoder``'s term change: `set` any value, or `remove: true`.
    var termChange: TermChange? {
        guard let term, role == nil, add == nil else { return nil }
        switch (set, remove) {
        case (let value?, nil): return TermChange(term: term, action: .set(value))
        case (nil, .bool(true)?): return TermChange(term: term, action: .remove)
        default: return nil
        }
    }
}

/// The type-specific fields of one event, read in any order, assembled at the end.
private struct BodyFields {
    var party: String?, name: String?, kind: PartyKind?
    var partnership: String?, parties: [String]?, terms: [String: JSONValue]?
    var company: String?, round: String?, instrument: Instrument?, investments: [Investment]?
    var preMoney: Money?, postMoney: Money?, money: Money?, basis: String?, period: DatePeriod?
    var changes: [ParsedChange]?
    var stakes: [Holding]?
    var corrects: String?, replacement: Event?, reason: String?, retracts: String?
    var readKeys: UInt64 = 0

    mutating func read(_ key: Key, _ cursor: inout ByteCursor, depth: Int) -> Bool {
        readKeys |= key.bit
        switch key {
        case .party: party = cursor.slug(); return party != nil
        case .name: name = cursor.nonEmptyString(); return name != nil
        case .kind: kind = cursor.enumeration(PartyKind.self); return kind != nil
        case .partnership: partnership = cursor.slug(); return partnership != nil
        case .parties:
            var list: [String] = []
            guard cursor.array({ cursor in
                guard let id = cursor.slug(), !list.contains(id) else { return false }
                list.append(id)
                return true
            }) else { return false }
            parties = list
            return true
        case .terms:
            guard let value = cursor.value(depth: depth + 1), case .object(let members) = value,
                  members.keys.allSatisfy(Slug.isValid) else { return false }
            terms = members
            return true
        case .company: company = cursor.slug(); return company != nil
        case .round: round = cursor.nonEmptyString(); return round != nil
        case .instrument: instrument = cursor.enumeration(Instrument.self); return instrument != nil
        case .investments:
            var list: [Investment] = []
            guard cursor.array({ cursor in
                var investor: String?, amount: Money?
                guard cursor.object({ cursor, key in
                    switch key {
                    case .investor: investor = cursor.slug(); return investor != nil
                    case .amount: amount = cursor.money(); return amount != nil
                    default: return false
                    }
                }), let investor, let amount else { return false }
                list.append(Investment(investor: investor, amount: amount))
                return true
            }) else { return false }
            investments = list
            return true
        case .preMoney: preMoney = cursor.money(); return preMoney != nil
        case .postMoney: postMoney = cursor.money(); return postMoney != nil
        case .value, .amount: money = cursor.money(); return money != nil
        case .basis: basis = cursor.string(); return basis != nil
        case .period:
            var from: LedgerDate?, to: LedgerDate?
            guard cursor.object({ cursor, key in
                switch key {
                case .from: from = cursor.date(); return from != nil
                case .to: to = cursor.date(); return to != nil
                default: return false
                }
            }), let from, let to, from <= to else { return false }
            period = DatePeriod(from: from, to: to)
            return true
        case .changes:
            var list: [ParsedChange] = []
            guard cursor.array({ cursor in
                var change = ParsedChange()
                guard cursor.object({ cursor, key in change.read(key, &cursor, depth: depth + 2) }) else { return false }
                list.append(change)
                return true
            }) else { return false }
            changes = list
            return true
        case .stakes:
            var list: [Holding] = []
            guard cursor.array({ cursor in
                var holder: String?, stake: Decimal?
                guard cursor.object({ cursor, key in
                    switch key {
                    case .holder: holder = cursor.slug(); return holder != nil
                    case .stake: stake = cursor.decimal(atMostOne: true); return stake != nil
                    default: return false
                    }
                }), let holder, let stake, !list.contains(where: { $0.holder == holder }) else { return false }
                list.append(Holding(holder: holder, stake: stake))
                return true
            }) else { return false }
            stakes = list
            return true
        case .corrects: corrects = cursor.slug(); return corrects != nil
        case .retracts: retracts = cursor.slug(); return retracts != nil
        case .reason: reason = cursor.nonEmptyString(); return reason != nil
        case .replacement: replacement = cursor.event(allowID: false, depth: depth + 1); return replacement != nil
        default: return false
        }
    }

    /// Whether only `allowed` keys and all `required` keys were read.
    private func only(_ allowed: [Key], required: [Key]) -> Bool {
        let allowedMask = allowed.reduce(UInt64(0)) { $0 | $1.bit }
        let requiredMask = required.reduce(UInt64(0)) { $0 | $1.bit }
        return readKeys & ~allowedMask == 0 && readKeys & requiredMask == requiredMask
    }

    /// Assembles the body for `type`, with the checks ``EventDecoder`` makes.
    func body(_ type: EventType, correctsID: String?) -> EventBody? {
        switch type {
        case .party:
            guard only([.party, .name, .kind], required: [.party, .name, .kind]), let party, let name, let kind else { return nil }
            return .party(PartyRegistration(party: party, name: name, kind: kind))
        case .partnership:
            guard only([.partnership, .parties, .terms], required: [.partnership, .parties, .terms]),
                  let partnership, let parties, parties.count >= 2, let terms else { return nil }
            return .partnership(PartnershipRegistration(partnership: partnership, parties: parties, terms: terms))
        case .fundingRound:
            guard only([.company, .round, .instrument, .investments, .preMoney, .postMoney, .partnership],
                       required: [.company, .round, .instrument, .investments]),
                  let company, let round, let instrument, let investments, !investments.isEmpty else { return nil }
            let result = FundingRound(company: company, round: round, instrument: instrument, investments: investments,
                                      preMoney: preMoney, postMoney: postMoney, partnership: partnership)
            let currency = investments[0].amount.currency
            guard investments.allSatisfy({ $0.amount.currency == currency }),
                  preMoney.map({ $0.currency == currency }) ?? true, postMoney.map({ $0.currency == currency }) ?? true,
                  let total = result.total else { return nil }
            if let postMoney, postMoney.amount < total.amount { return nil }
            if let postMoney, let preMoney, preMoney.amount + total.amount != postMoney.amount { return nil }
            if instrument == .equity, let post = result.impliedPostMoney, post.amount == 0 { return nil }
            return .fundingRound(result)
        case .valuation:
            guard only([.company, .value, .basis], required: [.company, .value, .basis]), let company, let money,
                  let basis = basis.flatMap(ValuationBasis.init(rawValue:)) else { return nil }
            return .valuation(ValuationReport(company: company, value: money, basis: basis))
        case .revenue:
            guard only([.company, .amount, .basis, .period], required: [.company, .amount, .basis]), let company, let money,
                  let basis = basis.flatMap(RevenueBasis.init(rawValue:)) else { return nil }
            return .revenue(RevenueReport(company: company, amount: money, basis: basis, period: period))
        case .governance:
            guard only([.company, .changes], required: [.company, .changes]), let company, let changes, !changes.isEmpty else { return nil }
            var roles: [RoleChange] = []
            for change in changes {
                guard let role = change.roleChange else { return nil }
                roles.append(role)
            }
            return .governance(GovernanceChange(company: company, changes: roles))
        case .renegotiation:
            guard only([.partnership, .changes], required: [.partnership, .changes]), let partnership, let changes, !changes.isEmpty else { return nil }
            var terms: [TermChange] = []
            for change in changes {
                guard let term = change.termChange else { return nil }
                terms.append(term)
            }
            return .renegotiation(Renegotiation(partnership: partnership, changes: terms))
        case .recapitalization:
            guard only([.company, .stakes, .basis], required: [.company, .stakes]), let company, let stakes, !stakes.isEmpty,
                  stakes.reduce(Decimal(0), { $0 + $1.stake }) <= 1 else { return nil }
            return .recapitalization(Recapitalization(company: company, stakes: stakes, basis: basis))
        case .correction:
            guard only([.corrects, .replacement, .reason], required: [.corrects, .replacement, .reason]),
                  let corrects, var replacement, let reason,
                  replacement.type != .correction, replacement.type != .retraction else { return nil }
            replacement.id = corrects
            return .correction(Correction(corrects: corrects, replacement: replacement, reason: reason))
        case .retraction:
            guard only([.retracts, .reason], required: [.retracts, .reason]), let retracts, let reason else { return nil }
            return .retraction(Retraction(retracts: retracts, reason: reason))
        }
    }
}
