import ArgumentParser
import LedgerCore
import LedgerReport
import LedgerStore

/// `copy --from A --to B`: copy a whole log between two stores, keeping every seq, time and hash.
struct Copy: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a ledger into another store (SQLite or PostgreSQL), keeping seq, recorded times and hashes.",
        discussion: """
            The target must be empty or hold the start of the source's log (an interrupted copy): then the rest
            is copied, in transactions of \(EventStore.copyChunk) events. `verify` on the copy reports the source's head.
            """)

    @Option(name: .long, help: ArgumentHelp("The ledger to copy: a SQLite file or a postgres:// URL.", valueName: "path|url"))
    var from: String

    @Option(name: .long, help: ArgumentHelp("Where to copy it: a SQLite file or a postgres:// URL (created when missing).", valueName: "path|url"))
    var to: String

    func run() throws {
        let source = try LedgerOptions.openForReading(from)
        defer { try? source.close() }
        let target = try LedgerOptions.openForWriting(to)
        defer { try? target.close() }
        let progress = Progress()
        let result = try source.copy(to: target) { copied in progress.update("copying events: \(copied)") }
        progress.finish()
        let done = result.copied == 0 ? "nothing to copy" : "copied \(ValueText.count(Int(result.copied), "event"))"
        let resumed = result.alreadyThere > 0 ? " after the \(result.alreadyThere) already there" : ""
        Output.print("\(done)\(resumed) to \(LedgerOptions.displayName(to)); head is seq \(result.head.seq), hash \(result.head.hash)")
    }
}
