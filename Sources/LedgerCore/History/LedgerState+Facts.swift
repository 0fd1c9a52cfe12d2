import Foundation

extension LedgerState {
    /// Every comparable fact about `subject` (a company or a partnership) in this state.
    ///
    /// Company: its valuation, each holder's stake (with ``otherHolders``),
    /// each governance role, cumulative investment per investor, money
    /// committed and funded per investor (when it differs from the
    /// investment: a pledge not paid in full, a conditional part, money
    /// pledged or paid outside a round), purchase commitments per seller,
    /// each warrant, the latest revenue per basis, each negotiation thread.
    /// Partnership: each term, cumulative investment per investor through
    /// rounds tagged with it, each negotiation thread.
    public func facts(of subject: String) -> [FactKey: FactValue] {
        var facts: [FactKey: FactValue] = [:]
        if let company = companies[subject] {
            if let valuation = valuation(of: subject) {
                facts[FactKey(subject: subject, aspect: .valuation)] = .money(valuation.chosen.money)
            }
            // The as-of date only labels the view; stakes do not depend on it.
            for holder in capTable(of: subject, asOf: lastDate ?? TermAudit.endOfTime).holders {
                facts[FactKey(subject: subject, aspect: .stake, name: holder.holder)] = .fraction(holder.stake.rounded)
            }
            for (role, state) in company.roles {
                facts[FactKey(subject: subject, aspect: .governance, name: role)] = .holders(state.holders)
            }
            for (investor, totals) in company.invested {
                facts[FactKey(subject: subject, aspect: .invested, name: investor)] = .totals(totals)
            }
            // Promised and paid apart only: a position that is every round paid in full says no more than `invested`.
            for (investor, position) in company.funding where !position.matches(company.invested[investor] ?? MoneyTotals()) {
                facts[FactKey(subject: subject, aspect: .funding, name: investor)] = .funding(position)
            }
            var purchases: [String: MoneyTotals] = [:]
            for record in company.purchases { purchases[record.seller, default: MoneyTotals()].add(record.amount) }
            for (seller, totals) in purchases {
                facts[FactKey(subject: subject, aspect: .purchases, name: seller)] = .totals(totals)
            }
            for warrant in company.warrants {
                facts[FactKey(subject: subject, aspect: .warrant, name: warrant.eventId)] = .warrant(warrant)
            }
            Self.negotiationFacts(subject, company.negotiations, into: &facts)
            for (basis, figure) in latestRevenue(of: subject) {
                facts[FactKey(subject: subject, aspect: .revenue, name: basis.rawValue)] = .money(figure.chosen.money)
            }
        }
        if let partnership = partnerships[subject] {
            for (term, state) in partnership.terms {
                facts[FactKey(subject: subject, aspect: .term, name: term)] = .term(state.value, members: state.members.mapValues(\.shown.origin.status))
            }
            for (investor, totals) in partnership.invested {
                facts[FactKey(subject: subject, aspect: .invested, name: investor)] = .totals(totals)
            }
            Self.negotiationFacts(subject, partnership.negotiations, into: &facts)
        }
        return facts
    }

    private static func negotiationFacts(_ subject: String, _ threads: [String: NegotiationThread], into facts: inout [FactKey: FactValue]) {
        for (id, thread) in threads {
            guard let last = thread.stages.last else { continue }
            facts[FactKey(subject: subject, aspect: .negotiation, name: id)] = .negotiation(stage: last.stage, status: last.status, closedBy: thread.closedBy)
        }
    }

    /// Ids of every company and partnership with anything recorded, sorted.
    public var subjectIDs: [String] { (Array(companies.keys) + Array(partnerships.keys)).sorted() }
}
