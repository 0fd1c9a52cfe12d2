import ArgumentParser
import Foundation
import LedgerViews

/// `snapshot rebuild|clear|list`: the derived checkpoints that make as-of queries fast.
struct Snapshot: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Rebuild, clear or list snapshots (derived state that speeds up as-of queries).",
        discussion: """
            A snapshot is the projection at a checkpoint date, as recorded by a seq. Queries start from the nearest
            usable one and replay only the events after it; the answer is the same with or without snapshots.
            A back-dated append or a correction makes the affected snapshots unusable for what it changes.
            `import` rebuilds snapshots after large batches; `verify` never reads them.
            """,
        subcommands: [SnapshotRebuild.self, SnapshotClear.self, SnapshotList.self])
}

/// `snapshot rebuild`.
struct SnapshotRebuild: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rebuild", abstract: "Delete every snapshot and build them again from the log.")

    @OptionGroup var ledger: LedgerOptions

    @Option(help: ArgumentHelp("Events (in effective order) between checkpoints (default: a quarter of the log, 2000 to 250000).", valueName: "N"))
    var interval: Int?

    func validate() throws {
        if let interval, interval < 1 { throw ValidationError("--interval must be at least 1") }
    }

    func run() throws {
        let started = Date()
        let report = try ledger.openForWriting().rebuildSnapshots(interval: interval)
        Output.print(SnapshotsPage.rebuilt(report, seconds: Date().timeIntervalSince(started)))
    }
}

/// `snapshot clear`.
struct SnapshotClear: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "clear", abstract: "Delete every snapshot (queries then replay the whole log).")

    @OptionGroup var ledger: LedgerOptions

    func run() throws {
        Output.print(SnapshotsPage.cleared(try ledger.openForWriting().clearSnapshots()))
    }
}

/// `snapshot list`.
struct SnapshotList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the snapshots and whether queries can use them.")

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: FormatOption

    func run() throws {
        Output.show(try SnapshotsPage.load(ledger.openForReading()), output.format)
    }
}
