/// Names one comparable fact about a company or partnership: a stake, a term, a role, …
///
/// Two states are compared fact by fact (see ``StateDiff``); the key says
/// whose fact it is (`subject`), what kind (`aspect`) and which one (`name`:
/// the holder, term, role, investor, seller, warrant event, revenue basis or
/// negotiation thread; empty for the valuation).
///
/// ```swift
/// FactKey(subject: "openai", aspect: .stake, name: "microsoft")
/// ```
public struct FactKey: Hashable, Sendable, Comparable {
    /// The kinds of fact, in the order a diff lists them.
    public enum Aspect: String, Hashable, Sendable, CaseIterable {
        case valuation, stake, term, governance, invested
        /// Money committed, conditional and funded by one investor (CONTRACT §4).
        case funding
        /// Compute (or anything) the company committed to buy from one seller, totals per currency.
        case purchases
        /// One warrant on the company's equity, by the event that granted it.
        case warrant
        case revenue
        /// One negotiation thread about the company's round or the partnership's terms: its latest stage.
        case negotiation

        var rank: Int { Self.allCases.firstIndex(of: self)! }
    }

    /// The company or partnership id.
    public var subject: String
    /// What kind of fact.
    public var aspect: Aspect
    /// Which one: holder, term, role, investor, seller, warrant event, revenue basis or thread; empty for the valuation.
    public var name: String

    /// Creates a key.
    public init(subject: String, aspect: Aspect, name: String = "") {
        self.subject = subject; self.aspect = aspect; self.name = name
    }

    /// Orders by subject, then aspect (in ``Aspect`` order), then name.
    public static func < (a: FactKey, b: FactKey) -> Bool {
        (a.subject, a.aspect.rank, a.name) < (b.subject, b.aspect.rank, b.name)
    }
}
