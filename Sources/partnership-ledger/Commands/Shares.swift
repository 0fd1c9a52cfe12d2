import ArgumentParser
import LedgerCore

/// `shares COMPANY`: the cap table, valuation and implied stake values.
struct Shares: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show a company's cap table, valuation and implied stake values.")

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var query: QueryOptions
    @Argument(help: "The company id.") var company: String

    func run() throws {
        let store = try ledger.openForReading()
        try QuerySupport.requireRegistered(company, as: "party", in: store)
        let (state, asOf) = try query.replay(store, subject: company)
        let view = state.capTable(of: company, asOf: asOf)
        switch query.format {
        case .json: Output.json(view.json)
        case .csv:
            Output.print(CSVWriter.document(["company", "asOf", "holder", "stake", "value", "currency"], view.holders.map {
                [company, asOf.text, $0.holder, ExactDecimal.text($0.stake), $0.value.map { ExactDecimal.text($0.amount) } ?? "", $0.value?.currency ?? ""]
            }))
        case .table:
            var lines = ["\(state.name(of: company)) (\(company)) as of \(asOf)", QuerySupport.valuationLine(view.valuation)]
            if view.isKnown {
                var table = TextTable(["HOLDER", "NAME", "STAKE", "VALUE"], rightAligned: [2, 3])
                for holder in view.holders {
                    table.add([holder.holder, state.name(of: holder.holder), HumanNumbers.percent(holder.stake), HumanNumbers.money(holder.value)])
                }
                lines += ["cap table from event \(view.eventId ?? "?"):", "", table.rendered]
            } else {
                lines.append("cap table: unknown (no priced equity round or recapitalization recorded by this date)")
            }
            Output.print(lines.joined(separator: "\n"))
        }
    }
}
