import Foundation
import LedgerCore

/// One snapshot checkpoint, as `snapshot list` shows it.
public struct SnapshotInfo: Hashable, Sendable {
    /// The checkpoint's number.
    public var id: Int64
    /// Every event dated on or before this date is in it…
    public var date: LedgerDate
    /// …as recorded by this seq (the log head when it was built).
    public var seq: Int64
    /// The first later seq that makes it unusable (a back-dated event or an amendment); nil while usable by every query.
    public var invalidFrom: Int64?
    /// Events folded into it.
    public var appliedCount: Int
    /// Parties, partnerships and companies stored at this checkpoint (those that changed since the previous one).
    public var parts: Int
    /// Bytes of those parts.
    public var bytes: Int
    /// Whether this build of the ledger can read it (the state's shape matches).
    public var isReadable: Bool
}

/// What a snapshot rebuild did.
public struct SnapshotBuildReport: Hashable, Sendable {
    /// Checkpoints written.
    public var checkpoints: Int
    /// Parts written.
    public var parts: Int
    /// Bytes written.
    public var bytes: Int
    /// Events folded.
    public var events: Int
}

/// Which part of the state a snapshot part holds.
enum SnapshotPartKind: Int64, Sendable {
    case party = 0, partnership = 1, company = 2
}

extension EventStore {
    /// The number of events (in effective order) between two checkpoints, for a log of `count` events.
    ///
    /// A whole-state as-of query loads the nearest checkpoint and replays the events dated after it, so its
    /// cost follows this spacing, not the log's length: a twentieth of the log, at most 25,000 events (a
    /// million-event log gets forty checkpoints; closer ones would store the whole state many more times
    /// over), at least 2,000 (a small log gets only its last).
    public static func defaultSnapshotInterval(eventCount count: Int) -> Int {
        min(25_000, max(2_000, count / 20))
    }

    /// Logs at least this long get snapshots rebuilt after an import of at least this many events.
    public static let snapshotImportThreshold = 10_000

    /// Deletes every snapshot; returns how many checkpoints there were.
    @discardableResult
    public func clearSnapshots() throws -> Int {
        try writingSnapshots { storage in
            guard try storage.hasSnapshotTables() else { return 0 }
            return try storage.deleteSnapshots()
        }
    }

    /// The snapshot checkpoints, oldest first.
    public func snapshots() throws -> [SnapshotInfo] {
        try replaying { storage in
            guard try storage.hasSnapshotTables() else { return [] }
            return try storage.snapshotList(format: Self.snapshotFormat)
        }
    }

    /// Deletes every snapshot and folds the whole log once, writing a checkpoint every `interval` events.
    ///
    /// Snapshots are derived data: this may run at any time, and `verify`
    /// never reads them. A checkpoint is written only between two effective
    /// dates (it holds every event of its date), and the last one holds the
    /// whole log. Every ``SnapshotBuilder/keyFrameEvery``-th checkpoint (a key
    /// frame, the first among them) stores every party, partnership and
    /// company; the others store only those that changed since the previous
    /// checkpoint. A checkpoint's `generation` is its key frame, so loading one
    /// reads its key frame and the changes since, however many checkpoints
    /// the log has. The same policy for both backends; appends wait while it
    /// runs (readers do not).
    public func rebuildSnapshots(interval: Int? = nil) throws -> SnapshotBuildReport {
        try writingSnapshots { storage in
            try storage.lockAppends()
            _ = try storage.deleteSnapshots()
            let head = try storage.head().seq
            // A state shape the codec does not cover gets no snapshots (queries replay the log).
            guard head > 0, StateCodec.coversCurrentLayout else { return SnapshotBuildReport(checkpoints: 0, parts: 0, bytes: 0, events: 0) }
            let every = interval ?? Self.defaultSnapshotInterval(eventCount: Int(head))
            var builder = try SnapshotBuilder(storage, head: head)
            var state = LedgerState()
            var sinceCheckpoint = 0
            try Replay(scope: .wholeLog, asOf: Replay.endOfTime, maxSeq: head).forEachEffective(storage, betweenDates: { date, flush in
                guard sinceCheckpoint >= every else { return }
                try flush()
                try builder.checkpoint(state, date: date)
                sinceCheckpoint = 0
            }) { effective in
                guard state.apply(effective) else { throw LedgerError.runningTotalOutOfRange(eventId: effective.event.id) }
                builder.touch(effective.event)
                sinceCheckpoint += 1
            }
            if let last = state.lastDate { try builder.checkpoint(state, date: last) }
            return builder.report(events: state.appliedCount)
        }
    }

    /// Runs `body` on the backend's snapshot storage and replay source, in one write transaction.
    private func writingSnapshots<T>(_ body: (any ReplaySource) throws -> T) throws -> T {
        switch backend {
        case .sqlite: return try write { db in try body(db) }
        case .postgres(let log): return try log.writing { session in try body(session) }
        }
    }

    /// The snapshot format this build writes and reads: the coder's version and the state's shape.
    static let snapshotFormat = StateCodec.format + ";" + LedgerState.layoutFingerprint
}

extension SnapshotStorage {
    /// The best usable checkpoint for a replay to `asOf` known at `maxSeq`: the latest one dated on or before `asOf`.
    func usableCheckpoint(asOf: LedgerDate, maxSeq: Int64) throws -> Checkpoint? {
        guard StateCodec.coversCurrentLayout, try hasSnapshotTables() else { return nil }
        return try latestCheckpoint(asOf: asOf, maxSeq: maxSeq, format: EventStore.snapshotFormat)
    }

