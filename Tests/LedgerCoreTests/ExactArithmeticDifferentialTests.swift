import Foundation
import SyntheticHistory
import Testing
import TestSupport
@testable import LedgerCore

/// Property: the exact fixed-point fold (``ExactDecimal``, ``Stake``) prints every figure the `Decimal` fold printed.
///
/// Over generated histories (``HistoryGenerator``: rounds priced and not,
/// recapitalizations, warrants and their exercises, commitments, payments,
/// purchases, corrections and retractions), the state is folded event by
/// event beside ``DecimalOracle`` and, at random as-of dates, every cap
/// table (as is and fully diluted, stakes and implied values), every
/// investment total, funding position, warrant and purchase total must be
/// the same text. The number of histories is `LEDGER_DIFF_HISTORIES`
/// (default 40); the scaled run is
/// `LEDGER_DIFF_HISTORIES=10000 swift test --filter ExactArithmeticDifferentialTests`.
@Suite struct ExactArithmeticDifferentialTests {
    static let histories = Int(ProcessInfo.processInfo.environment["LEDGER_DIFF_HISTORIES"] ?? "") ?? 40

    @Test func everyFigureEqualsTheDecimalPath() throws {
        var compared = 0
        var mismatches = 0
        for index in 0..<Self.histories where mismatches < 20 {
            let (figures, differences) = try Self.compare(seed: UInt64(index) &* 7919 &+ 1)
            compared += figures
            mismatches += differences
        }
        #expect(mismatches == 0)
        // Every history has cap tables and money to compare; a fold that compared nothing would pass silently.
        #expect(compared >= Self.histories * 10, "only \(compared) figures compared")
    }

    /// Folds one generated history beside the oracle; returns how many figures were compared and how many differed.
    static func compare(seed: UInt64) throws -> (compared: Int, mismatches: Int) {
        var random = SeededRandom(seed: seed ^ 0xD1FF)
        let generator = try HistoryGenerator(count: random.int(in: 60...400), seed: seed)
        let log = generator.events()
        let seqs = Dictionary(log.enumerated().map { ($1.id, Int64($0 + 1)) }, uniquingKeysWith: { first, _ in first })
        let amendments = Amendments(log.filter { $0.type.isAmendment }, targetSeqs: seqs)
        let stored = log.enumerated().map { (seq: Int64($0.offset + 1), event: $0.element) }
            .sorted { ($0.event.date, $0.seq) < ($1.event.date, $1.seq) }
        var replayer = Replayer(amendments: amendments, asOf: LedgerDate(year: LedgerDate.maxYear, month: 12, day: 31)!)
        var effective: [EffectiveEvent] = []
        for entry in stored { replayer.feed(seq: entry.seq, event: entry.event) { effective.append($0) } }
        replayer.finish { effective.append($0) }

        // Random as-of dates among the effective dates, and the end.
        var asOfDates = Set((0..<4).map { _ in random.pick(effective).event.date })
        asOfDates.insert(effective.last!.event.date)
        var state = LedgerState()
        var oracle = DecimalOracle()
        var result = (compared: 0, mismatches: 0)
        var next = 0
        for asOf in asOfDates.sorted() {
            while next < effective.count, effective[next].event.date <= asOf {
                state.apply(effective[next])
                oracle.apply(effective[next])
                next += 1
            }
            let (compared, mismatches) = Self.figures(state, oracle, asOf: asOf, label: "seed \(seed) as of \(asOf.text)")
            result.compared += compared
            result.mismatches += mismatches
        }
        return result
    }

    /// Compares every numeric figure of the state with the oracle's.
    static func figures(_ state: LedgerState, _ oracle: DecimalOracle, asOf: LedgerDate, label: String) -> (Int, Int) {
        var compared = 0, mismatches = 0
        func check<Value: Equatable>(_ got: Value, _ want: Value, _ what: String) {
            compared += 1
            if got != want {
                mismatches += 1
                Issue.record("\(label): \(what): exact \(got), Decimal \(want)")
            }
        }
        for company in Set(state.companyIDs).union(oracle.companyIDs).sorted() {
            let valuation = state.valuation(of: company)?.chosen.money
            for fullyDiluted in [false, true] {
                let view = state.capTable(of: company, asOf: asOf, fullyDiluted: fullyDiluted)
                let lines = view.isKnown ? view.holders.map {
                    DecimalOracle.HolderLine(holder: $0.holder, stake: $0.stake.description, value: $0.value.map { ExactDecimal.text($0.amount) })
                } : nil
                check(lines, oracle.capTable(of: company, valuation: valuation, fullyDiluted: fullyDiluted),
                      "\(company) cap table\(fullyDiluted ? " (fully diluted)" : "")")
            }
            let companyState = state.companies[company]
            var invested: [String: String] = [:]
            for (investor, totals) in companyState?.invested ?? [:] {
                for (currency, amount) in totals.byCurrency { invested["\(investor) \(currency)"] = ExactDecimal.text(amount) }
            }
            check(invested, oracle.invested(in: company), "\(company) invested")
            var funding: [String: String] = [:]
            for (investor, position) in companyState?.funding ?? [:] {
                for (currency, a) in position.byCurrency {
                    funding["\(investor) \(currency)"] = [a.committed, a.conditional, a.funded, a.outstanding].map(ExactDecimal.text).joined(separator: " ")
                }
            }
            check(funding, oracle.funding(in: company), "\(company) funding")
            let warrants = Dictionary(uniqueKeysWithValues: (companyState?.warrants ?? []).map { ($0.eventId, ExactDecimal.text($0.unexercisedStake)) })
            check(warrants, oracle.unexercisedWarrants(of: company), "\(company) warrants")
            var purchases: [String: ExactDecimal] = [:]
            for record in companyState?.purchases ?? [] { purchases["\(record.seller) \(record.amount.currency)", default: 0] += record.amount.amount }
            check(purchases.mapValues(ExactDecimal.text), (oracle.purchases[company] ?? [:]).mapValues(DecimalOracle.text), "\(company) purchases")
        }
        for (id, partnership) in state.partnerships {
            check(partnership.invested.mapValues { $0.byCurrency.mapValues(ExactDecimal.text) },
                  (oracle.partnershipInvested[id] ?? [:]).mapValues { $0.mapValues(DecimalOracle.text) }, "\(id) invested")
        }
        return (compared, mismatches)
    }
}
