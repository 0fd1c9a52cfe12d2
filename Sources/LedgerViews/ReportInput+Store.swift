import LedgerCore
import LedgerReport
import LedgerStore

extension ReportInput {
    /// Everything the HTML report shows, read from `store` in one replay to `point` plus each partnership's audit.
    public static func load(_ store: EventStore, at point: ReplayPoint) throws -> ReportInput {
        var recorder = SeriesRecorder()
        try store.forEachEffective(asOf: point.asOf, knownAt: point.knownAt?.bound) { recorder.feed($0) }
        let maxSeq = try store.maxSeq(for: point.knownAt?.bound)
        let amendments = try store.amendmentLog(maxSeq: maxSeq)
        var audits: [String: [TermAuditLine]] = [:]
        for id in recorder.state.partnerships.keys {
            audits[id] = TermAudit.lines(partnership: id, events: try store.loggedEvents(naming: id, maxSeq: maxSeq),
                                         amendments: amendments).filter { $0.date <= point.asOf }
        }
        return ReportInput(asOf: point.asOf, knownAt: point.knownAt?.text, state: recorder.state,
                           series: recorder.series, termAudits: audits)
    }

    /// What a written report holds, for the line that confirms it: `… valuation series, … cap tables, …`.
    public var contentSummary: String {
        [ValueText.count(series.valuations.count, "valuation series", plural: "valuation series"),
         ValueText.count(series.stakes.count, "cap table"),
         ValueText.count(series.investments.count, "investment series", plural: "investment series"),
         ValueText.count(termAudits.values.map(\.count).reduce(0, +), "term change"),
         ValueText.count(series.governance.count, "governance event")].joined(separator: ", ")
    }
}
