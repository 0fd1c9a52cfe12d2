import Foundation
internal import GRDB
import LedgerCore

/// The event log: one SQLite database or one PostgreSQL database, append-only and hash-chained.
///
/// A location is a file path (SQLite, the embedded default) or a
/// `postgres://` / `postgresql://` URL (a shared PostgreSQL server, see
/// ``PostgresLocation``); both backends give the same answers through the
/// same API, with the same rules enforced by the database itself.
///
/// Modelled on GRDB's `AppDatabase`: one `Sendable` value owns the database
/// writer, runs the frozen migrations when it opens a writable database, and
/// exposes each write as one named transaction (``append(_:expecting:)``,
/// ``importEvents(_:)``). Schema rules live in SQL (see `EventStore+Schema`).
///
/// ```swift
/// let store = try EventStore.open(path: "ledger.sqlite")
/// let result = try store.append(events)
/// let report = try store.verify()
/// ```
public struct EventStore: Sendable {
    /// Where the log lives.
    enum Backend: Sendable {
        /// SQLite: a pool for files, a queue in memory. Never leaves the store: its errors become
        /// ``LedgerError`` through ``read(_:)`` and ``write(_:)``.
        case sqlite(any DatabaseWriter)
        /// PostgreSQL: one connection (see ``PostgresLog``).
        case postgres(PostgresLog)
    }

    let backend: Backend

    /// The SQLite database of a SQLite store (tests reach in through it to play the attacker).
    /// A PostgreSQL store has none: asking is a programming error.
    var writer: any DatabaseWriter {
        guard case .sqlite(let writer) = backend else { preconditionFailure("a PostgreSQL store has no SQLite writer") }
        return writer
    }

    /// Wraps an already-opened writer and migrates it to the current schema.
    ///
    /// Safe when several processes open a new ledger file at once: GRDB
    /// decides which migrations to run before it takes the write lock, and
    /// runs each in its own transaction, so a process that loses the race can
    /// try to re-run a migration the winner just committed. It then retries
    /// and finds the rest to do (or nothing); a real failure still throws.
    init(_ writer: any DatabaseWriter) throws {
        backend = .sqlite(writer)
        var attempt = 0
        while true {
            do {
                try Self.migrator.migrate(writer)
                break
            } catch {
                let complete = (try? writer.read { db in try Self.migrator.hasCompletedMigrations(db) }) ?? false
                if complete { break }
                attempt += 1
                // Each retry can only lose to one more migration of the winner.
                guard attempt <= 2 * Self.migrator.migrations.count + 2 else { throw error }
                Thread.sleep(forTimeInterval: 0.005 * Double(attempt))
            }
        }
        try Self.runBackfills(writer)
    }

    private init(readOnly writer: any DatabaseWriter) {
        backend = .sqlite(writer)
    }

    private init(postgres log: PostgresLog) {
        backend = .postgres(log)
    }

    /// Opens (creating the tables if needed) the PostgreSQL ledger a `postgres://` URL names.
    private static func openPostgres(url: String, readOnly: Bool) throws -> EventStore {
        let log = try PostgresLog.connect(PostgresLocation(url: url))
        do {
            if readOnly { try log.checkSchema() } else { try log.migrate() }
        } catch {
            try? log.close()
            throw error
        }
        return EventStore(postgres: log)
    }

    /// The PostgreSQL server this store uses, as a URL without the password; nil for SQLite.
    public var postgresURL: String? {
        if case .postgres(let log) = backend { return log.location.redacted }
        return nil
    }

    /// On PostgreSQL: creates the writer and reader roles when missing and grants them this ledger.
    /// Nil for SQLite, where file permissions decide who may write.
    public func grantRoles() throws -> PostgresRoles? {
        guard case .postgres(let log) = backend else { return nil }
        return try log.grantRoles()
    }

