import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore

/// `--db`: which ledger a command works on: a SQLite file, or a PostgreSQL database by URL.
struct LedgerOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The ledger: a SQLite file, or postgres://user@host:port/dbname for a shared PostgreSQL ledger.",
                                            valueName: "path|url"))
    var db: String?

    /// The path in effect, and whether the user chose it (flag or environment).
    var location: (path: String, explicit: Bool) {
        if let db { return (db, true) }
        if let env = ProcessInfo.processInfo.environment["PARTNERSHIP_LEDGER_DB"], !env.isEmpty { return (env, true) }
        return ("ledger.sqlite", false)
    }

    /// Whether the ledger is a PostgreSQL database (`postgres://` or `postgresql://`).
    var isPostgres: Bool { PostgresLocation.isURL(location.path) }

    /// The ledger as messages name it: the path, or the URL without its password.
    var displayName: String {
        guard isPostgres else { return location.path }
        return (try? PostgresLocation(url: location.path).redacted) ?? "the PostgreSQL URL given"
    }

    /// Opens the ledger for writing, creating the file (or a PostgreSQL ledger's tables) when missing.
    func openForWriting() throws -> EventStore {
        let path = location.path
        if isPostgres { return try EventStore.open(path: path) }
        try LedgerLocator.checkNotDirectory(path)
        return try EventStore.open(path: path)
    }

    /// Opens the ledger read-only; builds the default one from the bundled history when missing.
    func openForReading() throws -> EventStore {
        let (path, explicit) = location
        if isPostgres { return try EventStore.openReadOnly(path: path) }
        try LedgerLocator.checkNotDirectory(path)
        if !FileManager.default.fileExists(atPath: path) {
            guard !explicit else {
                throw LedgerError("no ledger at \(path); create one with `partnership-ledger init --db \(path)` or import events into it")
            }
            try LedgerLocator.buildDefault(at: path)
        }
        return try EventStore.openReadOnly(path: path)
    }
}
