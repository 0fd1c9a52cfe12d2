import ArgumentParser
import LedgerViews

/// `shares COMPANY`: the cap table, valuation and implied stake values.
struct Shares: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "shares", abstract: "Show a company's cap table, valuation and implied stake values.")

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var query: QueryOptions
    @Argument(help: "The company id.") var company: String
    @Flag(help: "Add the stakes of unexercised warrants (a fully diluted cap table).") var fullyDiluted = false

    func run() throws {
        Output.show(try SharesPage.load(ledger.openForReading(), company: company, at: query.point, fullyDiluted: fullyDiluted), query.format)
    }
}