    /// Opens (creating if needed) a ledger file for reading and writing.
    ///
    /// Writers from several processes serialize through SQLite's lock; a
    /// writer waits up to ``busyTimeout`` seconds instead of failing with
    /// "database is locked".
    ///
    /// A brand-new file is switched to WAL mode under an exclusive lock that
    /// SQLite does not wait for (the busy timeout does not apply to
    /// `PRAGMA journal_mode`), so processes creating the same ledger at once
    /// may get `SQLITE_BUSY` there; opening is retried until the busy timeout.
    ///
    /// A `postgres://` URL opens that PostgreSQL ledger instead, creating its tables when the database has none.
    public static func open(path: String) throws -> EventStore {
        if PostgresLocation.isURL(path) { return try openPostgres(url: path, readOnly: false) }
        return try translatingDatabaseErrors { try openRetrying(path: path) }
    }

    private static func openRetrying(path: String) throws -> EventStore {
        let deadline = Date().addingTimeInterval(busyTimeout)
        var pause = 0.002
        while true {
            do {
                return try EventStore(DatabasePool(path: path, configuration: configuration(readOnly: false)))
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && Date() < deadline {
                Thread.sleep(forTimeInterval: pause)
                pause = min(pause * 2, 0.1)
            }
        }
    }

    /// Opens an existing ledger file without ever writing to it.
    ///
    /// Works on a read-only file in a read-only folder too (an archive, a
    /// mounted snapshot): a reader of a WAL-mode database normally creates
    /// the `-shm` index beside it, and when it cannot, the ledger is opened
    /// as immutable instead — safe because no `-wal` file with unmerged
    /// writes exists then, so the main file holds every committed event.
    ///
    /// A `postgres://` URL opens that PostgreSQL ledger, which must exist (the server's grants decide what the user may do).
    public static func openReadOnly(path: String) throws -> EventStore {
        if PostgresLocation.isURL(path) { return try openPostgres(url: path, readOnly: true) }
        return try translatingDatabaseErrors { try openReadOnlyFallingBack(path: path) }
    }

    private static func openReadOnlyFallingBack(path: String) throws -> EventStore {
        do {
            return try openReadOnly(path: path, immutable: false)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_READONLY || error.resultCode == .SQLITE_CANTOPEN {
            guard FileManager.default.isReadableFile(atPath: path) else { throw error }
            let walSize = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? NSNumber)?.intValue ?? 0
            guard walSize == 0 else {
                throw LedgerError("\(path) has writes still in its write-ahead log (\(path)-wal) and its folder is read-only, so they cannot be read safely; copy the ledger together with its -wal file to a writable folder and read it there")
            }
            return try openReadOnly(path: path, immutable: true)
        }
    }

    /// Opens read-only and checks the schema.
    ///
    /// A ledger another process is creating holds no table at all until its
    /// first migration commits; a reader that comes in between waits for it
    /// (up to ``creationGrace`` seconds) instead of calling it "not a ledger".
    private static func openReadOnly(path: String, immutable: Bool) throws -> EventStore {
        let location = immutable ? immutableURI(path) : path
        let deadline = Date().addingTimeInterval(creationGrace)
        while true {
            let queue = try DatabaseQueue(path: location, configuration: configuration(readOnly: true))
            let store = EventStore(readOnly: queue)
            let isEmpty = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") == 0 }
            if isEmpty, !immutable, Date() < deadline {
                try queue.close()
                Thread.sleep(forTimeInterval: 0.02)
                continue
            }
            try store.checkSchema()
            return store
        }
    }

    /// Seconds a reader waits for a ledger file that exists but holds no table yet.
    static let creationGrace: TimeInterval = 2

    /// A `file:` URI opening `path` read-only and immutable (no locks, no `-shm`).
    static func immutableURI(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/-._~")
        let encoded = absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute
        return "file:\(encoded)?mode=ro&immutable=1"
    }

    /// A fresh ledger in memory, for tests and throwaway work.
    public static func inMemory() throws -> EventStore {
        try translatingDatabaseErrors { try EventStore(DatabaseQueue(configuration: configuration(readOnly: false))) }
    }

    /// Seconds a writer waits for another process's transaction.
    public static let busyTimeout: TimeInterval = 60

    static func configuration(readOnly: Bool) -> Configuration {
        var config = Configuration()
        config.readonly = readOnly
        config.busyMode = .timeout(busyTimeout)
        config.foreignKeysEnabled = true
        config.label = "partnership-ledger"
        config.prepareDatabase { db in
            // Durable enough for a ledger in WAL mode, and much faster than FULL.
            if !readOnly { try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        }
        return config
    }

    /// Fails with a plain message when the file is not a ledger of a known schema.
    func checkSchema() throws {
        let applied = try read { db in try Self.migrator.appliedIdentifiers(db) }
        let known = Set(Self.migrator.migrations)
        guard !applied.isEmpty else {
            throw LedgerError("is not a partnership ledger (no ledger tables found); create one with `partnership-ledger init`")
        }
        guard applied.isSubset(of: known) else {
            throw LedgerError("was written by a newer version of partnership-ledger; upgrade to read it")
        }
    }
}

/// The last event of the log: its position and its chain hash.
public struct LogHead: Hashable, Sendable, Codable {
    /// Position of the last event; 0 for an empty log.
    public var seq: Int64
    /// Chain hash of the last event; the genesis hash for an empty log.
    public var hash: String

    public init(seq: Int64, hash: String) { self.seq = seq; self.hash = hash }
}

/// What a writer believes the head of the log is (optimistic concurrency).
public enum ExpectedHead: Hashable, Sendable {
    /// The last event's seq.
    case seq(Int64)
    /// The last event's chain hash.
    case hash(String)
}

extension EventStore {
    /// Runs a read transaction; a database error leaves the store as a ``LedgerError``.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try Self.translatingDatabaseErrors { try sqlite().read(body) }
    }

    /// The SQLite database; a PostgreSQL ledger has none (callers route PostgreSQL first).
    private func sqlite() throws -> any DatabaseWriter {
        guard case .sqlite(let writer) = backend else {
            throw LedgerError("this operation works on SQLite ledgers only")
        }
        return writer
    }

    /// Runs `body` on the backend's replay source, in one read transaction (one view of the log).
    func replaying<T>(_ body: (any ReplaySource) throws -> T) throws -> T {
        switch backend {
        case .sqlite: return try read { db in try body(db) }
        case .postgres(let log): return try log.reading { session in try body(session) }
        }
    }

    /// Runs a write transaction; a database error leaves the store as a ``LedgerError``.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try Self.translatingDatabaseErrors { try sqlite().write(body) }
    }

