import Foundation

extension Event {
    /// The normalized JSON object of this event, as the store keeps it.
    ///
    /// Defaults are written out (`status`), decimals are printed plainly, and
    /// keys are sorted by the canonical encoder, so decoding and re-encoding
    /// an event gives the same bytes every time.
    public var json: JSONValue { jsonObject(includeID: true) }

    /// The canonical text of ``json``: the bytes stored and hashed (written directly, see ``writeCanonical(into:)``).
    public var canonicalText: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(384)
        writeCanonical(into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    func jsonObject(includeID: Bool) -> JSONValue {
        var object: [String: JSONValue] = [
            "type": .string(type.rawValue),
            "date": .string(date.text),
            "status": .string(status.rawValue),
        ]
        if includeID { object["id"] = .string(id) }
        if let announced { object["announced"] = .string(announced.text) }
        if !sources.isEmpty { object["sources"] = .array(sources.map(JSONValue.string)) }
        if let note { object["note"] = .string(note) }
        object.merge(body.jsonFields) { _, new in new }
        return .object(object)
    }

    /// Every party, company or partnership id this event names (for the party index).
    public var namedIDs: [String] {
        var ids: [String]
        switch body {
        case .party(let p): ids = [p.party]
        case .partnership(let p): ids = [p.partnership] + p.parties
        case .fundingRound(let r): ids = [r.company] + r.investments.map(\.investor) + (r.partnership.map { [$0] } ?? [])
        case .valuation(let v): ids = [v.company]
        case .revenue(let r): ids = [r.company]
        case .governance(let g): ids = [g.company]
        case .renegotiation(let r): ids = [r.partnership]
        case .recapitalization(let r): ids = [r.company] + r.stakes.map(\.holder)
        case .correction(let c): ids = c.replacement.namedIDs
        case .retraction: ids = []
        }
        // Few ids per event: a linear scan dedupes without allocating a set.
        var unique: [String] = []
        unique.reserveCapacity(ids.count)
        for id in ids where !unique.contains(id) { unique.append(id) }
        return unique
    }
}

extension EventBody {
    var jsonFields: [String: JSONValue] {
        switch self {
        case .party(let p):
            return ["party": .string(p.party), "name": .string(p.name), "kind": .string(p.kind.rawValue)]
        case .partnership(let p):
            return ["partnership": .string(p.partnership), "parties": .array(p.parties.map(JSONValue.string)), "terms": .object(p.terms)]
        case .fundingRound(let r):
            var fields: [String: JSONValue] = [
                "company": .string(r.company), "round": .string(r.round), "instrument": .string(r.instrument.rawValue),
                "investments": .array(r.investments.map { .object(["investor": .string($0.investor), "amount": $0.amount.json]) }),
            ]
            if let pre = r.preMoney { fields["preMoney"] = pre.json }
            if let post = r.postMoney { fields["postMoney"] = post.json }
            if let partnership = r.partnership { fields["partnership"] = .string(partnership) }
            return fields
        case .valuation(let v):
            return ["company": .string(v.company), "value": v.value.json, "basis": .string(v.basis.rawValue)]
        case .revenue(let r):
            var fields: [String: JSONValue] = ["company": .string(r.company), "amount": r.amount.json, "basis": .string(r.basis.rawValue)]
            if let period = r.period { fields["period"] = .object(["from": .string(period.from.text), "to": .string(period.to.text)]) }
            return fields
        case .governance(let g):
            return ["company": .string(g.company), "changes": .array(g.changes.map(\.json))]
        case .renegotiation(let r):
            return ["partnership": .string(r.partnership), "changes": .array(r.changes.map(\.json))]
        case .recapitalization(let r):
            var fields: [String: JSONValue] = [
                "company": .string(r.company),
                "stakes": .array(r.stakes.map { .object(["holder": .string($0.holder), "stake": .string(ExactDecimal.text($0.stake))]) }),
            ]
            if let basis = r.basis { fields["basis"] = .string(basis) }
            return fields
        case .correction(let c):
            return ["corrects": .string(c.corrects), "replacement": c.replacement.jsonObject(includeID: false), "reason": .string(c.reason)]
        case .retraction(let r):
            return ["retracts": .string(r.retracts), "reason": .string(r.reason)]
        }
    }
}

extension RoleChange {
    /// The JSON form `{"role": …, "set"|"add"|"remove": …}`.
    public var json: JSONValue {
        switch action {
        case .set(let names):
            let value: JSONValue = names.isEmpty ? .null : names.count == 1 ? .string(names[0]) : .array(names.map(JSONValue.string))
            return .object(["role": .string(role), "set": value])
        case .add(let name): return .object(["role": .string(role), "add": .string(name)])
        case .remove(let name): return .object(["role": .string(role), "remove": .string(name)])
        }
    }
}

extension TermChange {
    /// The JSON form `{"term": …, "set": value}` or `{"term": …, "remove": true}`.
    public var json: JSONValue {
        switch action {
        case .set(let value): .object(["term": .string(term), "set": value])
        case .remove: .object(["term": .string(term), "remove": .bool(true)])
        }
    }
}
