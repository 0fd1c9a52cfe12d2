/// One fact that differs between two as-of dates, with the events in between that moved it.
///
/// ```swift
/// // openai stake microsoft: 0.49 → 0.27, caused by 2025-10-28-openai-recapitalization
/// difference.key.aspect == .stake
/// ```
public struct StateDifference: Hashable, Sendable {
    /// Which fact.
    public var key: FactKey
    /// Its value at the first date; nil when it did not exist.
    public var from: FactValue?
    /// Its value at the second date; nil when it no longer exists.
    public var to: FactValue?
    /// The events between the dates that changed it, in replay order.
    public var causes: [DiffCause]

    /// Creates a difference.
    public init(key: FactKey, from: FactValue?, to: FactValue?, causes: [DiffCause]) {
        self.key = key; self.from = from; self.to = to; self.causes = causes
    }

    /// One element of `differences` in `diff --format json`.
    ///
    /// ```json
    /// {"subject": "openai", "aspect": "stake", "name": "microsoft", "from": "0.49", "to": "0.27",
    ///  "causes": [{"date": "2025-10-28", "eventId": "…", "type": "recapitalization", "status": "confirmed"}]}
    /// ```
    public var json: JSONValue {
        var object: [String: JSONValue] = [
            "subject": .string(key.subject), "aspect": .string(key.aspect.rawValue), "name": .string(key.name),
            "from": from?.json ?? .null, "to": to?.json ?? .null,
            "causes": .array(causes.map(\.json)),
        ]
        let changes = memberChanges
        if !changes.isEmpty {
            object["members"] = .object(Dictionary(uniqueKeysWithValues: changes.map { change in
                var member: [String: JSONValue] = ["from": change.change.from ?? .null, "to": change.change.to ?? .null]
                if let status = change.status { member["status"] = .string(status.rawValue) }
                return (change.change.key, .object(member))
            }))
        }
        return .object(object)
    }

    /// For a term: each member whose value or status changed, with the status of its claim at the second date
    /// (nil when the member is gone).
    public var memberChanges: [(change: MemberChange, status: EventStatus?)] {
        guard case .term(let before, let beforeStatus)? = from, case .term(let after, let afterStatus)? = to,
              case .object(let old) = before, case .object(let new) = after else { return [] }
        return Set(old.keys).union(new.keys).sorted().compactMap { key in
            guard old[key] != new[key] || beforeStatus[key] != afterStatus[key] else { return nil }
            return (MemberChange(key: key, from: old[key], to: new[key]), afterStatus[key])
        }
    }
}
