internal import GRDB
import LedgerCore

/// The SQLite statements that store an event row and the rows it adds beside its own, for one write transaction.
///
/// An append and a copy both write through it, so the two cannot drift in
/// what they store: the same `event` columns, the same party index, and the
/// same derived rows (``recordDerivedRows(of:seq:naming:_:)``). How the
/// columns are bound stays with each caller: an append binds its prepared
/// bytes without copying (``RawWrite``), a copy binds the stored texts.
struct LogWrites {
    /// `INSERT INTO event` with the ten stored columns, in `StoredEvent.columns` order.
    let event: Statement
    /// `INSERT OR IGNORE INTO event_party (party, seq)`: the party index.
    let party: Statement
    private let registry: Statement
    private let amendment: Statement
    private var invalidation = SnapshotInvalidation()

    init(_ db: Database) throws {
        event = try db.cachedStatement(sql: """
            INSERT INTO event (seq, id, type, date, announced, status, recordedAt, payload, prevHash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        party = try db.cachedStatement(sql: "INSERT OR IGNORE INTO event_party (party, seq) VALUES (?, ?)")
        registry = try db.cachedStatement(sql: "INSERT INTO registry (id, kind, seq) VALUES (?, ?, ?)")
        amendment = try db.cachedStatement(sql: "INSERT INTO amendment (target, seq) VALUES (?, ?)")
    }

    /// The rows a stored event adds beside its own: its registry entry, its amendment and the amendment's
    /// index, and the snapshot invalidation its date causes. (The party index is written by each caller:
    /// batched by an append, per row by a copy.)
    mutating func recordDerivedRows(of event: Event, seq: Int64, naming namedIDs: [String], _ db: Database) throws {
        if let registered = event.body.registration {
            try registry.execute(arguments: [registered.id, registered.kind.rawValue, seq])
        }
        if let target = event.body.amendedEventID {
            // A retraction names no ids; a correction names its replacement's.
            try amendment.execute(arguments: [target, seq])
            try EventStore.indexAmendment(seq: seq, target: target, naming: namedIDs, db)
        }
        try invalidation.record(seq: seq, date: event.date, type: event.type, db)
    }
}
