import ArgumentParser
import LedgerCore
import LedgerStore
import LedgerViews

/// `log`: events in log order, filtered.
struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "log", abstract: "List events in log (seq) order.")

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var filters: LogFilterOptions
    @OptionGroup var output: FormatOption

    func run() throws {
        let store = try ledger.openForReading()
        try LogPage.write(store, try filters.filter(store), format: output.format, Output.printRaw)
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
        try LogPage.filter(store, types: type, party: party, from: from, to: to)
    }
}
