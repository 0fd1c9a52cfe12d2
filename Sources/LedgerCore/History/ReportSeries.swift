/// The data series of the HTML report, gathered in one replay.
///
/// ```swift
/// var recorder = SeriesRecorder()
/// try store.forEachEffective(asOf: date, knownAt: nil) { recorder.feed($0) }
/// let series = recorder.series // valuations, stakes, investments, funding, governance
/// ```
public struct ReportSeries: Hashable, Sendable {
    /// The valuation in force over time, one series per company (and currency).
    public var valuations: [ChartSeries]
    /// Holders' stakes over time, one entry per company with a known cap table.
    public var stakes: [CompanyStakes]
    /// Cumulative investment of each investor into each company, one series per pair (and currency).
    public var investments: [ChartSeries]
    /// Committed against funded over time, for each pair where the two ever differed (a pledge not yet paid in full).
    public var funding: [PairFunding]
    /// Governance events, in replay order.
    public var governance: [GovernanceMark]

    /// Creates the set.
    public init(valuations: [ChartSeries] = [], stakes: [CompanyStakes] = [], investments: [ChartSeries] = [],
                funding: [PairFunding] = [], governance: [GovernanceMark] = []) {
        self.valuations = valuations; self.stakes = stakes; self.investments = investments; self.funding = funding
        self.governance = governance
    }
}
