import Foundation

/// Records the report's chart data while a replay runs.
///
/// Feed it every effective event in replay order. After each event it
/// samples what the event can have moved (only companies the event names):
/// the valuation in force, the cap table, cumulative investment, money
/// committed and funded (CONTRACT §4). Points of
/// the same date collapse to the day's last value, as the fold does.
///
/// ```swift
/// var recorder = SeriesRecorder()
/// for event in effective { recorder.feed(event) }
/// recorder.series.valuations.first?.points
/// ```
public struct SeriesRecorder: Sendable {
    /// The projection so far.
    public private(set) var state = LedgerState()

    private struct MoneyKey: Hashable { var subject: String; var currency: String }
    private struct InvestmentKey: Hashable { var investor: String; var company: String; var currency: String }
    private struct CapSnapshot { var date: LedgerDate; var eventId: String; var stakes: [String: Stake] }

    private var valuations: [MoneyKey: [SeriesPoint]] = [:]
    private var valuationOrder: [MoneyKey] = []
    private var lastValuation: [String: Money] = [:]
    private var capTables: [String: [CapSnapshot]] = [:]
    private var investments: [InvestmentKey: [SeriesPoint]] = [:]
    private var investmentOrder: [InvestmentKey] = []
    private struct FundingPoints { var committed: [SeriesPoint] = []; var funded: [SeriesPoint] = []; var pledged: [SeriesPoint] = []
                                   var differed = false; var conditional = false }
    private var funding: [InvestmentKey: FundingPoints] = [:]
    private var fundingOrder: [InvestmentKey] = []
    private var governance: [GovernanceMark] = []

    /// An empty recorder.
    public init() {}

    /// Applies one effective event and samples what it moved.
    public mutating func feed(_ effective: LoggedEvent) {
        state.apply(effective)
        let event = effective.event
        switch event.body {
        case .fundingRound(let round):
            sampleCompany(round.company, event)
            for investor in round.investments.map(\.investor).uniqued(by: \.self) {
                for money in state.invested(by: investor, in: round.company).amounts {
                    let key = InvestmentKey(investor: investor, company: round.company, currency: money.currency)
                    if investments[key] == nil { investmentOrder.append(key) }
                    investments[key, default: []].record(SeriesPoint(date: event.date, value: money.amount, eventId: event.id))
                }
                sampleFunding(investor, round.company, event)
            }
        case .commitment(let c): sampleFunding(c.investor, c.company, event)
        case .funding(let f): sampleFunding(f.investor, f.company, event)
        case .valuation(let v): sampleCompany(v.company, event)
        case .recapitalization(let r): sampleCompany(r.company, event)
        case .governance(let g):
            governance.append(GovernanceMark(date: event.date, company: g.company, changes: g.changes,
                                             eventId: event.id, status: event.status, sources: event.sources))
        case .warrant(let w): if w.exercises != nil { sampleCompany(w.company, event) }
        case .party, .partnership, .revenue, .renegotiation, .correction, .retraction, .purchaseCommitment, .negotiation:
            break
        }
    }

    /// Samples `investor`'s committed, funded and pledged (committed + conditional) money in `company`, per currency.
    private mutating func sampleFunding(_ investor: String, _ company: String, _ event: Event) {
        let position = state.fundingPosition(of: investor, in: company)
        for currency in position.currencies {
            let amounts = position.byCurrency[currency]!
            let key = InvestmentKey(investor: investor, company: company, currency: currency)
            if funding[key] == nil { fundingOrder.append(key) }
            var points = funding[key] ?? FundingPoints()
            points.committed.record(SeriesPoint(date: event.date, value: amounts.committed, eventId: event.id))
            points.funded.record(SeriesPoint(date: event.date, value: amounts.funded, eventId: event.id))
            points.pledged.record(SeriesPoint(date: event.date, value: amounts.committed + amounts.conditional, eventId: event.id))
            points.differed = points.differed || amounts.committed != amounts.funded || amounts.conditional > 0
            points.conditional = points.conditional || amounts.conditional > 0
            funding[key] = points
        }
    }

