import Foundation

/// The value of one fact.
///
/// ```swift
/// FactValue.fraction(0.27).json // "0.27"
/// ```
public enum FactValue: Hashable, Sendable {
    /// A stake.
    case fraction(ExactDecimal)
    /// A valuation or a revenue figure.
    case money(Money)
    /// Cumulative investment, per currency.
    case totals(MoneyTotals)
    /// The holders of a governance role.
    case holders([String])
    /// A term's value, and the status of each member's shown claim (empty unless the value is an object).
    case term(JSONValue, members: [String: EventStatus] = [:])
    /// One investor's money promised and paid into the company.
    case funding(FundingPosition)
    /// A warrant: what it grants and how much of it was exercised.
    case warrant(WarrantRecord)
    /// A negotiation thread's latest stage, and the event that closed it, if one did.
    case negotiation(stage: String, status: EventStatus, closedBy: String?)

    /// The JSON form: a decimal string, a Money object, an array of Money or of ids, the term's value, or an object
    /// (funding: `{"USD": {"committed", "conditional", "funded", "outstanding"}}` as Money objects; warrant:
    /// `{"holder", "stake", "shares", "exercisedStake", "exercisedShares"}`; negotiation: `{"stage", "status", "closedBy"}`).
    public var json: JSONValue {
        switch self {
        case .fraction(let value): .decimal(value)
        case .money(let money): money.json
        case .totals(let totals): totals.json
        case .holders(let holders): .array(holders.map(JSONValue.string))
        case .term(let value, _): value
        case .funding(let position):
            .object(Dictionary(uniqueKeysWithValues: position.currencies.map { currency in
                let amounts = position.byCurrency[currency]!
                func money(_ amount: ExactDecimal) -> JSONValue { Money(amount: amount, currency: currency).json }
                return (currency, JSONValue.object(["committed": money(amounts.committed), "conditional": money(amounts.conditional),
                                                    "funded": money(amounts.funded), "outstanding": money(amounts.outstanding)]))
            }))
        case .warrant(let w):
            .object(["holder": .string(w.holder), "stake": w.stake.map(JSONValue.decimal) ?? .null, "shares": w.shares.map(JSONValue.decimal) ?? .null,
                     "exercisedStake": .decimal(w.exercisedStake), "exercisedShares": .decimal(w.exercisedShares)])
        case .negotiation(let stage, let status, let closedBy):
            .object(["stage": .string(stage), "status": .string(status.rawValue), "closedBy": closedBy.map(JSONValue.string) ?? .null])
        }
    }
}
