import ArgumentParser
import LedgerViews

/// `commitments`: purchase commitments buyer → seller, with totals.
struct Commitments: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "commitments", abstract: "List purchase commitments (compute, cloud) buyer → seller, with totals, at a date.")

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var query: QueryOptions
    @Option(help: "Only this buyer.") var buyer: String?
    @Option(help: "Only this seller.") var seller: String?

    func run() throws {
        Output.show(try CommitmentsPage.load(ledger.openForReading(), buyer: buyer, seller: seller, at: query.point), query.format)
    }
}
