/// One investor's money promised and paid into one company over time, in one currency: the report's committed-versus-funded chart.
///
/// ```swift
/// PairFunding(investor: "amazon", company: "anthropic", name: "Amazon → Anthropic", currency: "USD",
///             series: [committedSeries, fundedSeries])
/// ```
public struct PairFunding: Hashable, Sendable {
    /// The investor id.
    public var investor: String
    /// The company id.
    public var company: String
    /// The pair's display name, `Amazon → Anthropic`.
    public var name: String
    /// The ISO 4217 code of every series.
    public var currency: String
    /// `committed`, `funded` and, when anything was ever conditional, `pledged` (committed + conditional), in that order.
    public var series: [ChartSeries]

    /// Creates the set.
    public init(investor: String, company: String, name: String, currency: String, series: [ChartSeries]) {
        self.investor = investor; self.company = company; self.name = name; self.currency = currency; self.series = series
    }
}
