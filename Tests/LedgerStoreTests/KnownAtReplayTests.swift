import Foundation
import LedgerCore
import LedgerStore
import TestSupport
import Testing

/// Known-at through the real store: what the ledger had recorded by a sequence number decides
/// which corrections and retractions count. (Moved from LedgerCoreTests, where a test-only copy
/// of the store's known-at filter was being tested instead of SQLite.)
@Suite struct KnownAtReplayTests {
    /// A real in-memory ledger whose parties are registered first; `append` appends each event as
    /// its own batch and returns how many events (after the registrations) the ledger holds, and
    /// `knownAt: n` means "when the ledger held the first n of those events".
    struct StoreLog {
        static let parties = ["acme", "founders", "a", "b"]
        let store: EventStore
        let registered: Int64

        init() throws {
            store = try EventStore.inMemory()
            registered = Int64(try store.append(batch(Self.parties.map { party($0) })).appended.count)
        }

        @discardableResult
        mutating func append(_ events: Event...) throws -> Int64 {
            for event in events { _ = try store.append(batch(event)) }
            return Int64(try store.count()) - registered
        }

        func state(asOf: String, knownAt: Int64? = nil) throws -> LedgerState {
            try store.state(asOf: day(asOf), knownAt: knownAt.map { .seq(registered + $0) }, useSnapshots: false)
        }
    }

    /// founders 100%, then A 10M at 40M post, then B 30M at 120M post.
    static func dilutionLog() throws -> StoreLog {
        var log = try StoreLog()
        try log.append(
            recap("founding", company: "acme", date: "2018-01-01", [("founders", "1")]),
            round("seed", company: "acme", date: "2019-01-01", investments: [("a", usd("10000000"))], postMoney: usd("40000000")),
            round("series-a", company: "acme", date: "2020-01-01", investments: [("b", usd("30000000"))], postMoney: usd("120000000")))
        return log
    }

    @Test func aCorrectionReplacesTheEventForEveryAsOfDate() throws {
        var log = try Self.dilutionLog()
        let before = try log.append(correction("fix", of: "seed", date: "2024-01-01",
            replacement: round("x", company: "acme", date: "2019-01-01", investments: [("a", usd("20000000"))], postMoney: usd("40000000"))))
        #expect(before == 4)
        let seedYear = try log.state(asOf: "2019-06-01")
        #expect(stakes(seedYear.capTable(of: "acme", asOf: day("2019-06-01"))) == ["founders": dec("0.5"), "a": dec("0.5")])
        #expect(seedYear.invested(by: "a", in: "acme").amounts == [usd("20000000")])
        #expect(stakes(try log.state(asOf: "2020-06-01").capTable(of: "acme", asOf: day("2020-06-01")))
                == ["founders": dec("0.375"), "a": dec("0.375"), "b": dec("0.25")])
        // Known before the correction was recorded: the original.
        #expect(stakes(try log.state(asOf: "2019-06-01", knownAt: 3).capTable(of: "acme", asOf: day("2019-06-01")))
                == ["founders": dec("0.75"), "a": dec("0.25")])
    }

    @Test func aCorrectionCanMoveAFactEarlier() throws {
        var log = try StoreLog()
        try log.append(valuation("v", company: "acme", date: "2022-01-01", usd("10")))
        try log.append(correction("fix", of: "v", date: "2022-02-01", replacement: valuation("x", company: "acme", date: "2020-01-01", usd("10"))))
        #expect(try log.state(asOf: "2020-01-01").valuation(of: "acme")?.chosen.date == day("2020-01-01"))
        #expect(try log.state(asOf: "2019-12-31").valuation(of: "acme") == nil)
        #expect(try log.state(asOf: "2020-01-01", knownAt: 1).valuation(of: "acme") == nil)
    }

    @Test func aRetractionRemovesTheEventsEffect() throws {
        var log = try Self.dilutionLog()
        try log.append(retraction("never-happened", of: "series-a", date: "2024-01-01"))
        let state = try log.state(asOf: "2025-01-01")
        #expect(stakes(state.capTable(of: "acme", asOf: day("2025-01-01"))) == ["founders": dec("0.75"), "a": dec("0.25")])
        #expect(state.valuation(of: "acme")?.chosen.eventId == "seed")
        #expect(state.invested(by: "b", in: "acme").amounts.isEmpty)
        #expect(state.appliedCount == Int(log.registered) + 2, "the registrations and two of the three rounds")
        let before = try log.state(asOf: "2025-01-01", knownAt: 3)
        #expect(before.capTable(of: "acme", asOf: day("2025-01-01")).holders.count == 3)
    }

    @Test func retractingACorrectionRevertsToTheOriginal() throws {
        var log = try Self.dilutionLog()
        try log.append(correction("fix", of: "seed", date: "2024-01-01",
            replacement: round("x", company: "acme", date: "2019-01-01", investments: [("a", usd("20000000"))], postMoney: usd("40000000"))))
        try log.append(retraction("unfix", of: "fix", date: "2024-02-01"))
        let reverted = try log.state(asOf: "2019-06-01")
        #expect(stakes(reverted.capTable(of: "acme", asOf: day("2019-06-01"))) == ["founders": dec("0.75"), "a": dec("0.25")])
        let corrected = try log.state(asOf: "2019-06-01", knownAt: 4)
        #expect(stakes(corrected.capTable(of: "acme", asOf: day("2019-06-01"))) == ["founders": dec("0.5"), "a": dec("0.5")])
    }

    @Test func theLatestAmendmentOfAnEventWins() throws {
        var log = try StoreLog()
        try log.append(valuation("v", company: "acme", date: "2022-01-01", usd("10")))
        try log.append(correction("fix-1", of: "v", date: "2022-02-01", replacement: valuation("x", company: "acme", date: "2022-01-01", usd("20"))))
        try log.append(correction("fix-2", of: "v", date: "2022-03-01", replacement: valuation("x", company: "acme", date: "2022-01-01", usd("30"))))
        #expect(try log.state(asOf: "2023-01-01").valuation(of: "acme")?.chosen.money == usd("30"))
        #expect(try log.state(asOf: "2023-01-01", knownAt: 2).valuation(of: "acme")?.chosen.money == usd("20"))
        try log.append(retraction("unfix-2", of: "fix-2", date: "2022-04-01"))
        #expect(try log.state(asOf: "2023-01-01").valuation(of: "acme")?.chosen.money == usd("20"))
        try log.append(retraction("gone", of: "v", date: "2022-05-01"))
        #expect(try log.state(asOf: "2023-01-01").valuation(of: "acme") == nil)
    }

}
