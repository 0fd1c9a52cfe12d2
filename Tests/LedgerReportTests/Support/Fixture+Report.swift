import TestSupport
import LedgerCore
import LedgerReport
import LedgerStore

extension Fixture {
    /// The report's input for `store`, gathered the way `partnership-ledger report` gathers it.
    static func reportInput(_ store: EventStore, asOf: String = "2024-01-01", knownAt: KnownAt? = nil) throws -> ReportInput {
        var recorder = SeriesRecorder()
        try store.forEachEffective(asOf: day(asOf), knownAt: knownAt) { recorder.feed($0) }
        var audits: [String: [TermAuditLine]] = [:]
        for id in recorder.state.partnerships.keys {
            audits[id] = try store.audit(id, knownAt: knownAt).filter { $0.date <= day(asOf) }
        }
        return ReportInput(asOf: day(asOf), state: recorder.state, series: recorder.series, termAudits: audits)
    }

    static func reportHTML(_ store: EventStore, asOf: String = "2024-01-01") throws -> String {
        HTMLReport(try reportInput(store, asOf: asOf)).render()
    }
}
