import Foundation

extension Event {
    /// Appends the canonical bytes of this event (those of ``json``) to `out`, without building a ``JSONValue``.
    ///
    /// Storing an event writes its canonical text; building the JSON tree
    /// first (dictionaries, then sorting their keys) costs more than the
    /// insert. This writer emits each type's fields directly in canonical key
    /// order and escapes strings the same way, so the bytes equal
    /// `json.canonicalText` for every event (the tests compare them).
    ///
    /// ```swift
    /// var bytes: [UInt8] = []
    /// event.writeCanonical(into: &bytes)
    /// ```
    public func writeCanonical(into out: inout [UInt8]) {
        writeCanonical(into: &out, includeID: true)
    }

    func writeCanonical(into out: inout [UInt8], includeID: Bool) {
        var object = CanonicalObjectWriter(&out)
        // Keys in byte order: amount announced basis changes company corrects date id instrument investments kind name
        // note parties partnership party period postMoney preMoney reason replacement retracts round sources stakes
        // status terms type value.
        switch body {
        case .revenue(let r): object.key("amount", &out); r.amount.writeCanonical(into: &out)
        default: break
        }
        if let announced { object.key("announced", &out); JSONValue.writeString(announced.text, into: &out) }
        switch body {
        case .valuation(let v): object.key("basis", &out); JSONValue.writeString(v.basis.rawValue, into: &out)
        case .revenue(let r): object.key("basis", &out); JSONValue.writeString(r.basis.rawValue, into: &out)
        case .recapitalization(let r): if let basis = r.basis { object.key("basis", &out); JSONValue.writeString(basis, into: &out) }
        default: break
        }
        switch body {
        case .governance(let g):
            object.key("changes", &out)
            CanonicalObjectWriter.array(g.changes, &out) { change, out in change.writeCanonical(into: &out) }
        case .renegotiation(let r):
            object.key("changes", &out)
            CanonicalObjectWriter.array(r.changes, &out) { change, out in change.writeCanonical(into: &out) }
        default: break
        }
        switch body {
        case .fundingRound(let r): object.key("company", &out); JSONValue.writeString(r.company, into: &out)
        case .valuation(let v): object.key("company", &out); JSONValue.writeString(v.company, into: &out)
        case .revenue(let r): object.key("company", &out); JSONValue.writeString(r.company, into: &out)
        case .governance(let g): object.key("company", &out); JSONValue.writeString(g.company, into: &out)
        case .recapitalization(let r): object.key("company", &out); JSONValue.writeString(r.company, into: &out)
        default: break
        }
        if case .correction(let c) = body { object.key("corrects", &out); JSONValue.writeString(c.corrects, into: &out) }
        object.key("date", &out); JSONValue.writeString(date.text, into: &out)
        if includeID { object.key("id", &out); JSONValue.writeString(id, into: &out) }
        if case .fundingRound(let r) = body {
            object.key("instrument", &out); JSONValue.writeString(r.instrument.rawValue, into: &out)
            object.key("investments", &out)
            CanonicalObjectWriter.array(r.investments, &out) { investment, out in
                var item = CanonicalObjectWriter(&out)
                item.key("amount", &out); investment.amount.writeCanonical(into: &out)
                item.key("investor", &out); JSONValue.writeString(investment.investor, into: &out)
                item.close(&out)
            }
        }
        if case .party(let p) = body {
            object.key("kind", &out); JSONValue.writeString(p.kind.rawValue, into: &out)
            object.key("name", &out); JSONValue.writeString(p.name, into: &out)
        }
        if let note { object.key("note", &out); JSONValue.writeString(note, into: &out) }
        switch body {
        case .partnership(let p):
            object.key("parties", &out); CanonicalObjectWriter.array(p.parties, &out) { party, out in JSONValue.writeString(party, into: &out) }
            object.key("partnership", &out); JSONValue.writeString(p.partnership, into: &out)
        case .fundingRound(let r): if let partnership = r.partnership { object.key("partnership", &out); JSONValue.writeString(partnership, into: &out) }
        case .renegotiation(let r): object.key("partnership", &out); JSONValue.writeString(r.partnership, into: &out)
        case .party(let p): object.key("party", &out); JSONValue.writeString(p.party, into: &out)
        default: break
        }
        switch body {
        case .revenue(let r):
            if let period = r.period {
                object.key("period", &out)
                var item = CanonicalObjectWriter(&out)
                item.key("from", &out); JSONValue.writeString(period.from.text, into: &out)
                item.key("to", &out); JSONValue.writeString(period.to.text, into: &out)
                item.close(&out)
            }
        case .fundingRound(let r):
            if let post = r.postMoney { object.key("postMoney", &out); post.writeCanonical(into: &out) }
            if let pre = r.preMoney { object.key("preMoney", &out); pre.writeCanonical(into: &out) }
        default: break
        }
        switch body {
        case .correction(let c):
            object.key("reason", &out); JSONValue.writeString(c.reason, into: &out)
            object.key("replacement", &out); c.replacement.writeCanonical(into: &out, includeID: false)
        case .retraction(let r):
            object.key("reason", &out); JSONValue.writeString(r.reason, into: &out)
            object.key("retracts", &out); JSONValue.writeString(r.retracts, into: &out)
        case .fundingRound(let r): object.key("round", &out); JSONValue.writeString(r.round, into: &out)
        default: break
        }
        if !sources.isEmpty { object.key("sources", &out); CanonicalObjectWriter.array(sources, &out) { source, out in JSONValue.writeString(source, into: &out) } }
        if case .recapitalization(let r) = body {
            object.key("stakes", &out)
            CanonicalObjectWriter.array(r.stakes, &out) { holding, out in
                var item = CanonicalObjectWriter(&out)
                item.key("holder", &out); JSONValue.writeString(holding.holder, into: &out)
                item.key("stake", &out); JSONValue.writeString(ExactDecimal.text(holding.stake), into: &out)
                item.close(&out)
            }
        }
        object.key("status", &out); JSONValue.writeString(status.rawValue, into: &out)
        if case .partnership(let p) = body { object.key("terms", &out); JSONValue.object(p.terms).encodeCanonical(into: &out) }
        object.key("type", &out); JSONValue.writeString(type.rawValue, into: &out)
        if case .valuation(let v) = body { object.key("value", &out); v.value.writeCanonical(into: &out) }
        object.close(&out)
    }
}

