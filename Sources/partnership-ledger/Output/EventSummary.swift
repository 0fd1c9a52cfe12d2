import LedgerCore

/// A one-line human summary of an event, for `log` tables.
enum EventSummary {
    static func line(_ event: Event) -> String {
        switch event.body {
        case .party(let p): return "\(p.name) (\(p.kind.rawValue))"
        case .partnership(let p): return "\(p.parties.joined(separator: " + ")); \(p.terms.count) terms"
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
        }
    }

    static func roleText(_ change: RoleChange) -> String {
        switch change.action {
        case .set(let names): names.isEmpty ? "\(change.role) vacant" : "\(change.role) = \(names.joined(separator: ", "))"
        case .add(let name): "\(change.role) + \(name)"
        case .remove(let name): "\(change.role) − \(name)"
        }
    }
}
