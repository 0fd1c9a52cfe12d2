import Foundation

/// Names one comparable fact about a company or partnership: a stake, a term, a role, …
///
/// Two states are compared fact by fact (see ``StateDiff``); the key says
/// whose fact it is (`subject`), what kind (`aspect`) and which one (`name`:
/// the holder, term, role, investor or revenue basis; empty for the valuation).
///
/// ```swift
/// FactKey(subject: "openai", aspect: .stake, name: "microsoft")
/// ```
public struct FactKey: Hashable, Sendable, Comparable {
    /// The kinds of fact, in the order a diff lists them.
    public enum Aspect: String, Hashable, Sendable, CaseIterable {
        case valuation, stake, term, governance, invested, revenue

        var rank: Int { Self.allCases.firstIndex(of: self)! }
    }

    /// The company or partnership id.
    public var subject: String
    /// What kind of fact.
    public var aspect: Aspect
    /// Which one: holder, term, role, investor or revenue basis; empty for the valuation.
    public var name: String

    /// Creates a key.
    public init(subject: String, aspect: Aspect, name: String = "") {
        self.subject = subject; self.aspect = aspect; self.name = name
    }

    public static func < (a: FactKey, b: FactKey) -> Bool {
        (a.subject, a.aspect.rank, a.name) < (b.subject, b.aspect.rank, b.name)
    }
}

/// The value of one fact.
///
/// ```swift
/// FactValue.fraction(0.27).json // "0.27"
/// ```
public enum FactValue: Hashable, Sendable {
    /// A stake.
    case fraction(Decimal)
    /// A valuation or a revenue figure.
    case money(Money)
    /// Cumulative investment, per currency.
    case totals(MoneyTotals)
    /// The holders of a governance role.
    case holders([String])
    /// A term's value.
    case term(JSONValue)

    /// The JSON form: a decimal string, a Money object, an array of Money or of ids, or the term's value.
    public var json: JSONValue {
        switch self {
        case .fraction(let value): .decimal(value)
        case .money(let money): money.json
        case .totals(let totals): totals.json
        case .holders(let holders): .array(holders.map(JSONValue.string))
        case .term(let value): value
        }
    }
}

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
                facts[FactKey(subject: subject, aspect: .stake, name: holder.holder)] = .fraction(holder.stake)
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
                facts[FactKey(subject: subject, aspect: .term, name: term)] = .term(state.value)
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
