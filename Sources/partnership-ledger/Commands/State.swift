import ArgumentParser
import LedgerViews

/// `state`: the whole projection at a date.
struct State: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "state", abstract: "Show the whole projection: every company and partnership at a date.")

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var query: QueryOptions

    func run() throws {
        Output.show(try StatePage.load(ledger.openForReading(), at: query.point), query.format)
    }
}
