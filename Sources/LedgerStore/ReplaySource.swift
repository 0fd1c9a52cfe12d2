import LedgerCore

/// The rows a ``Replay`` reads: the primitives each backend (SQLite, PostgreSQL) answers in its own SQL.
///
/// Everything built on them, the replay itself, amendment resolution and
/// subject replays, is written once over this protocol; so are snapshots
/// (``SnapshotStorage``). Payloads are handed
/// over as the stored bytes, valid only during the call.
protocol ReplaySource: SnapshotStorage {
    /// The scope's stored events dated after `after` (all when nil) and on or before `asOf`, recorded by `maxSeq`,
    /// in (date, seq) order.
    func forEachStored(_ scope: Replay.Scope, after: LedgerDate?, asOf: LedgerDate, maxSeq: Int64,
                       _ body: (Int64, UnsafeRawBufferPointer) throws -> Void) throws
    /// Every correction and retraction recorded by `maxSeq`, in seq order.
    func forEachAmendment(maxSeq: Int64, _ body: (Int64, UnsafeRawBufferPointer) throws -> Void) throws
    /// The amendments indexed under `party` (their target or replacement names it), recorded by `maxSeq`.
    func forEachAmendment(naming party: String, maxSeq: Int64, _ body: (Int64, UnsafeRawBufferPointer) throws -> Void) throws
    /// The amendments of the event `target`, recorded by `maxSeq`.
    func forEachAmendment(of target: String, maxSeq: Int64, _ body: (Int64, UnsafeRawBufferPointer) throws -> Void) throws
    /// The seq of the stored event with this id.
    func seq(ofEvent id: String) throws -> Int64?
    /// Whether the amendment index can answer a subject's replay.
    func hasSubjectIndex() throws -> Bool
    /// The head of the log as this transaction sees it.
    func head() throws -> LogHead
}
