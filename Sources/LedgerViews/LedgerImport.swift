import Foundation
import LedgerCore
import LedgerStore

/// The import workflow: event files and folders appended as one atomic, idempotent batch, and what follows it.
///
/// Small inputs are read and checked whole before the ledger is touched; large ones stream through one
/// transaction, and a ledger file the import created is removed if it fails. After a large import the
/// snapshots are rebuilt (``rebuildSnapshotsIfLarge(_:after:)``).
public enum LedgerImport {
    /// Inputs larger than this many bytes are streamed instead of read whole first.
    public static let streamingThreshold = 8 << 20

    /// How far an import has got.
    public enum Step: Sendable {
        /// `done` of `total` files read.
        case reading(done: Int, total: Int)
        /// `done` events stored, of `total` when known.
        case storing(done: Int, total: Int?)
    }

    /// Imports every event file under `paths` into the ledger at `ledgerPath`, opened with `open`.
    ///
    /// Returns what was appended and skipped, and the open store.
    public static func run(_ paths: [String], ledgerPath: String, open: () throws -> EventStore, expecting: ExpectedHead?,
                           progress: @escaping (Step) -> Void) throws -> (AppendResult, EventStore) {
        let files = try EventFiles.collect(paths)
        guard !files.isEmpty else { throw LedgerError("no event files (.json, .jsonl, .ndjson) under \(paths.joined(separator: ", "))") }
        if totalSize(files) <= streamingThreshold {
            let items = try EventFiles.load(files) { done, total in progress(.reading(done: done, total: total)) }
            let store = try open()
            let result = try store.importEvents(items, expecting: expecting) { done in progress(.storing(done: done, total: items.count)) }
            return (result, store)
        }
        // A server's ledger is never removed; a PostgreSQL batch that fails leaves nothing behind by itself.
        let existed = PostgresLocation.isURL(ledgerPath) || FileManager.default.fileExists(atPath: ledgerPath)
        let store = try open()
        do {
            let result = try store.importEvents(expecting: expecting, progress: { done in progress(.storing(done: done, total: nil)) }) { sink in
                try EventFiles.forEachEvent(in: files, sink)
            }
            return (result, store)
        } catch {
            if !existed {
                try? store.close()
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: ledgerPath + suffix) }
            }
            throw error
        }
    }

    /// The bytes of the files (standard input adds nothing: its size is unknown).
    static func totalSize(_ files: [String]) -> Int {
        files.reduce(0) { total, file in
            if file == "-" { return total }
            return total + ((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0)
        }
    }

    /// What rebuilding snapshots after an import came to.
    public enum SnapshotOutcome: Sendable {
        /// Too few events appended to be worth it.
        case notNeeded
        /// Rebuilt: how many checkpoints, in how many seconds.
        case rebuilt(checkpoints: Int, seconds: Double)
        /// The events are stored but the snapshots could not be rebuilt, for this reason.
        case failed(String)
    }

    /// Rebuilds the snapshots when `result` appended at least ``EventStore/snapshotImportThreshold`` events.
    ///
    /// Snapshots only speed up queries, so a failure here is reported, not thrown.
    public static func rebuildSnapshotsIfLarge(_ store: EventStore, after result: AppendResult) -> SnapshotOutcome {
        guard result.appended.count >= EventStore.snapshotImportThreshold else { return .notNeeded }
        let started = Date()
        do {
            let built = try store.rebuildSnapshots()
            return .rebuilt(checkpoints: built.checkpoints, seconds: Date().timeIntervalSince(started))
        } catch {
            return .failed("\(error)")
        }
    }
}
