/// An event that changed a fact: between the two dates of a diff, or a holder's stake in a stake audit.
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

    /// The event as the fold applied it: for a corrected event, the original id and the correction.
    public init(_ effective: LoggedEvent) {
        let event = effective.event
        self.init(date: event.date, eventId: event.id, correctedBy: effective.correctedBy, type: event.type,
                  status: event.status, sources: event.sources)
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