    /// Runs `body`, turning a database error into a ``LedgerError`` with one plain sentence.
    static func translatingDatabaseErrors<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as DatabaseError { throw LedgerError(plainMessage(error)) }
    }

    /// A database error in plain words (no SQL, no result code names).
    static func plainMessage(_ error: DatabaseError) -> String {
        switch error.resultCode {
        case .SQLITE_NOTADB: "the file is not a SQLite database."
        case .SQLITE_BUSY, .SQLITE_LOCKED: "the ledger is busy in another process; try again."
        case .SQLITE_READONLY: "the ledger file is read-only; this command needs to write to it."
        case .SQLITE_CANTOPEN: "the ledger file cannot be opened (check the path and its permissions)."
        case .SQLITE_CONSTRAINT: "the ledger refused the write: \(error.message ?? "a rule of the log was broken")."
        default: "database error: \(error.message ?? "\(error.resultCode)")."
        }
    }
}

extension EventStore {
    /// Checkpoints the write-ahead log and closes every connection.
    public func close() throws {
        try Self.translatingDatabaseErrors { try closeConnections() }
    }

    private func closeConnections() throws {
        let writer: any DatabaseWriter
        switch backend {
        case .postgres(let log): return try log.close()
        case .sqlite(let sqlite): writer = sqlite
        }
        if let pool = writer as? DatabasePool {
            try pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
            try pool.close()
        } else if let queue = writer as? DatabaseQueue {
            try queue.close()
        }
    }
}
