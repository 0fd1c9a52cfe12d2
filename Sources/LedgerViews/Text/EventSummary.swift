import LedgerCore
import LedgerReport

/// A one-line human summary of an event, for `log` tables.
///
/// ```swift
/// EventSummary.line(event) // "amazon pledges up to $4.0B to anthropic, $2.8B conditional"
/// ```
public enum EventSummary {
    /// The summary of `event`.
    public static func line(_ event: Event) -> String {
        switch event.body {
        case .party(let p): return "\(p.name) (\(p.kind.rawValue))"
        case .partnership(let p): return "\(p.parties.joined(separator: " + ")); \(ValueText.count(p.terms.count, "term"))"
        case .fundingRound(let r):
            let invested = r.investments.map { "\($0.investor) \(HumanNumbers.money($0.amount))" }.joined(separator: ", ")
            let post = r.impliedPostMoney.map { " at \(HumanNumbers.money($0)) post" } ?? ""
            return "\(r.company) \(r.round) (\(r.instrument.rawValue)): \(invested)\(post)"
        case .valuation(let v): return "\(v.company) valued at \(HumanNumbers.money(v.value)) (\(v.basis.rawValue))"
        case .revenue(let r): return "\(r.company) revenue \(HumanNumbers.money(r.amount)) (\(r.basis.rawValue))"
        case .governance(let g): return "\(g.company): " + g.changes.map(roleText).joined(separator: "; ")
        case .renegotiation(let r):
            return "\(r.partnership): " + r.changes.map { change in
                switch change.action {
                case .set: "set \(change.term)"
                case .merge(let members): "merge \(change.term) (\(members.keys.sorted().joined(separator: ", ")))"
                case .remove: "remove \(change.term)"
                }
            }.joined(separator: ", ")
        case .recapitalization(let r):
            return "\(r.company) cap table: " + r.stakes.map { "\($0.holder) \(HumanNumbers.percent($0.stake))" }.joined(separator: ", ")
        case .correction(let c): return "corrects \(c.corrects): \(c.reason)"
        case .retraction(let r): return "retracts \(r.retracts): \(r.reason)"
        case .commitment(let c):
            let conditional = c.conditional.map { ", \(HumanNumbers.money($0)) conditional" } ?? ""
            return "\(c.investor) pledges \(c.upTo ? "up to " : "")\(HumanNumbers.money(c.amount)) to \(c.company)\(conditional)"
        case .funding(let f):
            switch f.paid {
            case .amount(let money): return "\(f.investor) pays \(HumanNumbers.money(money)) into \(f.company)"
            case .toDate(let money): return "\(f.investor) has paid \(HumanNumbers.money(money)) into \(f.company) to date"
            }
        case .purchaseCommitment(let p):
            return "\(p.buyer) to buy \(p.upTo ? "up to " : "")\(HumanNumbers.money(p.amount)) from \(p.seller): \(p.scope)"
        case .warrant(let w):
            let size = w.stake.map(HumanNumbers.percent) ?? w.shares.map { "\(ExactDecimal.text($0)) shares" } ?? "unsized"
            if let exercised = w.exercises { return "\(w.holder) exercises \(size) of \(exercised) in \(w.company)" }
            return "\(w.holder) warrant on \(w.company) (\(size))"
        case .negotiation(let n):
            switch n.subject {
            case .terms(let partnership, let proposals):
                return "\(partnership) \(n.stage.rawValue): " + (proposals.isEmpty ? "no proposals" : proposals.map(\.term).joined(separator: ", "))
            case .round(let company, let amount, let valuation):
                let size = amount.map { " \(HumanNumbers.money($0))" } ?? ""
                let value = valuation.map { " at \(HumanNumbers.money($0))" } ?? ""
                return "\(company) round \(n.stage.rawValue):\(size)\(value)"
            }
        }
    }

    /// `ceo = Sam Altman`, `board + Bret Taylor`, `observer − Microsoft`.
    public static func roleText(_ change: RoleChange) -> String {
        switch change.action {
        case .set(let names): names.isEmpty ? "\(change.role) vacant" : "\(change.role) = \(names.joined(separator: ", "))"
        case .add(let name): "\(change.role) + \(name)"
        case .remove(let name): "\(change.role) − \(name)"
        }
    }
}
