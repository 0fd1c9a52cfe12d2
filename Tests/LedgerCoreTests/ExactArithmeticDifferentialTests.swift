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
/// the same text.
///
/// One difference is allowed, and counted: a tie. Where the exact figure is
/// a half of the last printed place (a stake of 0.3777183… × a valuation
/// that makes exactly …0.375), each path's 36th or 38th digit decides the
/// side, and `Decimal`'s 38 digits fall on either. There the two may print
/// neighbours one unit apart, and holders whose stakes tie when printed may
/// come in another order (the exact path orders them by id); anything else
/// fails, and ties must stay below one in a thousand figures.
/// The number of histories is `LEDGER_DIFF_HISTORIES`
/// (default 40); the scaled run is
/// `LEDGER_DIFF_HISTORIES=10000 swift test --filter ExactArithmeticDifferentialTests`.
@Suite struct ExactArithmeticDifferentialTests {
    static let histories = Int(ProcessInfo.processInfo.environment["LEDGER_DIFF_HISTORIES"] ?? "") ?? 40

    @Test func everyFigureEqualsTheDecimalPath() throws {
        var compared = 0, mismatches = 0, ties = 0
        for index in 0..<Self.histories where mismatches < 20 {
            let figures = try Self.compare(seed: UInt64(index) &* 7919 &+ 1)
            compared += figures.compared
            mismatches += figures.mismatches
            ties += figures.ties
        }
        print("exact vs Decimal: \(Self.histories) histories, \(compared) figures compared, \(ties) ties, \(mismatches) differences")
        #expect(mismatches == 0)
        #expect(ties * 1000 <= compared, "\(ties) ties in \(compared) figures")
        // Every history has cap tables and money to compare; a fold that compared nothing would pass silently.
        #expect(compared >= Self.histories * 10, "only \(compared) figures compared")
    }

    /// Folds one generated history beside the oracle; returns how many figures were compared, differed, and tied.
    static func compare(seed: UInt64) throws -> (compared: Int, mismatches: Int, ties: Int) {
        var random = SeededRandom(seed: seed ^ 0xD1FF)
        let generator = try HistoryGenerator(count: random.int(in: 60...400), seed: seed)
        let log = generator.events()
        let seqs = Dictionary(log.enumerated().map { ($1.id, Int64($0 + 1)) }, uniquingKeysWith: { first, _ in first })
        let amendments = Amendments(log.filter { $0.type.isAmendment }, targetSeqs: seqs)
        let stored = log.enumerated().map { (seq: Int64($0.offset + 1), event: $0.element) }
            .sorted { ($0.event.date, $0.seq) < ($1.event.date, $1.seq) }
        var replayer = Replayer(amendments: amendments, asOf: LedgerDate(year: LedgerDate.maxYear, month: 12, day: 31)!)
        var effective: [LoggedEvent] = []
        for entry in stored { replayer.feed(seq: entry.seq, event: entry.event) { effective.append($0) } }
        replayer.finish { effective.append($0) }

        // Random as-of dates among the effective dates, and the end.
        var asOfDates = Set((0..<4).map { _ in random.pick(effective).event.date })
        asOfDates.insert(effective.last!.event.date)
        var state = LedgerState()
        var oracle = DecimalOracle()
        var result = (compared: 0, mismatches: 0, ties: 0)
        var next = 0
        for asOf in asOfDates.sorted() {
            while next < effective.count, effective[next].event.date <= asOf {
                state.apply(effective[next])
                oracle.apply(effective[next])
                next += 1
            }
            let (compared, mismatches, ties) = Self.figures(state, oracle, asOf: asOf, label: "seed \(seed) as of \(asOf.text)")
            result.compared += compared
            result.mismatches += mismatches
            result.ties += ties
        }
        return result
    }

    /// Compares every numeric figure of the state with the oracle's.
    static func figures(_ state: LedgerState, _ oracle: DecimalOracle, asOf: LedgerDate, label: String) -> (Int, Int, Int) {
        var compared = 0, mismatches = 0, ties = 0
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
                let expected = oracle.capTable(of: company, valuation: valuation, fullyDiluted: fullyDiluted)
                if lines != expected, let lines, let expected, let tied = Self.tiesOnly(lines, expected) {
                    compared += 1
                    ties += tied
                } else {
                    check(lines, expected, "\(company) cap table\(fullyDiluted ? " (fully diluted)" : "")")
                }
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
        return (compared, mismatches, ties)
    }

    /// How many figures tie, when ties are the only differences between two cap tables; nil otherwise.
    static func tiesOnly(_ lines: [DecimalOracle.HolderLine], _ expected: [DecimalOracle.HolderLine]) -> Int? {
        guard lines.count == expected.count else { return nil }
        // Holders whose printed stakes tie may come in either order: compare by (stake, holder).
        func ordered(_ lines: [DecimalOracle.HolderLine]) -> [DecimalOracle.HolderLine] {
            lines.sorted { (try! ExactDecimal.parse($0.stake), $1.holder) > (try! ExactDecimal.parse($1.stake), $0.holder) }
        }
        var ties = lines.map(\.holder) == expected.map(\.holder) ? 0 : 1
        for (got, want) in zip(ordered(lines), ordered(expected)) {
            guard got.holder == want.holder else { return nil }
            if got.stake != want.stake {
                guard DecimalOracle.isTie(got.stake, want.stake, unrounded: want.unroundedStake, places: 20) else { return nil }
                ties += 1
            }
            if got.value != want.value {
                guard let value = got.value, let wanted = want.value,
                      DecimalOracle.isTie(value, wanted, unrounded: want.unroundedValue, places: 2) else { return nil }
                ties += 1
            }
        }
        return ties
    }
}
