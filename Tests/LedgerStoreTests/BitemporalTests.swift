import Foundation
import TestSupport
import Testing
@testable import LedgerCore
@testable import LedgerStore

/// Effective time (`asOf`) against recorded time (`knownAt`).
@Suite struct BitemporalTests {
    /// seq 1–6 registrations; 7 founders 100% (2019); 8 alpha 10 at 40 post (2020);
    /// 9 beta 30 at 120 post (2022); 10, recorded last, gamma 20 at 80 post back-dated to 2021.
    func backFilledStore() async throws -> EventStore {
        let store = try EventStore.inMemory()
        _ = try store.append(batch(registrations))
        _ = try store.append(batch(
            recap("founding", company: "acme", date: "2019-01-01", [("founders", "1")]),
            round("seed", company: "acme", date: "2020-01-01", investments: [("alpha", usd("10"))], postMoney: usd("40")),
            round("series-a", company: "acme", date: "2022-01-01", investments: [("beta", usd("30"))], postMoney: usd("120"))))
        try await Task.sleep(for: .milliseconds(2))
        let result = try store.append(batch(
            round("gamma-deal", company: "acme", date: "2021-01-01", investments: [("gamma", usd("20"))], postMoney: usd("80"))))
        #expect(result.appended.map(\.seq) == [10])
        return store
    }

    func table(_ store: EventStore, asOf: String, knownAt: KnownAt? = nil) throws -> [String: ExactDecimal] {
        stakes(try store.state(asOf: day(asOf), knownAt: knownAt), "acme", asOf: asOf)
    }

    // MARK: - Back-dated appends

    @Test func aBackDatedAppendChangesThePastOnlyForKnownAtAtOrAfterItsSeq() async throws {
        let store = try await backFilledStore()
        let before = ["founders": dec("0.75"), "alpha": dec("0.25")]
        let after = ["founders": dec("0.5625"), "alpha": dec("0.1875"), "gamma": dec("0.25")]
        #expect(try table(store, asOf: "2021-06-01", knownAt: .seq(9)) == before)
        #expect(try table(store, asOf: "2021-06-01", knownAt: .seq(10)) == after)
        #expect(try table(store, asOf: "2021-06-01", knownAt: .seq(500)) == after)
        #expect(try table(store, asOf: "2021-06-01") == after)
    }

