import Foundation
@testable import LedgerCore
import TestSupport

/// An in-memory log for testing the fold without a database: amendments
/// resolved, events folded in (date, seq) order.
///
/// It has no known-at filter on purpose: what the ledger knew at a time is
/// decided by the store's SQL, so the known-at tests run against the real
/// store (LedgerStoreTests/KnownAtReplayTests).
struct Log {
    private(set) var entries: [(seq: Int64, event: Event)] = []

    @discardableResult
    mutating func append(_ events: Event...) -> Int64 {
        for event in events { entries.append((Int64(entries.count + 1), event)) }
        return Int64(entries.count)
    }

    func state(asOf: String) -> LedgerState {
        var state = LedgerState()
        forEachEffective(asOf: asOf) { state.apply($0) }
        return state
    }

    /// The rounds and revenue figures a view streams from the log, up to `asOf`.
    func history(asOf: String) -> CompanyHistory {
        var history = CompanyHistory()
        forEachEffective(asOf: asOf) { history.record($0) }
        return history
    }

    /// The effective events up to `asOf`, in (date, seq) order, amendments resolved.
    func forEachEffective(asOf: String, _ body: (LoggedEvent) -> Void) {
        let asOf = day(asOf)
        let amending = entries.map(\.event).filter { $0.type == .correction || $0.type == .retraction }
        var targetSeqs: [String: Int64] = [:]
        for event in amending {
            if case .correction(let c) = event.body {
                targetSeqs[c.corrects] = entries.first { $0.event.id == c.corrects }?.seq
            }
        }
        var replayer = Replayer(amendments: Amendments(amending, targetSeqs: targetSeqs), asOf: asOf)
        let ordered = entries.filter { $0.event.date <= asOf }
            .sorted { ($0.event.date, $0.seq) < ($1.event.date, $1.seq) }
        for entry in ordered {
            replayer.feed(seq: entry.seq, event: entry.event, into: body)
        }
        replayer.finish(into: body)
    }
}
