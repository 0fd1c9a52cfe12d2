import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore

/// `import PATH…`: append every event file under the paths, as one idempotent batch.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
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
        let files = try EventFiles.collect(paths)
        guard !files.isEmpty else { throw LedgerError("no event files (.json, .jsonl, .ndjson) under \(paths.joined(separator: ", "))") }
        let items = try EventFiles.load(files) { done, total in progress.update("reading files: \(done)/\(total)") }
        let store = try ledger.openForWriting()
        let result = try store.importEvents(items, expecting: write.expected) { done in
            progress.update("storing events: \(done)/\(items.count)")
        }
        progress.finish()
        result.report(verb: "imported")
        if !noSnapshots, result.appended.count >= EventStore.snapshotImportThreshold {
            let started = Date()
            let built = try store.rebuildSnapshots()
            Output.note("rebuilt \(built.checkpoints) snapshots in \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
        }
    }
}
