import Foundation

extension LedgerState {
    /// Every comparable fact about `subject` (a company or a partnership) in this state.
    ///
    /// Company: its valuation, each holder's stake (with ``otherHolders``),
    /// each governance role, cumulative investment per investor, the latest
    /// revenue per basis. Partnership: each term, cumulative investment per
    /// investor through rounds tagged with it.
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
        }
        return facts
    }

    /// Ids of every company and partnership with anything recorded, sorted.
    public var subjectIDs: [String] { (Array(companies.keys) + Array(partnerships.keys)).sorted() }
}
