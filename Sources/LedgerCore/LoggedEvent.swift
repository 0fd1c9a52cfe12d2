/// An event at its place in the log: what replay, the fold and the history views read.
///
/// The event carries the effective date; this adds the log's side of the
/// three clocks: `seq` (the log position, which orders same-date events in
/// replay) and, where a view asks for it, `recordedAt` (transaction time, for
/// `--known-at` audits). Replay resolves corrections before the fold: a
/// replacement keeps its original's `seq` and names the correction in
/// `correctedBy`. Read straight from the log, `correctedBy` is nil.
///
/// ```swift
/// state.apply(LoggedEvent(seq: 12, event: event))
/// let audited = LoggedEvent(seq: 12, event: event, recordedAt: try Timestamp(parsing: "2026-01-05T10:00:00Z"))
/// ```
public struct LoggedEvent: Hashable, Sendable {
    /// The log position of the event (of the original, for a replacement).
    public var seq: Int64
    /// The event as stored, or its replacement when replay resolved a correction.
    public var event: Event
    /// When the ledger recorded it, when read with it.
    public var recordedAt: Timestamp?
    /// The id of the correction that replaced it, once replay resolved corrections.
    public var correctedBy: String?

    /// Creates a logged event.
    public init(seq: Int64, event: Event, recordedAt: Timestamp? = nil, correctedBy: String? = nil) {
        self.seq = seq; self.event = event; self.recordedAt = recordedAt; self.correctedBy = correctedBy
    }
}
