/// What a series measures: an amount of one currency, or a fraction.
///
/// ```swift
/// SeriesUnit.money(currency: "USD")
/// ```
public enum SeriesUnit: Hashable, Sendable {
    /// Amounts of one currency.
    case money(currency: String)
    /// Stakes or rates, 0…1.
    case fraction
}
