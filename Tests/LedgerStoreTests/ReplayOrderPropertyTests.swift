import Foundation
import SyntheticHistory
import TestSupport
import Testing
@testable import LedgerCore
@testable import LedgerStore

/// Property: the state at any date depends on what happened when, not on the
/// order in which the ledger learned it; and the store's replay (order, as-of,
/// amendments) matches the same facts resolved by hand and folded in date order.
/// Both sides use the production fold, so these tests say nothing about the fold itself.
@Suite struct ReplayOrderPropertyTests {
    static let seeds: [UInt64] = [1, 7, 42, 2024, 0xDEAD_BEEF]
    static let orderCount = 5

    /// Appends the history in a shuffled order, in random-sized batches.
    func store(for history: RandomHistory, order: Int, seed: UInt64) throws -> EventStore {
        var rng = SeededRandom(seed: seed &* 31 &+ UInt64(order))
        let store = try EventStore.inMemory()
        _ = try store.append(batch(history.registrations))
        var facts = order == 0 ? history.facts : history.facts.shuffled(using: &rng)
        while !facts.isEmpty {
            let size = min(facts.count, Int.random(in: 1...6, using: &rng))
            _ = try store.append(batch(Array(facts.prefix(size))))
            facts.removeFirst(size)
        }
        for amendment in history.amendments.shuffled(using: &rng) { _ = try store.append(batch(amendment)) }
        _ = try store.append(batch(history.followUps))
        return store
    }

    /// Every event date, the day before each, and dates before and after everything.
    func asOfDates(_ history: RandomHistory) -> [LedgerDate] {
        let around = history.dates.flatMap { [$0.adding(days: -1)!, $0] }
        return Array(Set(around + [LedgerDate(year: 2004, month: 12, day: 31)!, LedgerDate(year: 2199, month: 12, day: 31)!])).sorted()
    }

    @Test(arguments: seeds)
    func everyAppendOrderGivesTheSameStateAtEveryDate(_ seed: UInt64) throws {
        let history = RandomHistory(seed: seed)
        let stores = try (0..<Self.orderCount).map { try store(for: history, order: $0, seed: seed) }

        // The orders really differ.
        let logs = try stores.map { try storedIDs($0) }
        #expect(Set(logs).count == Self.orderCount)

        var knownTables = 0
        for asOf in asOfDates(history) {
            let states = try stores.map { try $0.state(asOf: asOf) }
            let comparable = states.map(withoutSeqs)
            for (order, state) in comparable.enumerated().dropFirst() {
                #expect(state == comparable[0], "seed \(seed), order \(order), as of \(asOf)")
            }
            // Same fold, ordering and amendments resolved by hand: checks the store's replay, not LedgerState.apply.
            #expect(comparable[0] == withoutSeqs(history.handResolvedReplay(asOf: asOf)), "seed \(seed), hand-resolved replay, as of \(asOf)")

            // What users see: cap tables with values, identical whatever the order, and whole.
            for company in RandomHistory.companies {
                let tables = states.map { $0.capTable(of: company, asOf: asOf) }
                for table in tables.dropFirst() {
                    // Everything but the log positions (seq) inside the valuation figures.
                    #expect(table.holders == tables[0].holders, "seed \(seed), \(company) as of \(asOf)")
                    #expect(table.isKnown == tables[0].isKnown)
                    #expect(table.eventId == tables[0].eventId)
                    #expect(table.valuation?.chosen.eventId == tables[0].valuation?.chosen.eventId)
                    #expect(table.valuation?.chosen.money == tables[0].valuation?.chosen.money)
                    #expect(table.valuation?.alternatives.map(\.eventId) == tables[0].valuation?.alternatives.map(\.eventId))
                }
                guard tables[0].isKnown else { continue }
                knownTables += 1
                let total = tables[0].holders.reduce(Stake.zero) { $0 + $1.stake }
                #expect(abs((total - 1).units) < Stake(units: 1_000_000_000_000_000_000_000).units, "stakes sum to \(total)")
            }
        }
        // The generator must produce histories worth checking.
        #expect(knownTables > 20)
        for store in stores { #expect(try store.verify(deep: true).isIntact) }
    }

    @Test(arguments: seeds)
    func theGeneratedHistoriesExerciseEveryKindOfFact(_ seed: UInt64) {
        let history = RandomHistory(seed: seed)
        let types = Set(history.facts.map(\.type))
        #expect(types == [.fundingRound, .valuation, .recapitalization, .governance, .renegotiation, .revenue,
                          .commitment, .funding, .purchaseCommitment, .warrant, .negotiation])
        #expect(Set(history.facts.map(\.date)).count == history.facts.count)
        #expect(history.amendments.contains { $0.type == .correction })
        #expect(history.amendments.contains { $0.type == .retraction })
        #expect(RandomHistory(seed: seed).facts == history.facts, "the generator is deterministic")
    }
}
