import Foundation
import GRDB
import TestSupport
import Testing
@testable import LedgerCore
@testable import LedgerStore

/// Threads that meet at the start of every round, so two writers' appends race each other every time.
///
/// No sleeps: the rounds make the writers interleave, and the tests assert that they did. A thread that
/// fails breaks the barrier, so the other never waits for it.
final class RoundBarrier: @unchecked Sendable {
    private let condition = NSCondition()
    private let parties: Int
    private var waiting = 0, generation = 0, broken = false

    init(parties: Int) { self.parties = parties }

    /// Waits until every party has arrived (or the barrier is broken).
    func arrive() {
        condition.lock(); defer { condition.unlock() }
        guard !broken else { return }
        let round = generation
        waiting += 1
        if waiting == parties {
            waiting = 0; generation += 1; condition.broadcast()
        } else {
            while round == generation && !broken { condition.wait() }
        }
    }

    /// Releases everyone for good (a party failed).
    func breakAll() {
        condition.lock(); broken = true; condition.broadcast(); condition.unlock()
    }
}

@Suite struct ConcurrentAppendTests {
    static let perWriter = 100
    static let writers = ["a", "b"]

    /// How often consecutive ids change owner (the prefix before the first "-").
    static func switches(_ ids: some Sequence<String>) -> Int {
        let owners = ids.map { $0.split(separator: "-").first.map(String.init) ?? "" }
        return zip(owners, owners.dropFirst()).filter { $0 != $1 }.count
    }

    /// Each writer opens its own store on `path`; in every round all writers meet, then append at once.
    /// Returns the errors the writers threw (a failing writer breaks the barrier, so none waits forever).
    static func raceInRounds(_ path: String, rounds: Int, _ append: @escaping @Sendable (EventStore, String, Int) throws -> Void) -> [String] {
        let barrier = RoundBarrier(parties: writers.count)
        return onThreads(writers.count) { index in
            do {
                let store = try EventStore.open(path: path)
                for round in 1...rounds {
                    barrier.arrive() // every round starts together: each append races the others'
                    try append(store, writers[index], round)
                }
            } catch {
                barrier.breakAll()
                throw error
            }
        }
    }

    @Test func twoConnectionsAppendingAtOnceKeepTheChainWholeAndInterleave() throws {
        let scratch = try ScratchFolder("concurrent-append")
        let path = scratch.file("ledger.sqlite")
        _ = try EventStore.open(path: path).append(batch(registrations))
        let errors = Self.raceInRounds(path, rounds: Self.perWriter) { store, writer, n in
            let result = try store.append(batch(valuation("\(writer)-\(n)", company: "acme", date: "2020-01-01", usd("\(n)"))))
            guard result.appended.count == 1 else { throw LedgerError("append \(writer)-\(n) stored \(result.appended.count) events") }
        }
        #expect(errors.isEmpty, "\(errors.prefix(3))")

        let reader = try EventStore.open(path: path)
        let expected = registrations.count + Self.writers.count * Self.perWriter
        #expect(try reader.count() == expected)
        var seqs: [Int64] = []
        var ids: [String] = []
        var recorded: [String] = []
        try reader.forEachEvent { seqs.append($0.seq); ids.append($0.id); recorded.append($0.recordedAt) }
        #expect(seqs == Array(1...Int64(expected)))
        #expect(Set(ids).count == expected)
        #expect(recorded == recorded.sorted())
        for writer in Self.writers {
            let mine = ids.filter { $0.hasPrefix("\(writer)-") }
            #expect(mine == (1...Self.perWriter).map { "\(writer)-\($0)" }, "each writer's events keep its own order")
        }
        // The writers interleaved: every round holds one append of each, so the owner changes at least once a round.
        let appended = ids.dropFirst(registrations.count)
        #expect(Self.switches(appended) >= Self.perWriter, "the writers did not interleave: \(Self.switches(appended)) switches")
        let report = try reader.verify(deep: true)
        #expect(report.isIntact)
        #expect(report.count == Int64(expected))
    }

    @Test func concurrentBatchesLandWholeAndUninterleaved() throws {
        let scratch = try ScratchFolder("concurrent-batches")
        let path = scratch.file("ledger.sqlite")
        _ = try EventStore.open(path: path).append(batch(registrations))
        let errors = Self.raceInRounds(path, rounds: 10) { store, writer, round in
            _ = try store.append(batch((1...5).map { valuation("\(writer)-\(round)-\($0)", company: "acme", date: "2020-01-01", usd("1")) }))
        }
        #expect(errors.isEmpty, "\(errors.prefix(3))")
        let ids = Array(try storedIDs(try EventStore.open(path: path)).dropFirst(registrations.count))
        #expect(ids.count == 100)
        // Every batch of five is contiguous in the log.
        let batches = stride(from: 0, to: ids.count, by: 5).map { chunk in
            Set(ids[chunk..<min(ids.count, chunk + 5)].map { $0.split(separator: "-").prefix(2).joined(separator: "-") })
        }
        for members in batches { #expect(members.count == 1, "a batch was split: \(members)") }
        // ...and the two writers' batches alternated round by round, so they did race.
        let owners = batches.compactMap { $0.first?.split(separator: "-").first }
        for pair in stride(from: 0, to: owners.count - 1, by: 2) {
            #expect(Set(owners[pair...pair + 1]).count == 2, "round \(pair / 2 + 1) does not hold one batch of each writer: \(owners)")
        }
        #expect(try EventStore.open(path: path).verify().isIntact)
    }
}
