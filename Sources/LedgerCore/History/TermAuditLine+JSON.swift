extension TermAuditLine {
    /// One element of `changes` in `audit PARTNERSHIP --format json` (CONTRACT.md §3).
    ///
    /// The contract's fields (`date`, `term`, `from`, `to`, `eventId`, `type`,
    /// `sources`) come first in meaning; `status`, `action`, `effect` and the
    /// amendment fields are additions. `from`/`to` are null when the term was
    /// not in force.
    ///
    /// ```json
    /// {"date": "2025-10-28", "term": "exclusivity", "from": {…}, "to": null, "eventId": "…",
    ///  "type": "renegotiation", "sources": ["…"], "status": "confirmed", "action": "remove", "effect": "in-force"}
    /// ```
    public var json: JSONValue {
        var object: [String: JSONValue] = [
            "date": .string(date.text),
            "term": .string(term),
            "from": from ?? .null,
            "to": to ?? .null,
            "eventId": .string(eventId),
            "type": .string(type.rawValue),
            "sources": .array(sources.map(JSONValue.string)),
            "status": .string(status.rawValue),
            "action": .string(action.rawValue),
            "effect": .string(effect.rawValue),
        ]
        if let amends { object["amends"] = .string(amends) }
        if let reason { object["reason"] = .string(reason) }
        if let amendedBy { object["amendedBy"] = .string(amendedBy) }
        if let amendedOn { object["amendedOn"] = .string(amendedOn.text) }
        if let amendedRecordedAt { object["amendedRecordedAt"] = .string(amendedRecordedAt.text) }
        if let changes = MemberChange.between(from, to), !changes.isEmpty {
            object["members"] = .object(Dictionary(uniqueKeysWithValues: changes.map { change in
                var member: [String: JSONValue] = ["from": change.from ?? .null, "to": change.to ?? .null]
                if let claim = members[change.key] {
                    member["status"] = .string(claim.origin.status.rawValue)
                    member["eventId"] = .string(claim.origin.eventId)
                }
                return (change.key, .object(member))
            }))
        }
        if scheduled { object["scheduled"] = .bool(true) }
        return .object(object)
    }
}
