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
        .object([
            "subject": .string(key.subject), "aspect": .string(key.aspect.rawValue), "name": .string(key.name),
            "from": from?.json ?? .null, "to": to?.json ?? .null,
            "causes": .array(causes.map(\.json)),
        ])
    }
}

/// An event that changed a fact between the two dates of a diff.
///
/// ```swift
/// DiffCause(date: date, eventId: "r1", type: .renegotiation, status: .confirmed, sources: [])
/// ```
public struct DiffCause: Hashable, Sendable {
    /// Effective date of the event.
    public var date: LedgerDate
    /// The event's id (for a corrected event, the original id).
    public var eventId: String
    /// The correction whose replacement was applied, if any.
    public var correctedBy: String?
    /// The event's type.
    public var type: EventType
    /// How certain the fact is.
    public var status: EventStatus
    /// The event's sources.
    public var sources: [String]

    /// Creates a cause.
    public init(date: LedgerDate, eventId: String, correctedBy: String? = nil, type: EventType,
                status: EventStatus, sources: [String]) {
        self.date = date; self.eventId = eventId; self.correctedBy = correctedBy
        self.type = type; self.status = status; self.sources = sources
    }

    /// `{"date", "eventId", "type", "status", "sources"}` (and `correctedBy` when set).
    public var json: JSONValue {
        var object: [String: JSONValue] = [
            "date": .string(date.text), "eventId": .string(eventId), "type": .string(type.rawValue),
            "status": .string(status.rawValue), "sources": .array(sources.map(JSONValue.string)),
        ]
        if let correctedBy { object["correctedBy"] = .string(correctedBy) }
        return .object(object)
    }
}
