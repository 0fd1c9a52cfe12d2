import Foundation
internal import GRDB
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
enum SnapshotPartKind: Int64 {
    case party = 0, partnership = 1, company = 2
}

extension EventStore {
    /// The number of events (in effective order) between two checkpoints, for a log of `count` events.
    public static func defaultSnapshotInterval(eventCount count: Int) -> Int {
        min(250_000, max(2_000, count / 4))
    }

    /// Logs at least this long get snapshots rebuilt after an import of at least this many events.
    public static let snapshotImportThreshold = 10_000

    /// Deletes every snapshot; returns how many checkpoints there were.
    @discardableResult
    public func clearSnapshots() throws -> Int {
        guard keepsSnapshots else { return 0 }
        return try write { db in
            guard try Self.hasSnapshotTables(db) else { return 0 }
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM snapshot") ?? 0
            try db.execute(sql: "DELETE FROM snapshot_part; DELETE FROM snapshot")
            return count
        }
    }

    /// The snapshot checkpoints, oldest first.
    public func snapshots() throws -> [SnapshotInfo] {
        guard keepsSnapshots else { return [] }
        return try read { db in
            guard try Self.hasSnapshotTables(db) else { return [] }
            return try Row.fetchAll(db, sql: """
                SELECT s.id, s.date, s.seq, s.invalidFrom, s.appliedCount, s.format,
                       (SELECT count(*) FROM snapshot_part p WHERE p.snapshot = s.id),
                       (SELECT coalesce(sum(length(body)), 0) FROM snapshot_part p WHERE p.snapshot = s.id)
                FROM snapshot s ORDER BY s.date, s.id
                """).map { row in
                SnapshotInfo(id: row[0], date: try LedgerDate(parsing: row[1]), seq: row[2], invalidFrom: row[3], appliedCount: row[4],
                             parts: row[6], bytes: row[7], isReadable: (row[5] as String) == Self.snapshotFormat)
            }
        }
    }

