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

/// `--as-of`, `--known-at`, `--format`: what every query command takes.
struct QueryOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Replay events effective on or before this date (default: today, UTC).", valueName: "YYYY-MM-DD"))
    var asOf: String?

    @Option(name: .long, help: ArgumentHelp("Replay only what the ledger had recorded by this time or seq.", valueName: "timestamp|seq"))
    var knownAt: String?

    @Option(name: .long, help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    @Flag(name: .long, help: "Replay the whole log instead of starting from a snapshot (same answer, for checking and timing).")
    var noSnapshots = false

    func asOfDate() throws -> LedgerDate {
        guard let asOf else { return Timestamp.now().date! }
        do { return try LedgerDate(parsing: asOf) } catch { throw LedgerError("--as-of: \(error.message)") }
    }

    func knownAtBound() throws -> KnownAt? {
        guard let knownAt else { return nil }
        do { return try KnownAt(parsing: knownAt) } catch { throw LedgerError("--known-at: \(error.message)") }
    }

    /// Replays the ledger to the requested point; with `subject`, only what that company or partnership needs.
    func replay(_ store: EventStore, subject: String? = nil) throws -> (LedgerState, LedgerDate) {
        let date = try asOfDate()
        if let subject {
            return (try store.state(of: subject, asOf: date, knownAt: knownAtBound(), useSnapshots: !noSnapshots), date)
        }
        return (try store.state(asOf: date, knownAt: knownAtBound(), useSnapshots: !noSnapshots), date)
    }
}

/// The output formats of query commands.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}
