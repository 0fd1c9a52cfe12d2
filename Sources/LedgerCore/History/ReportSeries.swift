/// The data series of the HTML report, gathered in one replay.
///
/// ```swift
/// var recorder = SeriesRecorder()
/// try store.forEachEffective(asOf: date, knownAt: nil) { recorder.feed($0) }
/// let series = recorder.series // valuations, stakes, investments, governance
/// ```
public struct ReportSeries: Hashable, Sendable {
    /// The valuation in force over time, one series per company (and currency).
    public var valuations: [ChartSeries]
    /// Holders' stakes over time, one entry per company with a known cap table.
    public var stakes: [CompanyStakes]
    /// Cumulative investment of each partner into each partner company, one series per pair (and currency).
    public var investments: [ChartSeries]
    /// Governance events, in replay order.
    public var governance: [GovernanceMark]

    /// Creates the set.
    public init(valuations: [ChartSeries] = [], stakes: [CompanyStakes] = [], investments: [ChartSeries] = [],
                governance: [GovernanceMark] = []) {
        self.valuations = valuations; self.stakes = stakes; self.investments = investments; self.governance = governance
    }
}