    /// Deletes every snapshot and folds the whole log once, writing a checkpoint every `interval` events.
    ///
    /// Snapshots are derived data: this may run at any time, and `verify`
    /// never reads them. A checkpoint is written only between two effective
    /// dates (it holds every event of its date), and the last one holds the
    /// whole log. Each checkpoint stores only the parties, partnerships and
    /// companies that changed since the previous one.
    ///
    /// Only SQLite ledgers keep snapshots: on PostgreSQL this is refused with a plain message (queries replay the log there).
    public func rebuildSnapshots(interval: Int? = nil) throws -> SnapshotBuildReport {
        guard keepsSnapshots else {
            throw LedgerError("snapshots are kept only in SQLite ledgers; a PostgreSQL ledger (\(postgresURL ?? "")) replays its log for every query")
        }
        return try write { db in
            try db.execute(sql: "DELETE FROM snapshot_part; DELETE FROM snapshot")
            let head = try Self.head(db).seq
            // A state shape the codec does not cover gets no snapshots (queries replay the log).
            guard head > 0, StateCodec.coversCurrentLayout else { return SnapshotBuildReport(checkpoints: 0, parts: 0, bytes: 0, events: 0) }
            let every = interval ?? Self.defaultSnapshotInterval(eventCount: Int(head))
            var builder = try SnapshotBuilder(db, head: head)
            var state = LedgerState()
            var sinceCheckpoint = 0
            try Replay(scope: .wholeLog, asOf: Replay.endOfTime, maxSeq: head).forEachEffective(db, betweenDates: { date, flush in
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

    /// The snapshot format this build writes and reads: the coder's version and the state's shape.
    static let snapshotFormat = StateCodec.format + ";" + LedgerState.layoutFingerprint

    /// The best usable checkpoint for a replay to `asOf` known at `maxSeq`: the latest one dated on or before `asOf`.
    static func usableCheckpoint(_ db: Database, asOf: LedgerDate, maxSeq: Int64) throws -> Checkpoint? {
        guard StateCodec.coversCurrentLayout, try hasSnapshotTables(db) else { return nil }
        let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT id, generation, date, seq, appliedCount, lastDate FROM snapshot
            WHERE date <= ? AND seq <= ? AND (invalidFrom IS NULL OR invalidFrom > ?) AND format = ?
            ORDER BY date DESC, id DESC LIMIT 1
            """), arguments: [asOf.text, maxSeq, maxSeq, snapshotFormat])
        guard let row else { return nil }
        return Checkpoint(id: row[0], generation: row[1], date: try LedgerDate(parsing: row[2]), seq: row[3],
                          appliedCount: row[4], lastDate: try (row[5] as String?).map { try LedgerDate(parsing: $0) })
    }

    /// The whole state as of a checkpoint; nil when the snapshot cannot be read (a cache miss, never an answer).
    static func loadCheckpoint(_ db: Database, _ checkpoint: Checkpoint) throws -> LedgerState? {
        var state = LedgerState()
        state.appliedCount = checkpoint.appliedCount
        state.lastDate = checkpoint.lastDate
        // The latest part of each party, partnership and company up to the checkpoint (read bodies only for those).
        let parts = try db.cachedStatement(sql: """
            SELECT p.kind, p.key, p.body
            FROM (SELECT kind, key, max(snapshot) AS latest FROM snapshot_part WHERE snapshot BETWEEN ? AND ? GROUP BY kind, key) AS m
            JOIN snapshot_part AS p ON p.kind = m.kind AND p.key = m.key AND p.snapshot = m.latest
            """)
        parts.arguments = [checkpoint.generation, checkpoint.id]
        do {
            try parts.forEachRawRow { row in
                guard let key = row.string(1), let kind = SnapshotPartKind(rawValue: row.int64(0)) else { throw StateCodecError() }
                let body = row.bytes(2)
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

/// Writes the checkpoints of one rebuild: the parts that changed since the previous checkpoint.
private struct SnapshotBuilder {
    let db: Database
    let head: Int64
    let generation: Int64
    var nextID: Int64
    var touched: Set<String> = []
    var buffer: [UInt8] = []
    var checkpoints = 0
    var parts = 0
    var bytes = 0
    let insertSnapshot: Statement
    let insertPart: Statement
    let createdAt = Timestamp.now().text

    init(_ db: Database, head: Int64) throws {
        self.db = db
        self.head = head
        generation = (try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) + 1 FROM snapshot")) ?? 1
        nextID = generation
        insertSnapshot = try db.makeStatement(sql: """
            INSERT INTO snapshot (id, generation, date, seq, invalidFrom, format, appliedCount, lastDate, createdAt)
            VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?)
            """)
        insertPart = try db.makeStatement(sql: "INSERT INTO snapshot_part (kind, key, snapshot, body) VALUES (?, ?, ?, ?)")
    }

    /// Notes the ids an applied event may have changed (everything it names).
    mutating func touch(_ event: Event) {
        for id in event.namedIDs { touched.insert(id) }
    }

    mutating func checkpoint(_ state: LedgerState, date: LedgerDate) throws {
        let id = nextID
        nextID += 1
        try insertSnapshot.execute(arguments: [id, generation, date.text, head, EventStore.snapshotFormat, state.appliedCount,
                                               state.lastDate?.text, createdAt])
        for key in touched.sorted() {
            if let party = state.parties[key] { StateCodec.write(party, into: &buffer); try write(.party, key, id) }
            if let partnership = state.partnerships[key] { StateCodec.write(partnership, into: &buffer); try write(.partnership, key, id) }
            if let company = state.companies[key] { StateCodec.write(company, into: &buffer); try write(.company, key, id) }
        }
        touched.removeAll(keepingCapacity: true)
        checkpoints += 1
    }

    private mutating func write(_ kind: SnapshotPartKind, _ key: String, _ id: Int64) throws {
        try insertPart.execute(arguments: [kind.rawValue, key, id, Data(buffer)])
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

    mutating func record(seq: Int64, date: LedgerDate, type: EventType, _ db: Database) throws {
        if type == .correction || type == .retraction {
            guard !sawAmendment else { return }
            sawAmendment = true
            try db.cachedStatement(sql: "UPDATE snapshot SET invalidFrom = ? WHERE invalidFrom IS NULL").execute(arguments: [seq])
        } else if earliestDate.map({ date < $0 }) ?? true {
            earliestDate = date
            try db.cachedStatement(sql: "UPDATE snapshot SET invalidFrom = ? WHERE invalidFrom IS NULL AND date >= ?")
                .execute(arguments: [seq, date.text])
        }
    }
}
