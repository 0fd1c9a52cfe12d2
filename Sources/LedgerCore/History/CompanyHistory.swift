import Foundation

/// The lists that grow with every event about a company: each round and each revenue figure.
///
/// ``LedgerState`` keeps only what is in force at its date (the latest
/// valuation date's figures, the latest revenue figures per basis, cumulative
/// totals), so its size depends on the number of companies, parties and
/// terms, not on the number of events. The views that list history
/// (`investments`, `revenue`) feed this recorder the same effective events
/// the fold reads, streamed from the log, and it keeps exactly what the fold
/// would have kept for them.
///
/// ```swift
/// var history = CompanyHistory()
/// for event in effective { history.record(event) }
/// history.revenue(of: "openai").last?.figure.chosen.money
/// ```
public struct CompanyHistory: Sendable {
    /// Every round by company, in (date, seq) order.
    public private(set) var rounds: [String: [RoundRecord]] = [:]
    /// Revenue figures by company, grouped by (date, basis).
    public private(set) var revenue: [String: [RevenueKey: [Figure]]] = [:]

    /// An empty history.
    public init() {}

    /// Records one effective event (fed in (date, seq) order, as the fold is).
    public mutating func record(_ effective: LoggedEvent) {
        let event = effective.event
        switch event.body {
        case .fundingRound(let round):
            rounds[round.company, default: []].append(RoundRecord(round, event: event))
        case .revenue(let r):
            revenue[r.company, default: [:]][RevenueKey(date: event.date, basis: r.basis), default: []]
                .append(Figure(revenue: r, event: event, seq: effective.seq))
        case .party, .partnership, .valuation, .governance, .renegotiation, .recapitalization, .correction, .retraction,
             .commitment, .funding, .purchaseCommitment, .warrant, .negotiation:
            return
        }
    }

    /// Every round of `company`, in (date, seq) order.
    public func rounds(of company: String) -> [RoundRecord] { rounds[company] ?? [] }

    /// Every revenue figure of `company` by (date, basis), disagreements resolved, oldest first.
    public func revenue(of company: String) -> [(key: RevenueKey, figure: ChosenFigure)] {
        LedgerState.chosenFigures(revenue[company] ?? [:])
    }
}

extension RoundRecord {
    /// The record of a funding round as applied.
    public init(_ round: FundingRound, event: Event) {
        self.init(date: event.date, eventId: event.id, round: round.round, instrument: round.instrument, investments: round.investments,
                  postMoney: round.impliedPostMoney, partnership: round.partnership, status: event.status)
    }
}

extension Figure {
    /// A revenue report's figure, as the fold and the history record it.
    public init(revenue r: RevenueReport, event: Event, seq: Int64) {
        self.init(money: r.amount, basis: r.basis.rawValue, date: event.date, status: event.status,
                  seq: seq, eventId: event.id, sources: event.sources, period: r.period, announced: event.announced)
    }
}
