import TestSupport
import Testing
@testable import LedgerCore
@testable import LedgerStore

@Suite struct ExpectedHeadTests {
    func storeWithRegistrations() throws -> (EventStore, LogHead) {
        let store = try EventStore.inMemory()
        let result = try store.append(batch(registrations))
        return (store, result.head)
    }

    let next = batch(valuation("v", company: "acme", date: "2020-01-01", usd("1")))

    @Test func theRightSeqIsAccepted() throws {
        let (store, head) = try storeWithRegistrations()
        let result = try store.append(next, expecting: .seq(head.seq))
        #expect(result.appended.map(\.seq) == [7])
    }

    @Test func theRightHashIsAcceptedInAnyCase() throws {
        let (store, head) = try storeWithRegistrations()
        let result = try store.append(next, expecting: .hash(head.hash.uppercased()))
        #expect(result.appended.map(\.seq) == [7])
    }

    // The empty-log case (seq 0 or the genesis hash) is OptimisticConcurrencyTests.anEmptyLogIsExpectedAsSeqZeroOrTheGenesisHash.

    @Test(arguments: [Int64(0), 5, 7, 1000])
    func aSeqMismatchRefusesTheBatch(_ expected: Int64) throws {
        let (store, head) = try storeWithRegistrations()
        let error = try #require(throws: LedgerError.self) { try store.append(next, expecting: .seq(expected)) }
        #expect(error.message.contains("expected the last event to be seq \(expected) but it is seq 6"))
        #expect(try store.head() == head)
        #expect(try store.event(id: "v") == nil)
    }

    @Test func aHashMismatchRefusesTheBatch() throws {
        let (store, head) = try storeWithRegistrations()
        let earlier = try #require(try store.event(id: "party-beta")).hash
        for hash in [earlier, ChainHash.genesis, String(repeating: "a", count: 64)] {
            let error = try #require(throws: LedgerError.self) { try store.append(next, expecting: .hash(hash)) }
            #expect(error.message.contains("the log moved"))
            #expect(error.message.contains("the head is seq 6"))
        }
        #expect(try store.head() == head)
        #expect(try store.count() == 6)
    }

    @Test func aWriterThatReadTheHeadBeforeAnotherAppendIsRefused() throws {
        let (store, head) = try storeWithRegistrations()
        _ = try store.append(batch(valuation("other", company: "acme", date: "2020-01-02", usd("2"))), expecting: .hash(head.hash))
        let error = try #require(throws: LedgerError.self) { try store.append(next, expecting: .hash(head.hash)) }
        #expect(error.message.contains("nothing was appended"))
        #expect(try store.count() == 7)
    }

    @Test func importHonoursExpectingToo() throws {
        let (store, _) = try storeWithRegistrations()
        _ = try #require(throws: LedgerError.self) { try store.importEvents(next, expecting: .seq(3)) }
        #expect(try store.count() == 6)
    }
}
