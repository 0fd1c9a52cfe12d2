import ArgumentParser
import LedgerViews

/// `revenue COMPANY`: reported revenue, disagreements resolved and shown.
struct Revenue: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revenue",
        abstract: "Show a company's reported revenue figures up to a date.",
        discussion: "Where sources disagree on a figure (same date and basis), confirmed beats reported beats estimate, then the later announced; a tie still left is marked disputed. The others are listed as alternatives.")

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var query: QueryOptions
    @Argument(help: "The company id.") var company: String

    func run() throws {
        Output.show(try RevenuePage.load(ledger.openForReading(), company: company, at: query.point), query.format)
    }
}
