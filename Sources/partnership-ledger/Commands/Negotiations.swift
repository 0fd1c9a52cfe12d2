import ArgumentParser
import LedgerViews

/// `negotiations [PARTNERSHIP|COMPANY]`: talks and proposals open at a date.
struct Negotiations: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "negotiations", abstract: "List the negotiations (talks, proposals) open at a date, each thread with its stages.")

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var query: QueryOptions
    @Argument(help: "A partnership or company id (default: all).") var subject: String?
    @Flag(help: "Also list threads closed by the date.") var all = false

    func run() throws {
        Output.show(try NegotiationsPage.load(ledger.openForReading(), subject: subject, includeClosed: all, at: query.point), query.format)
    }
}
