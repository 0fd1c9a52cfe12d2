import LedgerCore
import LedgerStore

/// `log` and `export`: the stored events in log order, written as they are read.
///
/// Unlike the other pages, the log is never held whole: `write` hands the
/// text to `output` piece by piece (JSON one element at a time, CSV and JSON
/// Lines one line at a time), so a million events never sit in memory.
/// Every piece is exactly what goes to standard output.
///
/// ```swift
/// let filter = try LogPage.filter(store, types: [.valuation], party: nil, from: nil, to: nil)
/// try LogPage.write(store, filter, format: .table) { FileHandle.standardOutput.write(Data($0.utf8)) }
/// ```
public enum LogPage {
    /// What `export` writes.
    public enum ExportFormat: String, CaseIterable, Sendable { case jsonl, csv }

    /// The filter of `log` and `export`, refusing a `--party` no event could name.
    public static func filter(_ store: EventStore, types: [EventType], party: String?, from: LedgerDate?, to: LedgerDate?) throws -> LogFilter {
        if let party { try store.requireRegisteredAtAll(party, flag: "--party") }
        return LogFilter(types: types, party: party, from: from, to: to)
    }

    /// `log`: a table with a one-line summary of each event, the stored events as a JSON array, or CSV.
    public static func write(_ store: EventStore, _ filter: LogFilter, format: ViewFormat, _ output: (String) -> Void) throws {
        switch format {
        case .table:
            var table = TextTable(["SEQ", "DATE", "TYPE", "STATUS", "ID", "SUMMARY"], rightAligned: [0])
            try store.forEachEvent(filter) { row in
                table.add([String(row.seq), row.date, row.type, row.status, row.id, (try? EventSummary.line(row.decoded())) ?? ""])
            }
            output(line(table.rendered))
        case .json:
            var first = true
            output("[")
            try store.forEachEvent(filter) { row in
                output((first ? "\n  " : ",\n  ") + (try row.json()).canonicalText)
                first = false
            }
            output(line(first ? "]" : "\n]"))
        case .csv:
            try writeCSV(store, filter, output)
        }
    }

    /// `export`: JSON Lines of the stored payloads (importable), or with `withChain` the stored events with their chain
    /// columns (an archive); or CSV.
    public static func export(_ store: EventStore, _ filter: LogFilter, format: ExportFormat, withChain: Bool,
                              _ output: (String) -> Void) throws {
        switch format {
        case .jsonl:
            try store.forEachEvent(filter) { row in output(line(withChain ? try row.json().canonicalText : row.payload)) }
        case .csv:
            try writeCSV(store, filter, output)
        }
    }

    /// The CSV columns of a stored event.
    public static let csvHeader = ["seq", "id", "type", "date", "announced", "status", "recordedAt", "hash", "payload"]

    /// One stored event as CSV fields.
    public static func csvFields(_ row: StoredEvent) -> [String] {
        [String(row.seq), row.id, row.type, row.date, row.announced ?? "", row.status, row.recordedAt, row.hash, row.payload]
    }

    private static func writeCSV(_ store: EventStore, _ filter: LogFilter, _ output: (String) -> Void) throws {
        output(line(CSVWriter.line(csvHeader)))
        try store.forEachEvent(filter) { row in output(line(CSVWriter.line(csvFields(row)))) }
    }

    /// `text` ending in exactly one line break (one is added unless it is there).
    static func line(_ text: String) -> String { text.hasSuffix("\n") ? text : text + "\n" }
}
