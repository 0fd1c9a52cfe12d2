import Foundation
import LedgerCore

extension EventFiles {
    /// Reads and decodes every event of `files` in order, one at a time, calling `body` with each.
    ///
    /// The streaming counterpart of ``load(_:progress:)``: the same events,
    /// locations and errors, without holding them all, so `import` of a
    /// million events needs little memory. A file up to
    /// ``EventDecoder/maxDocumentBytes`` may be any document (an object, an
    /// array, JSON Lines); a larger file must be JSON Lines, and is read a
    /// chunk at a time, each line at most that size.
    public static func forEachEvent(in files: [String], progress: ((Int, Int) -> Void)? = nil,
                                    _ body: (SourcedEvent) throws -> Void) throws {
        for (offset, file) in files.enumerated() {
            if file != "-", let size = try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int,
               size > EventDecoder.maxDocumentBytes {
                try forEachLine(of: file) { event, index in try body(SourcedEvent(event, file: file, index: index)) }
            } else {
                try EventDecoder.forEachEvent(read(file), file: file) { event, index in
                    try body(SourcedEvent(event, file: file, index: index))
                }
            }
            progress?(offset + 1, files.count)
        }
    }

    /// Streams a large JSON Lines file: one event per non-blank line.
    private static func forEachLine(of file: String, _ body: (Event, Int) throws -> Void) throws {
        guard let handle = FileHandle(forReadingAtPath: file) else {
            throw LedgerError("cannot be read (check its permissions)", file: file)
        }
        defer { try? handle.close() }
        let limit = EventDecoder.maxDocumentBytes
        var pending: [UInt8] = []
        var lineNumber = 0
        var index = 0
        func take(_ line: ArraySlice<UInt8>) throws {
            lineNumber += 1
            guard line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return }
            index += 1
            try body(try decodeLine(Array(line), lineNumber: lineNumber, index: index, file: file), index)
        }
        while true {
            let chunk: Data
            do { chunk = try handle.read(upToCount: 8 << 20) ?? Data() } catch {
                throw LedgerError("cannot be read: \(error.localizedDescription)", file: file)
            }
            if chunk.isEmpty { break }
            pending.append(contentsOf: chunk)
            guard let lastNewline = pending.lastIndex(of: 0x0A) else {
                guard pending.count <= limit else { throw LedgerError("has a line longer than \(limit >> 20) MiB", file: file) }
                continue
            }
            var start = pending.startIndex
            while let newline = pending[start...lastNewline].firstIndex(of: 0x0A) {
                try take(pending[start..<newline])
                start = newline + 1
                if start > lastNewline { break }
            }
            pending.removeSubrange(..<start)
        }
        if !pending.isEmpty { try take(pending[...]) }
        guard index > 0 else { throw LedgerError("holds no events", file: file) }
    }

    private static func decodeLine(_ line: [UInt8], lineNumber: Int, index: Int, file: String) throws(LedgerError) -> Event {
        if let event = CanonicalDecoder.event(from: line) { return event }
        let value: JSONValue
        do { value = try JSONParser.parse(line) } catch {
            throw LedgerError("invalid JSON at line \(lineNumber), column \(error.column): \(error.message) "
                              + "(a file over \(EventDecoder.maxDocumentBytes >> 20) MiB must be JSON Lines: one event per line)", file: file)
        }
        do { return try EventDecoder.decode(value) } catch {
            throw error.located(file: file, index: index, eventId: value["id"].flatMap { if case .string(let s) = $0 { s } else { nil } })
        }
    }
}
