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

    /// Inputs larger than this are streamed instead of read whole first.
    static let streamingThreshold = 8 << 20

    /// The bytes of the files (standard input counts as large: its size is unknown).
    static func totalSize(_ files: [String]) -> Int {
        files.reduce(0) { total, file in
            if file == "-" { return total }
            return total + ((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0)
        }
    }

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one file or folder to import") }
    }

    func run() throws {
        let progress = Progress()
        let files = try EventFiles.collect(paths)
        guard !files.isEmpty else { throw LedgerError("no event files (.json, .jsonl, .ndjson) under \(paths.joined(separator: ", "))") }
        let result: AppendResult
        let store: EventStore
        if Self.totalSize(files) <= Self.streamingThreshold {
            // Small inputs: read and check everything before touching the ledger.
            let items = try EventFiles.load(files) { done, total in progress.update("reading files: \(done)/\(total)") }
            store = try ledger.openForWriting()
            result = try store.importEvents(items, expecting: write.expected) { done in
                progress.update("storing events: \(done)/\(items.count)")
            }
        } else {
            // Large inputs stream through one transaction; a ledger file this import created is removed if it fails.
            let path = ledger.location.path
            let existed = FileManager.default.fileExists(atPath: path)
            store = try ledger.openForWriting()
            do {
                result = try store.importEvents(expecting: write.expected, progress: { done in progress.update("storing events: \(done)") }) { sink in
                    try EventFiles.forEachEvent(in: files, sink)
                }
            } catch {
                if !existed {
                    try? store.close()
                    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
                }
                throw error
            }
        }
        progress.finish()
        result.report(verb: "imported")
        if !noSnapshots, result.appended.count >= EventStore.snapshotImportThreshold {
            // The events are stored; snapshots only speed up queries, so failing to build them is a note, not an error.
            let started = Date()
            do {
                let built = try store.rebuildSnapshots()
                Output.note("rebuilt \(built.checkpoints) snapshots in \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
            } catch {
                Output.note("the events are stored, but snapshots could not be rebuilt (\(error)); run `partnership-ledger snapshot rebuild`")
            }
        }
    }
}
