import Foundation
import LedgerCore
import LedgerStore
import TestSupport
import Testing

/// A value shared between threads behind a lock.
final class LockedBox<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func update<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock(); defer { lock.unlock() }
        return try body(&value)
    }

    var current: Value { update { $0 } }
}

/// Runs `body(0..<count)` on `count` real threads at once (not the cooperative pool, which
/// has one thread per core), released together, and waits for all of them.
func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) throws -> Void) -> [String] {
    let errors = LockedBox<[String]>([])
    let ready = DispatchSemaphore(value: 0), go = DispatchSemaphore(value: 0), done = DispatchGroup()
    for index in 0..<count {
        done.enter()
        let thread = Thread {
            ready.signal()
            go.wait()
            do { try body(index) } catch { errors.update { $0.append("thread \(index): \(error)") } }
            done.leave()
        }
        thread.stackSize = 4 << 20
        thread.start()
    }
    for _ in 0..<count { ready.wait() }
    for _ in 0..<count { go.signal() }
    done.wait()
    return errors.current
}

/// Builds a party event (no references needed, so any writer can append it at any time).
func partyEvent(_ id: String, date: String = "2020-01-01") throws -> SourcedEvent {
    SourcedEvent(try EventDecoder.decode(JSONParser.parse(
        #"{"type":"party","id":"\#(id)","date":"\#(date)","party":"\#(id)","name":"Party \#(id)","kind":"company"}"#)))
}

/// `append(_:expecting:)`: a writer that read an older head is refused; concurrent writers serialize.
@Suite struct OptimisticConcurrencyTests {
    @Test func aMovedLogIsRefusedByExpectedSeqAndByExpectedHash() throws {
        let scratch = try ScratchFolder("occ")
        let store = try EventStore.open(path: scratch.file("ledger.sqlite"))
        let seen = try store.append([partyEvent("a")]).head
        _ = try store.append([partyEvent("b")]) // another writer moves the log
        for stale in [ExpectedHead.seq(seen.seq), .hash(seen.hash), .hash(seen.hash.uppercased())] {
            let error = try #require(throws: LedgerError.self) { try store.append([partyEvent("c")], expecting: stale) }
            #expect(error.message.contains("the log moved"), "\(error)")
            #expect(error.message.contains("nothing was appended"), "\(error)")
            #expect(error.message.contains("seq 2"), "the message names where the log is now: \(error)")
            #expect(try store.count() == 2, "nothing may be written")
            let importError = try #require(throws: LedgerError.self) { try store.importEvents([partyEvent("c")], expecting: stale) }
            #expect(importError.message.contains("the log moved"))
            #expect(try store.count() == 2)
        }
        let head = try store.head()
        #expect(try store.append([partyEvent("c")], expecting: .hash(head.hash)).head.seq == 3)
        #expect(try store.append([partyEvent("d")], expecting: .seq(3)).head.seq == 4)
        #expect(try store.importEvents([partyEvent("e")], expecting: .hash(try store.head().hash.uppercased())).head.seq == 5)
        #expect(try store.verify().isIntact)
    }

    @Test func anEmptyLogIsExpectedAsSeqZeroOrTheGenesisHash() throws {
        let scratch = try ScratchFolder("occ-empty")
        let store = try EventStore.open(path: scratch.file("ledger.sqlite"))
        #expect(throws: LedgerError.self) { try store.append([partyEvent("a")], expecting: .seq(1)) }
        #expect(throws: LedgerError.self) { try store.append([partyEvent("a")], expecting: .hash(String(repeating: "f", count: 64))) }
        #expect(try store.append([partyEvent("a")], expecting: .hash(ChainHash.genesis)).head.seq == 1)
        let other = try ScratchFolder("occ-empty-2")
        #expect(try EventStore.open(path: other.file("l.sqlite")).append([partyEvent("a")], expecting: .seq(0)).head.seq == 1)
    }

    /// Eight writers (each its own connection pool, as separate processes would be) all expect the empty log:
    /// the check and the write are one transaction, so exactly one wins.
    @Test func compareAndSwapHasExactlyOneWinner() throws {
        let scratch = try ScratchFolder("occ-race")
        let path = scratch.file("ledger.sqlite")
        try EventStore.open(path: path).close()
        for round in 0..<5 {
            let outcomes = LockedBox<(won: Int, moved: Int)>((0, 0))
            let base = Int64(round)
            let errors = onThreads(8) { index in
                let store = try EventStore.open(path: path)
                do {
                    _ = try store.append([partyEvent("r\(round)-w\(index)")], expecting: .seq(base))
                    outcomes.update { $0.won += 1 }
                } catch let error as LedgerError where error.message.contains("the log moved") {
                    outcomes.update { $0.moved += 1 }
                }
            }
            #expect(errors.isEmpty, "\(errors)")
            #expect(outcomes.current.won == 1 && outcomes.current.moved == 7, "round \(round): \(outcomes.current)")
        }
        let store = try EventStore.open(path: path)
        #expect(try store.count() == 5)
        #expect(try store.verify().isIntact)
    }

    /// Writers that re-read the head and retry when the log moved all get their events in, in their own order.
    @Test func optimisticRetryLoopsConverge() throws {
        let scratch = try ScratchFolder("occ-retry")
        let path = scratch.file("ledger.sqlite")
        try EventStore.open(path: path).close()
        let retries = LockedBox(0)
        let errors = onThreads(4) { writer in
            let store = try EventStore.open(path: path)
            for n in 1...40 {
                while true {
                    let head = try store.head()
                    do {
                        _ = try store.append([partyEvent("w\(writer)-\(n)")], expecting: .hash(head.hash))
                        break
                    } catch let error as LedgerError where error.message.contains("the log moved") {
                        retries.update { $0 += 1 }
                    }
                }
            }
        }
        #expect(errors.isEmpty, "\(errors)")
        let store = try EventStore.open(path: path)
        #expect(try store.count() == 160)
        #expect(try store.verify().isIntact)
        var seqByID: [String: Int64] = [:]
        try store.forEachEvent { seqByID[$0.id] = $0.seq }
        for writer in 0..<4 {
            let seqs = (1...40).compactMap { seqByID["w\(writer)-\($0)"] }
            #expect(seqs.count == 40 && seqs == seqs.sorted(), "writer \(writer)'s events, in its order")
        }
        print("optimistic concurrency: 4 writers × 40 appends with retry: 160 events, \(retries.current) retries after a moved head")
    }

    /// Six writers creating the same new ledger file at once, 150 times: every one must get its event in.
    /// (Before the fixes: "table event already exists" from the migration race, and SQLITE_BUSY from
    /// switching the new file to WAL mode, which ignores the busy timeout.)
    @Test func writersRacingToCreateANewLedgerAllSucceed() throws {
        let scratch = try ScratchFolder("occ-create")
        var failures: [String] = []
        for round in 0..<150 {
            let path = scratch.file("new-\(round).sqlite")
            failures += onThreads(6) { index in
                _ = try EventStore.open(path: path).append([partyEvent("c\(round)-\(index)")])
            }
            #expect(try EventStore.openReadOnly(path: path).count() == 6, "round \(round)")
        }
        #expect(failures.isEmpty, "\(failures.count) of 900 writers failed: \(Array(Set(failures.map { String($0.drop { $0 != ":" }.prefix(90)) })).sorted())")
    }

    /// Library-level twin of the CLI test: 4 writers × 250 appends, each writer its own pool.
    @Test func fourWritersTimesTwoHundredFiftyAppends() throws {
        let scratch = try ScratchFolder("occ-4x250")
        let path = scratch.file("ledger.sqlite")
        try EventStore.open(path: path).close()
        let start = Date()
        let errors = onThreads(4) { writer in
            let store = try EventStore.open(path: path)
            for n in 1...250 { _ = try store.append([partyEvent("w\(writer)-\(n)")]) }
        }
        #expect(errors.isEmpty, "no writer may fail (no \"database is locked\"): \(errors.prefix(3))")
        let store = try EventStore.open(path: path)
        var seqs: [Int64] = [], ids: Set<String> = []
        try store.forEachEvent { seqs.append($0.seq); ids.insert($0.id) }
        #expect(seqs == Array(1...1000))
        #expect(ids == Set((0..<4).flatMap { w in (1...250).map { "w\(w)-\($0)" } }))
        #expect(try store.verify().isIntact)
        print("concurrency (library): 4 writers × 250 appends → \(seqs.count) events, seqs 1…1000, chain intact, \(String(format: "%.1f", Date().timeIntervalSince(start))) s")
    }
}
