import ArgumentParser
import LedgerCore

/// `investments`: who put how much into whom, by date, with cumulative totals.
struct Investments: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show who invested how much into whom, by date, with cumulative totals.")

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var query: QueryOptions
    @Option(help: "Only rounds of this company.") var company: String?
    @Option(help: "Only investments by this investor.") var investor: String?

    func run() throws {
        let store = try ledger.openForReading()
        if let company { try QuerySupport.requireRegistered(company, as: "party", in: store) }
        if let investor { try QuerySupport.requireRegistered(investor, as: "party", in: store) }
        let (state, asOf) = try query.replay(store)
        let companies = company.map { [$0] } ?? state.companyIDs
        var lines: [(company: String, record: RoundRecord, investment: Investment)] = []
        for id in companies {
            for record in state.companies[id]?.rounds ?? [] {
                for investment in record.investments where investor == nil || investment.investor == investor {
                    lines.append((id, record, investment))
                }
            }
        }
        lines.sort { ($0.record.date, $0.company) < ($1.record.date, $1.company) }
        var totals: [(investor: String, company: String, total: MoneyTotals)] = []
        for id in companies {
            for (holder, total) in state.companies[id]?.invested ?? [:] where investor == nil || holder == investor {
                totals.append((holder, id, total))
            }
        }
        totals.sort { ($0.investor, $0.company) < ($1.investor, $1.company) }

        switch query.format {
        case .json:
            Output.json(.object([
                "asOf": .string(asOf.text),
                "investments": .array(lines.map { line in
                    .object(["date": .string(line.record.date.text), "company": .string(line.company), "investor": .string(line.investment.investor),
                             "amount": line.investment.amount.json, "round": .string(line.record.round),
                             "instrument": .string(line.record.instrument.rawValue), "postMoney": line.record.postMoney?.json ?? .null,
                             "partnership": line.record.partnership.map(JSONValue.string) ?? .null,
                             "status": .string(line.record.status.rawValue), "eventId": .string(line.record.eventId)])
                }),
                "totals": .array(totals.map { .object(["investor": .string($0.investor), "company": .string($0.company), "invested": $0.total.json]) }),
            ]))
        case .csv:
            Output.print(CSVWriter.document(["date", "company", "investor", "amount", "currency", "round", "instrument", "status", "eventId"], lines.map { line in
                [line.record.date.text, line.company, line.investment.investor, ExactDecimal.text(line.investment.amount.amount),
                 line.investment.amount.currency, line.record.round, line.record.instrument.rawValue, line.record.status.rawValue, line.record.eventId]
            }))
        case .table:
            var table = TextTable(["DATE", "COMPANY", "INVESTOR", "AMOUNT", "INSTRUMENT", "STATUS", "ROUND"], rightAligned: [3])
            for line in lines {
                table.add([line.record.date.text, line.company, line.investment.investor, HumanNumbers.money(line.investment.amount),
                           line.record.instrument.rawValue, line.record.status.rawValue, line.record.round])
            }
            var summary = TextTable(["INVESTOR", "COMPANY", "CUMULATIVE"], rightAligned: [2])
            for total in totals { summary.add([total.investor, total.company, HumanNumbers.totals(total.total)]) }
            Output.print("investments as of \(asOf)\n\n\(lines.isEmpty ? "none recorded" : table.rendered)\n\ncumulative by investor\n\n\(summary.rendered)")
        }
    }
}
