import ArgumentParser
import LedgerCore
import LedgerViews

/// `diff --from D1 --to D2`: what differs between two as-of states, and which events caused it.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what changed between two dates: stakes, valuations, terms, governance, investment, revenue, with the events that caused each change.",
        discussion: """
            Compares the state as of --from with the state as of --to (both inclusive, both as known at --known-at). \
            --company limits the diff to one company; --partnership to one partnership and the parties in it. \
            A figure that moved and moved back is not a difference.
            """)

    @OptionGroup var ledger: LedgerOptions
    @Option(help: ArgumentHelp("The earlier as-of date.", valueName: "YYYY-MM-DD"), transform: FlagValue.date) var from: LedgerDate
    @Option(help: ArgumentHelp("The later as-of date.", valueName: "YYYY-MM-DD"), transform: FlagValue.date) var to: LedgerDate
    @Option(help: ArgumentHelp("Only this company.", valueName: "id")) var company: String?
    @Option(help: ArgumentHelp("Only this partnership and its parties.", valueName: "id")) var partnership: String?
    @OptionGroup var knownAt: KnownAtOption
    @OptionGroup var output: FormatOption

    func run() throws {
        let page = try DiffPage.load(ledger.openForReading(), from: from, to: to, knownAt: knownAt.knownAt,
                                     company: company, partnership: partnership)
        Output.show(page, output.format)
    }
}
