import ArgumentParser
import LedgerViews

/// `terms PARTNERSHIP`: the terms in force.
struct Terms: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "terms", abstract: "Show the terms of a partnership in force at a date.")

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var query: QueryOptions
    @Argument(help: "The partnership id.") var partnership: String

    func run() throws {
        Output.show(try TermsPage.load(ledger.openForReading(), partnership: partnership, at: query.point), query.format)
    }
}
