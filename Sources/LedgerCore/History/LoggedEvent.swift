/// A stored event at its place in the log, before corrections are resolved.
///
/// The history views (audit, diff, report) need what a plain replay throws
/// away: the log position and the recorded time, so they can say when a
/// belief changed, not only what is believed now.
///
/// ```swift
/// let logged = LoggedEvent(seq: 12, event: event, recordedAt: try Timestamp(parsing: "2026-01-05T10:00:00Z"))
/// ```
public struct LoggedEvent: Hashable, Sendable {
    /// Position in the log.
    public var seq: Int64
    /// The event as stored.
    public var event: Event
    /// When the ledger recorded it, when known.
    public var recordedAt: Timestamp?

    /// Creates a logged event.
    public init(seq: Int64, event: Event, recordedAt: Timestamp? = nil) {
        self.seq = seq; self.event = event; self.recordedAt = recordedAt
    }
}
