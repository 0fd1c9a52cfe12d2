import Foundation
import LedgerCore

/// Reads event files from disk: the imperative shell around ``EventDecoder``.
///
/// `import` takes files and folders; folders are walked recursively for
/// `.json`, `.jsonl` and `.ndjson` files, skipping hidden files and check
/// files (`*.checks.json`, expectations rather than events). Files are
/// returned sorted by path so an import replays in a stable order.
///
/// ```swift
/// let items = try EventFiles.load(EventFiles.collect(["Events"]))
/// ```
public enum EventFiles {
    /// File name endings that hold events.
    public static let extensions = [".json", ".jsonl", ".ndjson"]
    /// File name ending of check (expectation) files, which `import` skips.
    public static let checksSuffix = ".checks.json"

    /// The event files under `paths`, sorted by path.
    public static func collect(_ paths: [String]) throws(LedgerError) -> [String] {
        var files: [String] = []
        let manager = FileManager.default
        for path in paths {
            if path == "-" { files.append(path); continue }
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw LedgerError(whyUnreachable(path, fallback: "no such file or folder"), file: path)
            }
            guard isDirectory.boolValue else { files.append(path); continue }
            guard let walker = manager.enumerator(at: URL(fileURLWithPath: path), includingPropertiesForKeys: [.isRegularFileKey],
                                                  options: [.skipsHiddenFiles]) else {
                throw LedgerError("cannot read this folder", file: path)
            }
            let base = URL(fileURLWithPath: path).standardizedFileURL.path
            let display = path.hasSuffix("/") ? String(path.dropLast()) : path
            var found: [String] = []
            var visited = 0
            for case let url as URL in walker {
                visited += 1
                guard visited <= 1_000_000 else { throw LedgerError("holds more than a million entries (a link loop?)", file: path) }
                let name = url.lastPathComponent
                guard extensions.contains(where: name.hasSuffix), !name.hasSuffix(checksSuffix) else { continue }
                guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
                // Show paths as the user wrote the folder, not as absolute paths.
                let relative = url.standardizedFileURL.path.dropFirst(base.count)
                found.append(display + relative)
            }
            files.append(contentsOf: found.sorted())
        }
        return files
    }

    /// Reads and decodes every file, in order, keeping each event's location.
    public static func load(_ files: [String], progress: ((Int, Int) -> Void)? = nil) throws(LedgerError) -> [SourcedEvent] {
        var items: [SourcedEvent] = []
        for (offset, file) in files.enumerated() {
            let events = try EventDecoder.decodeDocument(read(file), file: file)
            for (index, event) in events.enumerated() { items.append(SourcedEvent(event, file: file, index: index + 1)) }
            progress?(offset + 1, files.count)
        }
        return items
    }

    /// The bytes of a file, or of standard input for `-`, within the size limit.
    public static func read(_ path: String) throws(LedgerError) -> [UInt8] {
        let limit = EventDecoder.maxDocumentBytes
        if path == "-" {
            let data = FileHandle.standardInput.readData(ofLength: limit + 1)
            guard data.count <= limit else { throw LedgerError("is larger than \(limit >> 20) MiB; split it into smaller files", file: "standard input") }
            return [UInt8](data)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw LedgerError(whyUnreachable(path, fallback: "no such file"), file: path)
        }
        guard !isDirectory.boolValue else { throw LedgerError("is a folder; give a file (or use `import` for folders)", file: path) }
        // Refuse an oversized regular file before reading any of it.
        if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
           attributes[.type] as? FileAttributeType == .typeRegular,
           let size = (attributes[.size] as? NSNumber)?.intValue, size > limit {
            throw LedgerError("is larger than \(limit >> 20) MiB; split it into smaller files", file: path)
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw LedgerError("cannot be read (check its permissions)", file: path)
        }
        defer { try? handle.close() }
        let data: Data
        do { data = try handle.read(upToCount: limit + 1) ?? Data() } catch {
            throw LedgerError("cannot be read: \(error.localizedDescription)", file: path)
        }
        guard data.count <= limit else { throw LedgerError("is larger than \(limit >> 20) MiB; split it into smaller files", file: path) }
        return [UInt8](data)
    }

    /// Why a path that does not resolve cannot be reached, in plain words (`fallback` when it simply does not exist).
    static func whyUnreachable(_ path: String, fallback: String) -> String {
        var info = stat()
        guard stat(path, &info) != 0 else { return fallback }
        switch errno {
        case ELOOP: return "is a loop of symbolic links"
        case EACCES: return "cannot be reached: permission denied on a folder in its path"
        case ENOTDIR: return "\(fallback) (a part of the path is not a folder)"
        case ENAMETOOLONG: return "the path is too long"
        case ENOENT where lstat(path, &info) == 0: return "is a symbolic link to a file that does not exist"
        default: return fallback
        }
    }
}

extension EventFiles {
    /// The check files (`*.checks.json`) under a folder, sorted by path.
    public static func collectChecks(_ folder: String) throws(LedgerError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else {
            throw LedgerError("no such file or folder", file: folder)
        }
        guard isDirectory.boolValue else { return [folder] }
        guard let names = try? FileManager.default.subpathsOfDirectory(atPath: folder) else {
            throw LedgerError("cannot read this folder", file: folder)
        }
        return names.filter { $0.hasSuffix(checksSuffix) }.sorted().map { (folder.hasSuffix("/") ? folder : folder + "/") + $0 }
    }
}
