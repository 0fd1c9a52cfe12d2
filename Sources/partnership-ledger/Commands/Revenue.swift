import ArgumentParser
import LedgerCore

/// `revenue COMPANY`: reported revenue, disagreements resolved and shown.
struct Revenue: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a company's reported revenue figures up to a date.",
        discussion: "Where sources disagree on a figure (same date and basis), confirmed beats reported beats estimate, then the later recorded wins; the others are listed as alternatives.")

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var query: QueryOptions
    @Argument(help: "The company id.") var company: String

    func run() throws {
        let store = try ledger.openForReading()
        try QuerySupport.requireRegistered(company, as: "party", in: store)
        let (state, asOf) = try query.replay(store, subject: company)
        let figures = state.revenue(of: company)
        let latest = state.latestRevenue(of: company)
        switch query.format {
        case .json:
            Output.json(.object([
                "company": .string(company), "asOf": .string(asOf.text),
                "latest": .object(Dictionary(uniqueKeysWithValues: latest.map { ($0.key.rawValue, $0.value.json) })),
                "figures": .array(figures.map(\.figure.json)),
            ]))
        case .csv:
            Output.print(CSVWriter.document(["company", "date", "basis", "amount", "currency", "status", "eventId", "chosen"], figures.flatMap { _, figure in
                ([figure.chosen] + figure.alternatives).map { f in
                    [company, f.date.text, f.basis, ExactDecimal.text(f.money.amount), f.money.currency, f.status.rawValue, f.eventId, f == figure.chosen ? "yes" : "no"]
                }
            }))
        case .table:
            var table = TextTable(["DATE", "BASIS", "AMOUNT", "STATUS", "EVENT", "OTHER FIGURES"], rightAligned: [2])
            for (_, figure) in figures {
                let f = figure.chosen
                let others = figure.alternatives.map { "\(HumanNumbers.money($0.money)) (\($0.status.rawValue))" }.joined(separator: "; ")
                table.add([f.date.text, f.basis, HumanNumbers.money(f.money), f.status.rawValue, f.eventId, others])
            }
            Output.print("\(state.name(of: company)) (\(company)) revenue as of \(asOf)\n\n" + (figures.isEmpty ? "no revenue recorded" : table.rendered))
        }
    }
}
