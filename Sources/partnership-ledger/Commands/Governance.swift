import ArgumentParser
import LedgerViews

/// `governance COMPANY`: who holds which role.
struct Governance: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "governance", abstract: "Show a company's governance (CEO, chair, board, observers, structure) at a date.")

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var query: QueryOptions
    @Argument(help: "The company id.") var company: String

    func run() throws {
        Output.show(try GovernancePage.load(ledger.openForReading(), company: company, at: query.point), query.format)
    }
}
