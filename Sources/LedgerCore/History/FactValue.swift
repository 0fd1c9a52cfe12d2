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

    /// The JSON form: a decimal string, a Money object, an array of Money or of ids, or the term's value.
    public var json: JSONValue {
        switch self {
        case .fraction(let value): .decimal(value)
        case .money(let money): money.json
        case .totals(let totals): totals.json
        case .holders(let holders): .array(holders.map(JSONValue.string))
        case .term(let value, _): value
        }
    }
}