    private mutating func sampleCompany(_ company: String, _ event: Event) {
        if let money = state.valuation(of: company)?.chosen.money, lastValuation[company] != money {
            lastValuation[company] = money
            let key = MoneyKey(subject: company, currency: money.currency)
            if valuations[key] == nil { valuationOrder.append(key) }
            valuations[key, default: []].record(SeriesPoint(date: event.date, value: money.amount, eventId: event.id))
        }
        let view = state.capTable(of: company, asOf: event.date)
        guard view.isKnown else { return }
        let stakes = Dictionary(view.holders.map { ($0.holder, $0.stake) }, uniquingKeysWith: +)
        var snapshots = capTables[company] ?? []
        guard snapshots.last?.stakes != stakes else { return }
        if snapshots.last?.date == event.date { snapshots.removeLast() }
        snapshots.append(CapSnapshot(date: event.date, eventId: event.id, stakes: stakes))
        capTables[company] = snapshots
    }

    /// The series recorded so far, named from the current state.
    ///
    /// Investment series cover every investor, partner of the company or
    /// not. Funding is kept for the pairs whose committed and funded money
    /// ever differed (otherwise its lines would repeat the investment line).
    public var series: ReportSeries {
        let multiCurrency = Dictionary(grouping: valuationOrder, by: \.subject).filter { $0.value.count > 1 }
        let valuationSeries = valuationOrder.sorted { ($0.subject, $0.currency) < ($1.subject, $1.currency) }.map { key in
            let name = state.name(of: key.subject) + (multiCurrency[key.subject] != nil ? " (\(key.currency))" : "")
            let id = key.subject + (multiCurrency[key.subject] != nil ? "-\(key.currency.lowercased())" : "")
            return ChartSeries(id: id, name: name, unit: .money(currency: key.currency), points: valuations[key]!)
        }

        let stakes = capTables.keys.sorted().map { company in
            CompanyStakes(company: company, name: state.name(of: company), holders: stakeSeries(capTables[company]!))
        }

        let investmentSeries = investmentOrder
            .sorted { ($0.company, $0.investor, $0.currency) < ($1.company, $1.investor, $1.currency) }
            .map { key in
                ChartSeries(id: "\(key.investor)-in-\(key.company)" + (key.currency == "USD" ? "" : "-\(key.currency.lowercased())"),
                            name: "\(state.name(of: key.investor)) → \(state.name(of: key.company))"
                                + (key.currency == "USD" ? "" : " (\(key.currency))"),
                            unit: .money(currency: key.currency), points: investments[key]!)
            }
        let fundingSets = fundingOrder.filter { funding[$0]!.differed }
            .sorted { ($0.company, $0.investor, $0.currency) < ($1.company, $1.investor, $1.currency) }
            .map { key in
                let points = funding[key]!
                let id = "\(key.investor)-in-\(key.company)" + (key.currency == "USD" ? "" : "-\(key.currency.lowercased())")
                var series = [ChartSeries(id: "\(id)-committed", name: "committed", unit: .money(currency: key.currency), points: points.committed),
                              ChartSeries(id: "\(id)-funded", name: "funded", unit: .money(currency: key.currency), points: points.funded)]
                if points.conditional {
                    series.append(ChartSeries(id: "\(id)-pledged", name: "pledged, with the conditional part", unit: .money(currency: key.currency),
                                              points: points.pledged))
                }
                return PairFunding(investor: key.investor, company: key.company,
                                   name: "\(state.name(of: key.investor)) → \(state.name(of: key.company))", currency: key.currency, series: series)
            }
        return ReportSeries(valuations: valuationSeries, stakes: stakes, investments: investmentSeries, funding: fundingSets, governance: governance)
    }

    /// One series per holder: from the holder's first stake on, 0 after it leaves the table.
    private func stakeSeries(_ snapshots: [CapSnapshot]) -> [ChartSeries] {
        let final = snapshots.last?.stakes ?? [:]
        var holders: [String] = []
        for snapshot in snapshots {
            for holder in snapshot.stakes.keys.sorted() where !holders.contains(holder) { holders.append(holder) }
        }
        holders.sort { a, b in
            if (a == LedgerState.otherHolders) != (b == LedgerState.otherHolders) { return b == LedgerState.otherHolders }
            return (final[a] ?? 0, b) > (final[b] ?? 0, a)
        }
        return holders.map { holder in
            var points: [SeriesPoint] = []
            for snapshot in snapshots {
                guard let stake = snapshot.stakes[holder] ?? (points.isEmpty ? nil : 0) else { continue }
                points.record(SeriesPoint(date: snapshot.date, value: stake.rounded, eventId: snapshot.eventId))
            }
            return ChartSeries(id: holder, name: state.name(of: holder), unit: .fraction, points: points)
        }
    }
}
