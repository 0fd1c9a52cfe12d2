import ArgumentParser
import LedgerCore
import LedgerStore
import LedgerViews

/// `export`: the log as JSON Lines (importable) or CSV.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the log as JSON Lines (default) or CSV.",
        discussion: """
            JSON Lines output is one stored event object per line, in log order, and can be imported
            into another ledger. --with-chain adds seq, recordedAt, prevHash and hash (an archive, not importable).
            """)

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var filters: LogFilterOptions

    @Option(name: .long, help: ArgumentHelp("jsonl (default) or csv.", valueName: "format"), transform: FlagValue.choice("an export format"))
    var format: LogPage.ExportFormat = .jsonl

    @Flag(name: .long, help: "Include seq, recordedAt, prevHash and hash in JSON Lines.")
    var withChain = false

    func run() throws {
        let store = try ledger.openForReading()
        try LogPage.export(store, try filters.filter(store), format: format, withChain: withChain, Output.printRaw)
    }
}
