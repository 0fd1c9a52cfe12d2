import LedgerCore

/// Everything the HTML report shows, gathered by the caller (the CLI reads it from the store).
///
/// ```swift
/// let input = ReportInput(asOf: date, state: recorder.state, series: recorder.series,
///                         termAudits: ["microsoft-openai": lines])
/// let html = HTMLReport(input).render()
/// ```
public struct ReportInput: Sendable {
    /// The page's heading.
    public var title: String
    /// The effective date the report replays to.
    public var asOf: LedgerDate
    /// The known-at bound as the user gave it, if any.
    public var knownAt: String?
    /// The projection at `asOf`.
    public var state: LedgerState
    /// The chart series, recorded during the same replay.
    public var series: ReportSeries
    /// The term audit of each partnership, by partnership id.
    public var termAudits: [String: [TermAuditLine]]

    /// Creates the input.
    public init(title: String = "Partnership Ledger report", asOf: LedgerDate, knownAt: String? = nil,
                state: LedgerState, series: ReportSeries, termAudits: [String: [TermAuditLine]]) {
        self.title = title; self.asOf = asOf; self.knownAt = knownAt
        self.state = state; self.series = series; self.termAudits = termAudits
    }
}
