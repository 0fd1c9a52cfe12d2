import Foundation
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
        /// The sum of round amounts per currency.
        public var total: MoneyTotals
        /// The currency of the four figures below (nil when nothing was pledged or paid).
        public var currency: String?
        /// Committed, conditional, funded and outstanding at the date (CONTRACT §4), in ``currency``.
        public var position: FundingPosition.Amounts?

        /// One of the four figures as Money, or nil when unknown.
        public func money(_ figure: KeyPath<FundingPosition.Amounts, ExactDecimal>) -> Money? {
            guard let currency, let position else { return nil }
            return Money(amount: position[keyPath: figure], currency: currency)
        }
    }

    /// The four figures of CONTRACT §4, in column order, with their JSON and CSV names.
    static var figures: [(name: String, heading: String, path: KeyPath<FundingPosition.Amounts, ExactDecimal>)] {
        [("committed", "COMMITTED", \.committed), ("conditional", "CONDITIONAL", \.conditional),
         ("funded", "FUNDED", \.funded), ("outstanding", "OUTSTANDING", \.outstanding)]
    }

    /// The effective date.
    public var asOf: LedgerDate
    /// The investments, by date then company.
    public var lines: [Line]
    /// The totals, by investor then company.
    public var totals: [Total]
    /// Why the subject is not in the state at this point (registered later, or not yet recorded), shown instead of the table.
    public var absence: String?

    /// Replays the ledger to `point` and lists the investments, optionally of one company or by one investor.
    public static func load(_ store: EventStore, company: String?, investor: String?, at point: ReplayPoint) throws -> InvestmentsPage {
        let state = try state(store, company: company, investor: investor, at: point)
        var lines: [Line] = []
        try forEachLine(store, state, company: company, investor: investor, at: point) { lines.append($0) }
        var page = InvestmentsPage(asOf: point.asOf, lines: lines, totals: totals(state, company: company, investor: investor))
        if let company { page.absence = try store.absence(of: company, as: "party", in: state, at: point) }
        return page
    }

    /// `investments` written as it is produced, for a ledger whose answer is too large to hold.
    ///
    /// JSON and CSV hand each investment to `output` as the replay reaches it (one date's lines are held
    /// to order them by company), then the totals, which come from the state; the text is byte for byte
    /// ``text(_:)`` of the loaded page. The table needs every row to size its columns, so it is loaded whole.
    ///
    /// ```swift
    /// try InvestmentsPage.write(store, company: nil, investor: "amazon", at: point, format: .json) { print($0, terminator: "") }
    /// ```
    public static func write(_ store: EventStore, company: String?, investor: String?, at point: ReplayPoint, format: ViewFormat,
                             _ output: (String) -> Void) throws {
        if format == .table {
            output(LogPage.line(try load(store, company: company, investor: investor, at: point).table))
            return
        }
        let state = try state(store, company: company, investor: investor, at: point)
        if format == .csv {
            output(LogPage.line(CSVWriter.line(csvHeader)))
            try forEachLine(store, state, company: company, investor: investor, at: point) { output(LogPage.line(CSVWriter.line(csvFields($0)))) }
            return
        }
        // `json.prettyText()` written piece by piece: keys in order, each element indented as prettyText indents it.
        var count = 0
        func element(_ value: JSONValue) {
            output((count == 0 ? "[\n    " : ",\n    ") + value.prettyText(indent: "    "))
            count += 1
        }
        func closeArray() {
            output(count == 0 ? "[]" : "\n  ]")
            count = 0
        }
        output("{\n  \"asOf\": \(JSONValue.string(point.asOf.text).canonicalText),\n  \"investments\": ")
        try forEachLine(store, state, company: company, investor: investor, at: point) { element(json($0)) }
        closeArray()
        output(",\n  \"totals\": ")
        for total in totals(state, company: company, investor: investor) { element(json(total)) }
        closeArray()
        output("\n}\n")
    }

    /// The state at `point`, after checking that `company` and `investor` are registered parties.
    private static func state(_ store: EventStore, company: String?, investor: String?, at point: ReplayPoint) throws -> LedgerState {
        if let company { try store.requireRegistered(company, as: "party") }
        if let investor { try store.requireRegistered(investor, as: "party") }
        return try store.state(at: point)
    }

    /// Streams the investments to `point` by date then company (a company's in round then investment order),
    /// holding one date's lines at a time: the effective events come in (date, seq) order.
    private static func forEachLine(_ store: EventStore, _ state: LedgerState, company: String?, investor: String?, at point: ReplayPoint,
                                    _ body: (Line) throws -> Void) throws {
        var pending: [Line] = []
        func flush() throws {
            pending.sort { $0.company < $1.company }  // stable: a company's lines keep their (seq, investment) order
            for line in pending { try body(line) }
            pending.removeAll(keepingCapacity: true)
        }
        func record(_ effective: LoggedEvent) throws {
            guard case .fundingRound(let round) = effective.event.body,
                  company.map({ round.company == $0 }) ?? (state.companies[round.company] != nil) else { return }
            if let date = pending.first?.record.date, date != effective.event.date { try flush() }
            let record = RoundRecord(round, event: effective.event)
            for investment in record.investments where investor == nil || investment.investor == investor {
                pending.append(Line(company: round.company, record: record, investment: investment))
            }
        }
        if let company {
            try store.forEachEffective(of: company, asOf: point.asOf, knownAt: point.knownAt?.bound) { try record($0) }
        } else {
            try store.forEachEffective(asOf: point.asOf, knownAt: point.knownAt?.bound) { try record($0) }
        }
        try flush()
    }

    /// The totals in `state`, by investor then company, optionally of one company or by one investor.
    private static func totals(_ state: LedgerState, company: String?, investor: String?) -> [Total] {
        var totals: [Total] = []
        for id in company.map({ [$0] }) ?? state.companyIDs {
            guard let company = state.companies[id] else { continue }
            let holders = Set(company.invested.keys).union(company.funding.keys)
            for holder in holders where investor == nil || holder == investor {
                let total = company.invested[holder] ?? MoneyTotals()
                let position = company.funding[holder] ?? FundingPosition()
                if position.currencies.isEmpty {
                    totals.append(Total(investor: holder, company: id, total: total))
                }
                for currency in position.currencies {
                    totals.append(Total(investor: holder, company: id, total: total, currency: currency, position: position.byCurrency[currency]))
                }
            }
        }
        totals.sort { ($0.investor, $0.company, $0.currency ?? "") < ($1.investor, $1.company, $1.currency ?? "") }
        return totals
    }

    /// One investment as a JSON element of `investments`.
    static func json(_ line: Line) -> JSONValue {
        .object(["date": .string(line.record.date.text), "company": .string(line.company), "investor": .string(line.investment.investor),
                 "amount": line.investment.amount.json, "round": .string(line.record.round),
                 "instrument": .string(line.record.instrument.rawValue), "postMoney": line.record.postMoney?.json ?? .null,
                 "partnership": line.record.partnership.map(JSONValue.string) ?? .null,
                 "committed": line.investment.firm.json, "conditional": (line.investment.conditional ?? Money(amount: 0, currency: line.investment.amount.currency)).json,
                 "funded": line.investment.paidAtClose.json,
                 "outstanding": Money(amount: max(0, line.investment.firm.amount - line.investment.paidAtClose.amount), currency: line.investment.amount.currency).json,
                 "status": .string(line.record.status.rawValue), "eventId": .string(line.record.eventId)])
    }

    /// One total as a JSON element of `totals`.
    static func json(_ total: Total) -> JSONValue {
        var row: [String: JSONValue] = ["investor": .string(total.investor), "company": .string(total.company), "invested": total.total.json]
        for figure in Self.figures { row[figure.name] = total.money(figure.path)?.json ?? .null }
        return .object(row)
    }

    /// The CSV columns of an investment.
    static var csvHeader: [String] {
        ["date", "company", "investor", "amount", "currency", "round", "instrument", "status", "eventId"] + figures.map(\.name)
    }

    /// One investment as CSV fields.
    static func csvFields(_ line: Line) -> [String] {
        let investment = line.investment
        let figures = [investment.firm.amount, investment.conditional?.amount ?? 0, investment.paidAtClose.amount,
                       max(0, investment.firm.amount - investment.paidAtClose.amount)]
        return [line.record.date.text, line.company, investment.investor, ExactDecimal.text(investment.amount.amount),
                investment.amount.currency, line.record.round, line.record.instrument.rawValue, line.record.status.rawValue, line.record.eventId]
            + figures.map(ExactDecimal.text)
    }

    public var json: JSONValue {
        .object(["asOf": .string(asOf.text), "investments": .array(lines.map(Self.json)), "totals": .array(totals.map(Self.json))])
    }

    public var csv: String { CSVWriter.document(Self.csvHeader, lines.map(Self.csvFields)) }

    public var table: String {
        if let absence { return absence }
        var table = TextTable(["DATE", "COMPANY", "INVESTOR", "AMOUNT", "INSTRUMENT", "STATUS", "ROUND"], rightAligned: [3])
        for line in lines {
            table.add([line.record.date.text, line.company, line.investment.investor, HumanNumbers.money(line.investment.amount),
                       line.record.instrument.rawValue, line.record.status.rawValue, line.record.round])
        }
        var summary = TextTable(["INVESTOR", "COMPANY", "CUMULATIVE"] + Self.figures.map(\.heading), rightAligned: [2, 3, 4, 5, 6])
        for total in totals {
            summary.add([total.investor, total.company, HumanNumbers.totals(total.total)] + Self.figures.map { total.money($0.path).map(HumanNumbers.money) ?? "-" })
        }
        return "investments as of \(asOf)\n\n\(lines.isEmpty ? "none recorded" : table.rendered)\n\ncumulative by investor\n\n\(summary.rendered)"
    }
}
