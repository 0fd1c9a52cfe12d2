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

    /// Orders by subject, then aspect (in ``Aspect`` order), then name.
    public static func < (a: FactKey, b: FactKey) -> Bool {
        (a.subject, a.aspect.rank, a.name) < (b.subject, b.aspect.rank, b.name)
    }
}
