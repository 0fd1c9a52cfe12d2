import LedgerCore

extension StoredEvent {
    /// The row as a ``LoggedEvent``: decoded, with its seq and recorded time.
    public func logged() throws -> LoggedEvent {
        LoggedEvent(seq: seq, event: try decoded(), recordedAt: try? Timestamp(parsing: recordedAt))
    }
}
