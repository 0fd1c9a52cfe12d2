import ArgumentParser
import Foundation
import LedgerStore
import LedgerViews

/// `import PATH…`: append every event file under the paths, as one idempotent batch.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import event files and folders as one atomic, idempotent batch.",
        discussion: """
            Folders are read recursively (.json, .jsonl, .ndjson; *.checks.json are skipped), files sorted by path.
            An event whose id is already stored with the same content is skipped; the same id with other
            content is an error, and nothing is imported.
            """)

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var write: WriteOptions

    @Argument(help: ArgumentHelp("Event files or folders.", valueName: "path"))
    var paths: [String]

    @Flag(name: .long, help: "Do not rebuild snapshots after a large import (see `snapshot rebuild`).")
    var noSnapshots = false

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one file or folder to import") }
    }

    func run() throws {
        let progress = Progress()
        let (result, store) = try LedgerImport.run(paths, ledgerPath: ledger.location.path, open: ledger.openForWriting,
                                                   expecting: write.expected) { step in
            switch step {
            case .reading(let done, let total): progress.update("reading files: \(done)/\(total)")
            case .storing(let done, let total?): progress.update("storing events: \(done)/\(total)")
            case .storing(let done, nil): progress.update("storing events: \(done)")
            }
        }
        progress.finish()
        result.report(verb: "imported")
        guard !noSnapshots else { return }
        switch LedgerImport.rebuildSnapshotsIfLarge(store, after: result) {
        case .notNeeded: break
        case .rebuilt(let checkpoints, let seconds):
            Output.note("rebuilt \(checkpoints) snapshots in \(String(format: "%.2f", seconds)) s")
        case .failed(let reason):
            Output.note("the events are stored, but snapshots could not be rebuilt (\(reason)); run `partnership-ledger snapshot rebuild`")
        }
    }
}
