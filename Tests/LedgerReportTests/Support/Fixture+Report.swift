import TestSupport
import LedgerCore
import LedgerReport
import LedgerStore
import LedgerViews

extension Fixture {
    /// The report's input for `store`, gathered as `partnership-ledger report` gathers it (``ReportInput/load(_:at:)``).
    static func reportInput(_ store: EventStore, asOf: String = "2024-01-01") throws -> ReportInput {
        try ReportInput.load(store, at: ReplayPoint(asOf: day(asOf)))
    }

    static func reportHTML(_ store: EventStore, asOf: String = "2024-01-01") throws -> String {
        HTMLReport(try reportInput(store, asOf: asOf)).render()
    }
}
