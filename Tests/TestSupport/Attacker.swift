import Foundation
import GRDB
import LedgerCore
import LedgerStore

/// Playing the attacker on a ledger file: plain SQLite, triggers dropped, checks and foreign keys off.
public enum Attacker {
    /// The event table's columns, in stored order.
    public static let columns = ["seq", "id", "type", "date", "announced", "status", "recordedAt", "payload", "prevHash", "hash"]

    /// Opens `path` with plain SQLite, drops every trigger, disables foreign keys and CHECK constraints, runs `body`.
    public static func edit(_ path: String, _ body: (Database) throws -> Void) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.writeWithoutTransaction { db in
            for name in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'") {
                try db.execute(sql: "DROP TRIGGER \"\(name)\"")
            }
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try body(db)
        }
        try queue.close()
    }

    /// Runs `sql` on `path` the way ``edit(_:_:)`` does.
    public static func execute(_ path: String, _ sql: String) throws {
        try edit(path) { db in try db.execute(sql: sql) }
    }

    /// A raw SQLite connection to a ledger file, outside the store, with its triggers in place.
    public static func connection(_ path: String) throws -> DatabaseQueue {
        try DatabaseQueue(path: path)
    }

    /// A fresh copy of `path` at `destination` (any old copy and its WAL removed first).
    public static func copy(_ path: String, to destination: String) throws {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: destination + suffix) }
        try FileManager.default.copyItem(atPath: path, toPath: destination)
    }

    /// `verify` on the file, opened read-only.
    public static func verify(_ path: String, knownHead: String? = nil) throws -> VerifyReport {
        try EventStore.openReadOnly(path: path).verify(knownHead: knownHead)
    }
}
