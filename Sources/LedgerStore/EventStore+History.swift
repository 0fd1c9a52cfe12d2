import LedgerCore

/// The reads behind the history views: `audit`, `diff` and `report`.
///
/// The folds themselves (``TermAudit``, ``StateDiff``, ``StakeHistory``,
/// ``SeriesRecorder``) live in LedgerCore; these methods only stream them
/// their input.
extension EventStore {
    /// Streams the effective events of a replay to `asOf`, as known at `knownAt`, in (date, seq) order.
    ///
    /// The same stream ``state(asOf:knownAt:)`` folds, corrections and
    /// retractions resolved, for folds that watch the state move event by event.
    ///
    /// ```swift
    /// var history = StakeHistory(company: "openai")
    /// try store.forEachEffective(asOf: date, knownAt: nil) { history.feed($0) }
    /// ```
    public func forEachEffective(asOf: LedgerDate, knownAt: KnownAt?, _ body: (LoggedEvent) throws -> Void) throws {
        let maxSeq = try maxSeq(for: knownAt)
        try replaying { db in try Replay(scope: .wholeLog, asOf: asOf, maxSeq: maxSeq).forEachEffective(db, body) }
    }

    /// Streams the effective events about `subject` (a party, company or partnership) to `asOf`, as known at
    /// `knownAt`, in (date, seq) order: the stream ``state(of:asOf:knownAt:useSnapshots:)`` folds, for the views
    /// that list a subject's history (``CompanyHistory``) without keeping it in the state.
    ///
    /// Every event that changes the subject is in it; events about other subjects may be too (all of them on a
    /// ledger without the amendment index, where the whole log is streamed).
    ///
    /// ```swift
    /// var history = CompanyHistory()
    /// try store.forEachEffective(of: "openai", asOf: date, knownAt: nil) { history.record($0) }
    /// ```
    public func forEachEffective(of subject: String, asOf: LedgerDate, knownAt: KnownAt?, _ body: (LoggedEvent) throws -> Void) throws {
        let maxSeq = try maxSeq(for: knownAt)
        try replaying { db in
            let scope: Replay.Scope = try db.hasSubjectIndex() ? .subject(subject) : .wholeLog
            try Replay(scope: scope, asOf: asOf, maxSeq: maxSeq).forEachEffective(db, body)
        }
    }

    /// The stored events that name `id` (a party, company or partnership), up to `maxSeq`, in log order.
    ///
    /// Uses the party index, so one partnership's history is read without scanning the log.
    ///
    /// ```swift
    /// let events = try store.loggedEvents(naming: "microsoft-openai", maxSeq: .max)
    /// ```
    public func loggedEvents(naming id: String, maxSeq: Int64) throws -> [LoggedEvent] {
        var events: [LoggedEvent] = []
        try forEachEvent(LogFilter(party: id, maxSeq: maxSeq)) { row in events.append(try row.logged()) }
        return events
    }

    /// Every correction and retraction recorded up to `maxSeq`, with the positions of the events they correct.
    ///
    /// ```swift
    /// let log = try store.amendmentLog(maxSeq: try store.maxSeq(for: knownAt))
    /// ```
    public func amendmentLog(maxSeq: Int64) throws -> AmendmentLog {
        var records: [LoggedEvent] = []
        try forEachEvent(LogFilter(types: [.correction, .retraction], maxSeq: maxSeq)) { row in records.append(try row.logged()) }
        var targetSeqs: [String: Int64] = [:]
        for record in records {
            if case .correction(let c) = record.event.body, targetSeqs[c.corrects] == nil {
                targetSeqs[c.corrects] = try event(id: c.corrects)?.seq
            }
        }
        return AmendmentLog(records: records, targetSeqs: targetSeqs)
    }
}