    /// The whole state as of a checkpoint; nil when the snapshot cannot be read (a cache miss, never an answer).
    func loadCheckpoint(_ checkpoint: Checkpoint) throws -> LedgerState? {
        var state = LedgerState()
        state.appliedCount = checkpoint.appliedCount
        state.lastDate = checkpoint.lastDate
        // The latest part of each party, partnership and company up to the checkpoint.
        do {
            try forEachLatestPart(generation: checkpoint.generation, through: checkpoint.id) { kind, key, body in
                guard let kind = SnapshotPartKind(rawValue: kind) else { throw StateCodecError() }
                switch kind {
                case .party: state.parties[key] = try StateCodec.readParty(from: body)
                case .partnership: state.partnerships[key] = try StateCodec.readPartnership(from: body)
                case .company: state.companies[key] = try StateCodec.readCompany(from: body)
                }
            }
        } catch is StateCodecError {
            return nil
        }
        return state
    }

    /// The subject's company and partnership as of a checkpoint; nil when the snapshot cannot be read.
    func loadSubject(_ subject: String, at checkpoint: Checkpoint) throws -> LedgerState? {
        var state = LedgerState()
        do {
            try latestPart(kind: SnapshotPartKind.partnership.rawValue, key: subject, generation: checkpoint.generation, through: checkpoint.id) { body in
                state.partnerships[subject] = try StateCodec.readPartnership(from: body)
            }
            try latestPart(kind: SnapshotPartKind.company.rawValue, key: subject, generation: checkpoint.generation, through: checkpoint.id) { body in
                state.companies[subject] = try StateCodec.readCompany(from: body)
            }
        } catch is StateCodecError {
            return nil
        }
        return state
    }
}

/// A usable snapshot checkpoint.
struct Checkpoint {
    var id: Int64
    var generation: Int64
    var date: LedgerDate
    var seq: Int64
    var appliedCount: Int
    var lastDate: LedgerDate?
}

/// Writes the checkpoints of one rebuild: every part at a key frame, else the parts that changed since the previous checkpoint.
private struct SnapshotBuilder {
    /// One checkpoint in this many is a key frame: loading reads at most this many checkpoints' parts.
    static let keyFrameEvery = 8

    let storage: any SnapshotStorage
    let head: Int64
    /// The latest key frame: the first checkpoint whose parts a load of the next checkpoint reads.
    var generation: Int64
    var nextID: Int64
    var touched: Set<String> = []
    var buffer: [UInt8] = []
    var pending: [SnapshotPart] = []
    var checkpoints = 0
    var parts = 0
    var bytes = 0
    let createdAt = Timestamp.now().text

    init(_ storage: any SnapshotStorage, head: Int64) throws {
        self.storage = storage
        self.head = head
        generation = try storage.nextSnapshotID()
        nextID = generation
    }

    /// Notes the ids an applied event may have changed (everything it names).
    mutating func touch(_ event: Event) {
        for id in event.namedIDs { touched.insert(id) }
    }

    mutating func checkpoint(_ state: LedgerState, date: LedgerDate) throws {
        let id = nextID
        nextID += 1
        let keyFrame = checkpoints % Self.keyFrameEvery == 0
        if keyFrame { generation = id }
        try storage.insertCheckpoint(Checkpoint(id: id, generation: generation, date: date, seq: head, appliedCount: state.appliedCount,
                                                lastDate: state.lastDate),
                                     format: EventStore.snapshotFormat, createdAt: createdAt)
        let keys = keyFrame ? Set(state.parties.keys).union(state.partnerships.keys).union(state.companies.keys) : touched
        for key in keys.sorted() {
            if let party = state.parties[key] { StateCodec.write(party, into: &buffer); add(.party, key, id) }
            if let partnership = state.partnerships[key] { StateCodec.write(partnership, into: &buffer); add(.partnership, key, id) }
            if let company = state.companies[key] { StateCodec.write(company, into: &buffer); add(.company, key, id) }
        }
        try storage.insertParts(pending)
        pending.removeAll(keepingCapacity: true)
        touched.removeAll(keepingCapacity: true)
        checkpoints += 1
    }

    private mutating func add(_ kind: SnapshotPartKind, _ key: String, _ id: Int64) {
        pending.append(SnapshotPart(kind: kind, key: key, snapshot: id, body: buffer))
        parts += 1
        bytes += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    func report(events: Int) -> SnapshotBuildReport {
        SnapshotBuildReport(checkpoints: checkpoints, parts: parts, bytes: bytes, events: events)
    }
}

/// Marks the snapshots an append makes unusable, as the batch's events are stored.
///
/// Only an event dated before every earlier event of the batch can reach a
/// snapshot the batch has not already marked, and only the batch's first
/// correction or retraction matters, so a batch runs few updates.
struct SnapshotInvalidation {
    private var earliestDate: LedgerDate?
    private var sawAmendment = false

    mutating func record(seq: Int64, date: LedgerDate, type: EventType, _ storage: some SnapshotStorage) throws {
        if type == .correction || type == .retraction {
            guard !sawAmendment else { return }
            sawAmendment = true
            try storage.invalidateSnapshots(from: seq, datedFrom: nil)
        } else if earliestDate.map({ date < $0 }) ?? true {
            earliestDate = date
            try storage.invalidateSnapshots(from: seq, datedFrom: date)
        }
    }
}
