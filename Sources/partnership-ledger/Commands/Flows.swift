import ArgumentParser
import LedgerViews

/// `flows`: money invested one way beside compute committed the other way, per pair of parties.
struct Flows: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "flows", abstract: "Show, per pair of parties, money invested one way beside compute bought back the other way.")

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var query: QueryOptions
    @Option(help: "Only pairs involving this party.") var party: String?

    func run() throws {
        Output.show(try FlowsPage.load(ledger.openForReading(), party: party, at: query.point), query.format)
    }
}
