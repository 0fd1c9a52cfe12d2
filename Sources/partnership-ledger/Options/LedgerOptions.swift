import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore

/// `--db`: which ledger file a command works on.
struct LedgerOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The ledger database file.", valueName: "path"))
    var db: String?

    /// The path in effect, and whether the user chose it (flag or environment).
    var location: (path: String, explicit: Bool) {
        if let db { return (db, true) }
        if let env = ProcessInfo.processInfo.environment["PARTNERSHIP_LEDGER_DB"], !env.isEmpty { return (env, true) }
        return ("ledger.sqlite", false)
    }

    /// Opens the ledger for writing, creating the file when missing.
    func openForWriting() throws -> EventStore {
        let path = location.path
        try LedgerLocator.checkNotDirectory(path)
        return try EventStore.open(path: path)
    }

    /// Opens the ledger read-only; builds the default one from the bundled history when missing.
    func openForReading() throws -> EventStore {
        let (path, explicit) = location
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
