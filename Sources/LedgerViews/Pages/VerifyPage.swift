import LedgerCore
import LedgerReport
import LedgerStore

/// `verify`: the hash chain recomputed, and the line that says it is intact or the problem that says where it is not.
public struct VerifyPage {
    /// What the check found.
    public var report: VerifyReport
    /// The head hash the user kept earlier, when given.
    public var knownHead: String?

    /// Recomputes the chain of `store` (with `deep`, also decodes every event); `knownHead` must be in the chain.
    public static func load(_ store: EventStore, deep: Bool, knownHead: String?) throws -> VerifyPage {
        VerifyPage(report: try store.verify(deep: deep, knownHead: knownHead), knownHead: knownHead)
    }

    /// Creates the page.
    public init(report: VerifyReport, knownHead: String?) { self.report = report; self.knownHead = knownHead }

    /// The first problem, as one sentence (`integrity broken at seq 12: …`), or nil when the chain is intact.
    public var problem: String? { report.problem.map { $0.description + "." } }

    /// `ok: 80 events, hash chain intact; head is seq 80, hash …` (and the earlier head found, when one was given).
    public var line: String {
        var line = "ok: \(ValueText.count(Int(report.count), "event")), hash chain intact; head is seq \(report.head.seq), hash \(report.head.hash)"
        if let knownHead { line += "; earlier head \(knownHead.prefix(16))… found in the chain" }
        return line
    }
}
