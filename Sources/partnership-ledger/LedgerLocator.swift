import Foundation
import LedgerCore
import LedgerReport
import LedgerStore

/// Finds the bundled history and builds the default ledger from it.
enum LedgerLocator {
    /// The bundled `Events/` folder: `$PARTNERSHIP_LEDGER_EVENTS`, the checkout this binary was built from, or `./Events`.
    static func bundledEvents() -> String? {
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["PARTNERSHIP_LEDGER_EVENTS"], !env.isEmpty { candidates.append(env) }
        // Sources/partnership-ledger/LedgerLocator.swift → repository root.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent("Events").path)
        candidates.append("Events")
        var isDirectory: ObjCBool = false
        return candidates.first { FileManager.default.fileExists(atPath: $0, isDirectory: &isDirectory) && isDirectory.boolValue }
    }

    /// Builds a ledger at `path` from the bundled history, saying so on stderr.
    static func buildDefault(at path: String) throws {
        guard let events = bundledEvents() else {
            throw LedgerError("no ledger at \(path) and no bundled Events/ folder found; set PARTNERSHIP_LEDGER_EVENTS or pass --db")
        }
        let files = try EventFiles.collect([events])
        let items = try EventFiles.load(files)
        let temporary = path + ".building-\(ProcessInfo.processInfo.processIdentifier)"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: temporary + suffix) } }
        let store = try EventStore.open(path: temporary)
        let result = try store.importEvents(items)
        try store.close()
        // Move into place only when complete, so a half-built default never exists.
        if !FileManager.default.fileExists(atPath: path) { try FileManager.default.moveItem(atPath: temporary, toPath: path) }
        FileHandle.standardError.write(Data("partnership-ledger: no ledger at \(path); built it from the bundled history in \(events) (\(ValueText.count(result.appended.count, "event"))).\n".utf8))
    }

    static func checkNotDirectory(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw LedgerError("\(path) is a folder, not a ledger file")
        }
    }
}
