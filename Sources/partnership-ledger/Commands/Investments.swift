import ArgumentParser
import LedgerViews

/// `investments`: who put how much into whom, by date, with cumulative totals.
struct Investments: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "investments", abstract: "Show who invested how much into whom, by date, with cumulative totals.")

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var query: QueryOptions
    @Option(help: "Only rounds of this company.") var company: String?
    @Option(help: "Only investments by this investor.") var investor: String?

    func run() throws {
        try InvestmentsPage.write(ledger.openForReading(), company: company, investor: investor, at: query.point, format: query.format, Output.printRaw)
    }
}