extension Money {
    /// Appends `{"amount":"…","currency":"…"}`.
    func writeCanonical(into out: inout [UInt8]) {
        var object = CanonicalObjectWriter(&out)
        object.key("amount", &out); JSONValue.writeString(ExactDecimal.text(amount), into: &out)
        object.key("currency", &out); JSONValue.writeString(currency, into: &out)
        object.close(&out)
    }
}

extension RoleChange {
    func writeCanonical(into out: inout [UInt8]) {
        var object = CanonicalObjectWriter(&out)
        switch action {
        case .add(let name): object.key("add", &out); JSONValue.writeString(name, into: &out)
        case .remove(let name): object.key("remove", &out); JSONValue.writeString(name, into: &out)
        case .set: break
        }
        object.key("role", &out); JSONValue.writeString(role, into: &out)
        if case .set(let names) = action {
            object.key("set", &out)
            switch names.count {
            case 0: out.append(contentsOf: "null".utf8)
            case 1: JSONValue.writeString(names[0], into: &out)
            default: CanonicalObjectWriter.array(names, &out) { name, out in JSONValue.writeString(name, into: &out) }
            }
        }
        object.close(&out)
    }
}

extension TermChange {
    func writeCanonical(into out: inout [UInt8]) {
        var object = CanonicalObjectWriter(&out)
        switch action {
        case .remove: object.key("remove", &out); out.append(contentsOf: "true".utf8)
        case .set(let value): object.key("set", &out); value.encodeCanonical(into: &out)
        }
        object.key("term", &out); JSONValue.writeString(term, into: &out)
        object.close(&out)
    }
}

/// Writes one JSON object whose keys the caller gives in canonical order.
struct CanonicalObjectWriter {
    private var first = true

    /// Opens the object: writes `{`.
    init(_ out: inout [UInt8]) { out.append(UInt8(ascii: "{")) }

    /// Writes the separator and `"name":`.
    mutating func key(_ name: StaticString, _ out: inout [UInt8]) {
        if !first { out.append(UInt8(ascii: ",")) }
        first = false
        out.append(UInt8(ascii: "\""))
        out.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        out.append(UInt8(ascii: "\""))
        out.append(UInt8(ascii: ":"))
    }

    /// Writes a JSON array of `items`.
    static func array<T>(_ items: [T], _ out: inout [UInt8], _ write: (T, inout [UInt8]) -> Void) {
        out.append(UInt8(ascii: "["))
        for (offset, item) in items.enumerated() {
            if offset > 0 { out.append(UInt8(ascii: ",")) }
            write(item, &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    /// Closes the object: writes `}`.
    func close(_ out: inout [UInt8]) { out.append(UInt8(ascii: "}")) }
}
