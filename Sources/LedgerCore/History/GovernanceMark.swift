/// A governance event as the report's timeline shows it.
///
/// ```swift
/// GovernanceMark(date: d, company: "openai", changes: [RoleChange(role: "ceo", action: .set(["Sam Altman"]))],
///                eventId: "altman-returns", status: .confirmed, sources: [])
/// ```
public struct GovernanceMark: Hashable, Sendable {
    /// Effective date.
    public var date: LedgerDate
    /// The company governed.
    public var company: String
    /// What changed.
    public var changes: [RoleChange]
    /// The event (for a corrected event, the original id).
    public var eventId: String
    /// How certain the fact is.
    public var status: EventStatus
    /// The event's sources.
    public var sources: [String]

    /// Creates a mark.
    public init(date: LedgerDate, company: String, changes: [RoleChange], eventId: String, status: EventStatus, sources: [String]) {
        self.date = date; self.company = company; self.changes = changes
        self.eventId = eventId; self.status = status; self.sources = sources
    }
}
