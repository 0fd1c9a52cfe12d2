import ArgumentParser
import LedgerCore
import LedgerStore
import LedgerViews

/// `log`: events in log order, filtered.
struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List events in log (seq) order.")

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var filters: LogFilterOptions
    @OptionGroup var output: FormatOption

    func run() throws {
        let store = try ledger.openForReading()
        let filter = try filters.filter(store)
        switch output.format {
        case .table:
            var table = TextTable(["SEQ", "DATE", "TYPE", "STATUS", "ID", "SUMMARY"], rightAligned: [0])
            try store.forEachEvent(filter) { row in
                table.add([String(row.seq), row.date, row.type, row.status, row.id, (try? EventSummary.line(row.decoded())) ?? ""])
            }
            Output.print(table.rendered)
        case .json:
            // Streamed: one element at a time, so a million events never sit in memory.
            var first = true
            Output.printRaw("[")
            try store.forEachEvent(filter) { row in
                Output.printRaw((first ? "\n  " : ",\n  ") + (try row.json()).canonicalText)
                first = false
            }
            Output.print(first ? "]" : "\n]")
        case .csv:
            Output.print(CSVWriter.line(LogRowCSV.header))
            try store.forEachEvent(filter) { row in Output.print(CSVWriter.line(LogRowCSV.fields(row))) }
        }
    }
}

/// `--type`, `--party`, `--from`, `--to` for `log` and `export`.
struct LogFilterOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Only events of this type (repeatable).", valueName: "type"),
            transform: FlagValue.choice("an event type"))
    var type: [EventType] = []
    @Option(name: .long, help: ArgumentHelp("Only events naming this party, company or partnership.", valueName: "id"))
    var party: String?
    @Option(name: .long, help: ArgumentHelp("Only events dated on or after this date.", valueName: "YYYY-MM-DD"), transform: FlagValue.date)
    var from: LedgerDate?
    @Option(name: .long, help: ArgumentHelp("Only events dated on or before this date.", valueName: "YYYY-MM-DD"), transform: FlagValue.date)
    var to: LedgerDate?

    func filter(_ store: EventStore) throws -> LogFilter {
        if let party { try store.requireRegisteredAtAll(party, flag: "--party") }
        return LogFilter(types: type, party: party, from: from, to: to)
    }
}

/// The CSV columns of a stored event.
enum LogRowCSV {
    static let header = ["seq", "id", "type", "date", "announced", "status", "recordedAt", "hash", "payload"]
    static func fields(_ row: StoredEvent) -> [String] {
        [String(row.seq), row.id, row.type, row.date, row.announced ?? "", row.status, row.recordedAt, row.hash, row.payload]
    }
}
