import Foundation
import LedgerCore
import LedgerStore
import TestSupport
import Testing

/// `audit COMPANY --stakes`: each holder's stake and implied value, event by event.
@Suite struct StakeHistoryTests {
    typealias F = Fixture

    func history(_ store: EventStore, _ company: String, asOf: String = "2199-12-31") throws -> StakeHistory {
        var history = StakeHistory(company: company)
        try store.forEachEffective(asOf: F.day(asOf), knownAt: nil) { history.feed($0) }
        return history
    }

    @Test func dilutionAndRevaluationMoveEachHolder() throws {
        let changes = try history(F.acmeLedger(), "acme").changes
        let rows = changes.map { c in
            "\(c.cause.eventId) \(c.holder) \(c.stakeFrom.map(ExactDecimal.text) ?? "-")→\(c.stakeTo.map(ExactDecimal.text) ?? "-") "
                + "\(c.valueFrom.map { ExactDecimal.text($0.amount) } ?? "-")→\(c.valueTo.map { ExactDecimal.text($0.amount) } ?? "-")"
        }
        #expect(rows == [
            "round-a fund -→0.1 -→10000000",
            "round-a other-holders -→0.9 -→90000000",
            // Round B: Bolt buys 10% at $200M post; earlier holders keep 90% of their stakes. Largest first, the rest last.
            "round-b bolt -→0.1 -→20000000",
            "round-b fund 0.1→0.09 10000000→18000000",
            "round-b other-holders 0.9→0.81 90000000→162000000",
            // A secondary at $500M moves every implied value, no stake.
            "acme-secondary bolt 0.1→0.1 20000000→50000000",
            "acme-secondary fund 0.09→0.09 18000000→45000000",
            "acme-secondary other-holders 0.81→0.81 162000000→405000000",
        ])
        #expect(changes.last?.valuation == F.usd("500000000"))
    }

    @Test(arguments: [("2020-05-31", 0), ("2020-06-01", 2), ("2021-06-01", 5), ("2030-01-01", 8)])
    func asOfBoundsTheHistory(asOf: String, count: Int) throws {
        #expect(try history(F.acmeLedger(), "acme", asOf: asOf).changes.count == count)
    }

    @Test func aCompanyWithoutACapTableHasNoMoves() throws {
        #expect(try history(F.acmeLedger(), "bolt").changes.isEmpty)
    }

    @Test func bundledOpenAIRecapitalizationGivesMicrosoft27Percent() throws {
        let changes = try history(F.bundledLedger(), "openai").changes
        let microsoft = try #require(changes.last { $0.holder == "microsoft" && $0.cause.eventId == "2025-10-28-openai-recapitalization" })
        #expect(microsoft.stakeTo == F.dec("0.27"))
        #expect(microsoft.valueTo == F.usd("135000000000"))
        #expect(microsoft.cause.eventId == "2025-10-28-openai-recapitalization")
        // The 2026 round ($122B at $852B post-money) then dilutes it to 0.27 × 730/852, worth 0.27 × $730B.
        let diluted = try #require(changes.last { $0.holder == "microsoft" })
        #expect(diluted.cause.eventId == "2026-03-31-openai-raises-122b")
        let value = try #require(diluted.valueTo)
        #expect(abs(value.amount - F.dec("197100000000")) < 1, "\(value.amount)")
    }
}
