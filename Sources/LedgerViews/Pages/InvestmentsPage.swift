import LedgerCore
import LedgerStore

/// `investments`: who put how much into whom, by date, with cumulative totals.
public struct InvestmentsPage: LedgerPage {
    /// One investment of one round.
    public struct Line: Sendable {
        /// The company that raised the round.
        public var company: String
        /// The round.
        public var record: RoundRecord
        /// The investor's part of it.
        public var investment: Investment
    }

    /// One investor's cumulative investment in one company.
    public struct Total: Sendable {
        /// The investor.
        public var investor: String
        /// The company.
        public var company: String
        /// The sum per currency.
        public var total: MoneyTotals
    }

    /// The effective date.
    public var asOf: LedgerDate
    /// The investments, by date then company.
    public var lines: [Line]
    /// The totals, by investor then company.
    public var totals: [Total]

    /// Replays the ledger to `point` and lists the investments, optionally of one company or by one investor.
    public static func load(_ store: EventStore, company: String?, investor: String?, at point: ReplayPoint) throws -> InvestmentsPage {
        if let company { try store.requireRegistered(company, as: "party") }
        if let investor { try store.requireRegistered(investor, as: "party") }
        let state = try store.state(at: point)
        return InvestmentsPage(state: state, asOf: point.asOf, company: company, investor: investor)
    }

    /// The investments in `state`, optionally of one company or by one investor.
    public init(state: LedgerState, asOf: LedgerDate, company: String?, investor: String?) {
        let companies = company.map { [$0] } ?? state.companyIDs
        var lines: [Line] = []
        for id in companies {
            for record in state.companies[id]?.rounds ?? [] {
                for investment in record.investments where investor == nil || investment.investor == investor {
                    lines.append(Line(company: id, record: record, investment: investment))
                }
            }
        }
        lines.sort { ($0.record.date, $0.company) < ($1.record.date, $1.company) }
        var totals: [Total] = []
        for id in companies {
            for (holder, total) in state.companies[id]?.invested ?? [:] where investor == nil || holder == investor {
                totals.append(Total(investor: holder, company: id, total: total))
            }
        }
        totals.sort { ($0.investor, $0.company) < ($1.investor, $1.company) }
        self.asOf = asOf
        self.lines = lines
        self.totals = totals
    }

    public var json: JSONValue {
        .object([
            "asOf": .string(asOf.text),
            "investments": .array(lines.map { line in
                .object(["date": .string(line.record.date.text), "company": .string(line.company), "investor": .string(line.investment.investor),
                         "amount": line.investment.amount.json, "round": .string(line.record.round),
                         "instrument": .string(line.record.instrument.rawValue), "postMoney": line.record.postMoney?.json ?? .null,
                         "partnership": line.record.partnership.map(JSONValue.string) ?? .null,
                         "status": .string(line.record.status.rawValue), "eventId": .string(line.record.eventId)])
            }),
            "totals": .array(totals.map { .object(["investor": .string($0.investor), "company": .string($0.company), "invested": $0.total.json]) }),
        ])
    }

    public var csv: String {
        CSVWriter.document(["date", "company", "investor", "amount", "currency", "round", "instrument", "status", "eventId"], lines.map { line in
            [line.record.date.text, line.company, line.investment.investor, ExactDecimal.text(line.investment.amount.amount),
             line.investment.amount.currency, line.record.round, line.record.instrument.rawValue, line.record.status.rawValue, line.record.eventId]
        })
    }

    public var table: String {
        var table = TextTable(["DATE", "COMPANY", "INVESTOR", "AMOUNT", "INSTRUMENT", "STATUS", "ROUND"], rightAligned: [3])
        for line in lines {
            table.add([line.record.date.text, line.company, line.investment.investor, HumanNumbers.money(line.investment.amount),
                       line.record.instrument.rawValue, line.record.status.rawValue, line.record.round])
        }
        var summary = TextTable(["INVESTOR", "COMPANY", "CUMULATIVE"], rightAligned: [2])
        for total in totals { summary.add([total.investor, total.company, HumanNumbers.totals(total.total)]) }
        return "investments as of \(asOf)\n\n\(lines.isEmpty ? "none recorded" : table.rendered)\n\ncumulative by investor\n\n\(summary.rendered)"
    }
}
