import Foundation

/// An exact, non-negative amount of one currency, as in the Open Cap Format.
///
/// JSON form: `{"amount": "10000000000", "currency": "USD"}`; the amount is a
/// decimal string, never a JSON number, so no value ever passes through a
/// binary float.
///
/// ```swift
/// let money = Money(amount: 10_000_000_000, currency: "USD")
/// money.json.canonicalText // {"amount":"10000000000","currency":"USD"}
/// ```
public struct Money: Hashable, Sendable, Codable, CustomStringConvertible {
    public var amount: ExactDecimal
    /// ISO 4217 code: three upper-case letters.
    public var currency: String

    public init(amount: ExactDecimal, currency: String) {
        self.amount = amount
        self.currency = currency
    }

    /// The JSON object form.
    public var json: JSONValue {
        .object(["amount": .string(ExactDecimal.text(amount)), "currency": .string(currency)])
    }

    public var description: String { "\(ExactDecimal.text(amount)) \(currency)" }

    /// Whether `code` looks like an ISO 4217 currency code.
    public static func isCurrencyCode(_ code: String) -> Bool {
        code.utf8.count == 3 && code.utf8.allSatisfy { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
    }
}

/// Exact sums of money kept per currency, for cumulative investment.
public struct MoneyTotals: Hashable, Sendable, Codable {
    /// Amount per ISO 4217 code.
    public private(set) var byCurrency: [String: ExactDecimal] = [:]

    public init() {}

    /// Totals restored as they were (snapshots).
    init(byCurrency: [String: ExactDecimal]) { self.byCurrency = byCurrency }

    /// Adds `money` to the total of its currency; false, and the total unchanged, when the sum would be
    /// beyond the exact range (±1.7 × 10^18).
    @discardableResult
    public mutating func add(_ money: Money) -> Bool {
        guard let sum = byCurrency[money.currency, default: 0].adding(money.amount) else { return false }
        byCurrency[money.currency] = sum
        return true
    }

    /// The totals as Money values, sorted by currency code.
    public var amounts: [Money] {
        byCurrency.keys.sorted().map { Money(amount: byCurrency[$0]!, currency: $0) }
    }
}
