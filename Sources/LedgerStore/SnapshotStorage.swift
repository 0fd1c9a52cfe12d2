import LedgerCore

/// The snapshot rows a backend keeps, in its own SQL: the storage under the one snapshot policy.
///
/// What a checkpoint holds, when one is written and how it is encoded
/// (``StateCodec``) are decided once, in `EventStore+Snapshots`, for every
/// backend; a conformer (SQLite's `Database`, a PostgreSQL session) only
/// stores and finds the rows. Snapshots are derived data: they may be
/// deleted and rebuilt at any time, and readers never use one marked
/// invalid for their known-at bound.
protocol SnapshotStorage {
    /// Whether the snapshot tables exist (a ledger opened read-only may predate them).
    func hasSnapshotTables() throws -> Bool
    /// The latest checkpoint written in `format`, dated on or before `asOf`, recorded by `maxSeq` and still valid at `maxSeq`.
    func latestCheckpoint(asOf: LedgerDate, maxSeq: Int64, format: String) throws -> Checkpoint?
    /// Calls `body` with the kind, key and body of the latest part of each key in checkpoints `generation` through `id`.
    func forEachLatestPart(generation: Int64, through id: Int64, _ body: (Int64, String, UnsafeRawBufferPointer) throws -> Void) throws
    /// Calls `body` with the body of the latest part of `kind` and `key` in checkpoints `generation` through `id`, if any.
    func latestPart(kind: Int64, key: String, generation: Int64, through id: Int64, _ body: (UnsafeRawBufferPointer) throws -> Void) throws
    /// Every checkpoint with its part count and bytes, oldest first; readable when written in `format`.
    func snapshotList(format: String) throws -> [SnapshotInfo]
    /// Deletes every checkpoint and part; returns how many checkpoints there were.
    func deleteSnapshots() throws -> Int
    /// The id the next rebuild's first checkpoint takes (greater than every id used so far).
    func nextSnapshotID() throws -> Int64
    /// Stores one checkpoint row, written in `format` at `createdAt`.
    func insertCheckpoint(_ checkpoint: Checkpoint, format: String, createdAt: String) throws
    /// Stores the parts of one checkpoint.
    func insertParts(_ parts: [SnapshotPart]) throws
    /// Marks every still-valid checkpoint dated on or after `date` (all when nil) unusable from `seq` on.
    func invalidateSnapshots(from seq: Int64, datedFrom date: LedgerDate?) throws
    /// Holds back appends until this transaction ends, so a rebuild sees one head and no append can miss its checkpoints.
    func lockAppends() throws
}

/// One party, partnership or company of a checkpoint, encoded by ``StateCodec``.
struct SnapshotPart {
    var kind: SnapshotPartKind
    var key: String
    var snapshot: Int64
    var body: [UInt8]
}
