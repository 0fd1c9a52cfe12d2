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
    var displayName: String { Self.displayName(location.path) }

    /// A ledger location as messages name it: the path, or the URL without its password.
    static func displayName(_ location: String) -> String {
        guard PostgresLocation.isURL(location) else { return location }
        return (try? PostgresLocation(url: location).redacted) ?? "the PostgreSQL URL given"
    }

    /// Opens the ledger for writing, creating the file (or a PostgreSQL ledger's tables) when missing.
    func openForWriting() throws -> EventStore { try Self.openForWriting(location.path) }

    /// Opens the ledger at `location` (a path or a `postgres://` URL) for writing, creating it when missing.
    static func openForWriting(_ location: String) throws -> EventStore {
        if !PostgresLocation.isURL(location) { try LedgerLocator.checkNotDirectory(location) }
        return try EventStore.open(path: location)
    }

    /// Opens the ledger read-only; builds the default one from the bundled history when missing.
    func openForReading() throws -> EventStore {
        let (path, explicit) = location
        if !explicit, !FileManager.default.fileExists(atPath: path) {
            try LedgerLocator.checkNotDirectory(path)
            try LedgerLocator.buildDefault(at: path)
        }
        return try Self.openForReading(path)
    }

    /// Opens the existing ledger at `location` (a path or a `postgres://` URL) read-only.
    static func openForReading(_ location: String) throws -> EventStore {
        if PostgresLocation.isURL(location) { return try EventStore.openReadOnly(path: location) }
        try LedgerLocator.checkNotDirectory(location)
        guard FileManager.default.fileExists(atPath: location) else {
            throw LedgerError("no ledger at \(location); create one with `partnership-ledger init --db \(location)` or import events into it")
        }
        return try EventStore.openReadOnly(path: location)
    }
}