    @Test func aBackDatedAppendIsFoldedInEffectiveOrderNotLogOrder() async throws {
        let store = try await backFilledStore()
        #expect(try table(store, asOf: "2022-01-01", knownAt: .seq(9))
                == ["founders": dec("0.5625"), "alpha": dec("0.1875"), "beta": dec("0.25")])
        #expect(try table(store, asOf: "2022-01-01")
                == ["founders": dec("0.421875"), "alpha": dec("0.140625"), "gamma": dec("0.1875"), "beta": dec("0.25")])
        let state = try store.state(asOf: day("2022-01-01"))
        var history = CompanyHistory()
        try store.forEachEffective(of: "acme", asOf: day("2022-01-01"), knownAt: nil) { history.record($0) }
        #expect(history.rounds(of: "acme").map(\.eventId) == ["seed", "gamma-deal", "series-a"])
        #expect(state.valuation(of: "acme")?.chosen.eventId == "series-a")
    }

    @Test(arguments: [
        ("2020-12-31", false),  // the day before
        ("2021-01-01", true),   // the day of: as-of is inclusive
        ("2021-01-02", true),   // the day after
    ])
    func asOfBoundariesAroundTheBackDatedEvent(_ asOf: String, _ included: Bool) async throws {
        let store = try await backFilledStore()
        let known = try table(store, asOf: asOf)
        #expect((known["gamma"] != nil) == included)
        #expect(known["founders"] == (included ? dec("0.5625") : dec("0.75")))
        #expect(try table(store, asOf: asOf, knownAt: .seq(9))["gamma"] == nil)
        let valuation = try store.state(asOf: day(asOf)).valuation(of: "acme")?.chosen.money
        #expect(valuation == (included ? usd("80") : usd("40")))
    }

    @Test func knownAtZeroOrBeforeAnythingWasRecordedIsEmpty() async throws {
        let store = try await backFilledStore()
        for knownAt: KnownAt in [.seq(0), .time(Timestamp(microseconds: 0))] {
            let state = try store.state(asOf: day("2030-01-01"), knownAt: knownAt)
            #expect(state.appliedCount == 0)
            #expect(state.parties.isEmpty)
        }
        let onlyRegistrations = try store.state(asOf: day("2030-01-01"), knownAt: .seq(6))
        #expect(onlyRegistrations.parties.count == 5)
        #expect(onlyRegistrations.companies.isEmpty)
        #expect(try table(store, asOf: "2030-01-01", knownAt: .seq(7)) == ["founders": dec("1")])
    }

    @Test func knownAtATimeSeesWhatWasRecordedByThen() async throws {
        let store = try await backFilledStore()
        let backDated = try #require(try store.event(id: "gamma-deal"))
        let series = try #require(try store.event(id: "series-a"))
        #expect(series.recordedAt < backDated.recordedAt)
        let justBefore = Timestamp(microseconds: try Timestamp(parsing: backDated.recordedAt).microseconds - 1)
        #expect(try store.maxSeq(for: .time(justBefore)) == 9)
        #expect(try store.maxSeq(for: .time(try Timestamp(parsing: backDated.recordedAt))) == 10)
        #expect(try table(store, asOf: "2021-06-01", knownAt: .time(justBefore))["gamma"] == nil)
        #expect(try table(store, asOf: "2021-06-01", knownAt: .time(try Timestamp(parsing: "2199-12-31")))["gamma"] == dec("0.25"))
    }

    // MARK: - Corrections and retractions

    /// The back-filled store plus 11: seed corrected to 20 at 40 post; 12: gamma's deal retracted.
    func amendedStore() async throws -> EventStore {
        let store = try await backFilledStore()
        _ = try store.append(batch(correction("fix-seed", of: "seed", date: "2023-06-01",
            replacement: round("seed", company: "acme", date: "2020-01-01", investments: [("alpha", usd("20"))], postMoney: usd("40")))))
        _ = try store.append(batch(retraction("no-gamma", of: "gamma-deal", date: "2023-07-01")))
        return store
    }

    static let amendmentCases: [(knownAt: Int64, stakes: [String: String])] = [
        (10, ["founders": "0.5625", "alpha": "0.1875", "gamma": "0.25"]),   // neither known
        (11, ["founders": "0.375", "alpha": "0.375", "gamma": "0.25"]),     // the correction known
        (12, ["founders": "0.5", "alpha": "0.5"]),                          // both known
    ]

    @Test(arguments: amendmentCases)
    func amendmentsApplyOnlyFromTheirSeqOn(_ knownAt: Int64, _ expected: [String: String]) async throws {
        let store = try await amendedStore()
        #expect(try table(store, asOf: "2021-06-01", knownAt: .seq(knownAt)) == expected.mapValues(dec))
    }

    @Test func amendmentsApplyToAsOfDatesBeforeTheirOwnDate() async throws {
        let store = try await amendedStore()
        // The correction is dated 2023 but rewrites 2020.
        #expect(try table(store, asOf: "2020-01-01") == ["founders": dec("0.5"), "alpha": dec("0.5")])
        #expect(try table(store, asOf: "2020-01-01", knownAt: .seq(10)) == ["founders": dec("0.75"), "alpha": dec("0.25")])
        let state = try store.state(asOf: day("2020-06-01"))
        #expect(state.invested(by: "alpha", in: "acme").amounts == [usd("20")])
    }

    @Test func retractingTheCorrectionLaterRevertsToTheOriginal() async throws {
        let store = try await amendedStore()
        _ = try store.append(batch(retraction("unfix-seed", of: "fix-seed", date: "2023-08-01")))
        #expect(try table(store, asOf: "2021-06-01") == ["founders": dec("0.75"), "alpha": dec("0.25")])
        #expect(try table(store, asOf: "2021-06-01", knownAt: .seq(12)) == ["founders": dec("0.5"), "alpha": dec("0.5")])
    }

    @Test func aCorrectionThatMovesTheDateMovesTheFact() async throws {
        let store = try await backFilledStore()
        _ = try store.append(batch(correction("redate", of: "gamma-deal", date: "2023-06-01",
            replacement: round("gamma-deal", company: "acme", date: "2023-01-01", investments: [("gamma", usd("20"))], postMoney: usd("80")))))
        #expect(try table(store, asOf: "2021-06-01")["gamma"] == nil)
        #expect(try table(store, asOf: "2021-06-01", knownAt: .seq(10))["gamma"] == dec("0.25"))
        #expect(try table(store, asOf: "2023-01-01")
                == ["founders": dec("0.421875"), "alpha": dec("0.140625"), "beta": dec("0.1875"), "gamma": dec("0.25")])
    }
}
