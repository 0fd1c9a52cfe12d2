import TestSupport
import Testing
@testable import LedgerCore
@testable import LedgerStore

@Suite struct AtomicBatchTests {
    @Test func aBatchAppendsInOrderAndReportsSeqsAndIDs() throws {
        let store = try EventStore.inMemory()
        let result = try store.append(batch(registrations))
        #expect(result.appended.map(\.seq) == [1, 2, 3, 4, 5, 6])
        #expect(result.appended.map(\.id) == registrations.map(\.id))
        #expect(result.skipped.isEmpty)
        #expect(try store.head() == result.head)
        #expect(try storedIDs(store) == registrations.map(\.id))
        let stored = try #require(try store.event(id: "party-acme"))
        #expect(stored.payload == party("acme").canonicalText)
        #expect(try stored.decoded() == party("acme"))
        #expect(try store.registeredKind(of: "alpha-acme") == "partnership")
        #expect(try store.registeredKind(of: "acme") == "party")
        #expect(try store.registeredKind(of: "nobody") == nil)
    }

    @Test(arguments: [1, 5, 8])
    func oneBadEventAppendsNothing(_ badPosition: Int) throws {
        let store = try EventStore.inMemory()
        _ = try store.append(batch(registrations))
        let headBefore = try store.head()

        var events = (1...8).map { valuation("val-\($0)", company: "acme", date: "2020-01-0\($0)", usd("\($0)")) }
        events[badPosition - 1] = valuation("ghost-val", company: "ghost", date: "2020-02-01", usd("1"))
        let error = try #require(throws: LedgerError.self) { try store.append(batch(events, file: "Events/batch.json")) }

        #expect(error.index == badPosition)
        #expect(error.eventId == "ghost-val")
        #expect(error.field == "company")
        #expect(error.file == "Events/batch.json")
        #expect(error.description == #"Events/batch.json, event \#(badPosition) (id ghost-val), field company: party "ghost" is not registered; append a "party" event for it first."#)
        #expect(try store.count() == 6)
        #expect(try store.head() == headBefore)
        #expect(try store.verify().isIntact)
    }

    @Test func registrationsInARefusedBatchLeaveNoTrace() throws {
        let store = try EventStore.inMemory()
        _ = try store.append(batch(registrations))
        let refused = batch(
            party("newco"),
            partnership("alpha-newco", ["alpha", "newco"]),
            valuation("v-1", company: "newco", date: "2020-01-01", usd("1")),
            valuation("v-2", company: "ghost", date: "2020-01-01", usd("1")))
        let error = try #require(throws: LedgerError.self) { try store.append(refused) }
        #expect(error.index == 4)
        #expect(try store.registeredKind(of: "newco") == nil)
        #expect(try store.registeredKind(of: "alpha-newco") == nil)
        #expect(try store.event(id: "v-1") == nil)
        #expect(try store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM event_party WHERE party = 'newco'") } == 0)
        let later = try #require(throws: LedgerError.self) {
            try store.append(batch(valuation("v-3", company: "newco", date: "2020-01-01", usd("1"))))
        }
        #expect(later.field == "company")
    }

    @Test func aRegistrationEarlierInTheBatchCounts() throws {
        let store = try EventStore.inMemory()
        let result = try store.append(batch(registrations + [
            party("newco"),
            round("seed", company: "newco", date: "2020-01-01", investments: [("alpha", usd("1"))], postMoney: usd("4")),
        ]))
        #expect(result.appended.count == 8)
        #expect(stakes(try store.state(asOf: day("2020-01-01")), "newco", asOf: "2020-01-01")
                == ["alpha": dec("0.25"), LedgerState.otherHolders: dec("0.75")])
    }

    @Test func anIDAlreadyInTheLogIsRefused() throws {
        let store = try EventStore.inMemory()
        _ = try store.append(batch(registrations + [valuation("v-1", company: "acme", date: "2020-01-01", usd("1"))]))
        let error = try #require(throws: LedgerError.self) {
            try store.append(batch(valuation("v-2", company: "acme", date: "2020-01-02", usd("2")),
                                   valuation("v-1", company: "acme", date: "2020-01-01", usd("1"))))
        }
        #expect(error.index == 2)
        #expect(error.field == "id")
        #expect(error.message.contains(#"id "v-1" is already used"#))
        #expect(try store.count() == 7)
    }

    @Test func theSameIDTwiceInOneBatchIsRefused() throws {
        let store = try EventStore.inMemory()
        _ = try store.append(batch(registrations))
        let error = try #require(throws: LedgerError.self) {
            try store.append(batch(valuation("v-1", company: "acme", date: "2020-01-01", usd("1")),
                                   valuation("v-1", company: "acme", date: "2020-01-02", usd("2"))))
        }
        #expect(error.index == 2)
        #expect(error.field == "id")
        #expect(try store.count() == 6)
    }

    @Test func aCorrectionMayNotChangeWhichIDARegistrationRegisters() throws {
        let store = try EventStore.inMemory()
        _ = try store.append(batch(registrations))
        let swap = correction("swap", of: "party-acme", date: "2021-01-01", replacement: party("alpha"))
        let error = try #require(throws: LedgerError.self) { try store.append(batch(swap)) }
        #expect(error.field == "replacement.party")
        #expect(error.message.contains(#"event "party-acme" registered "acme""#))

        var renamed = party("acme")
        renamed.body = .party(PartyRegistration(party: "acme", name: "Acme Corporation", kind: .company))
        _ = try store.append(batch(correction("rename", of: "party-acme", date: "2021-01-01", replacement: renamed)))
        let state = try store.state(asOf: day("2022-01-01"))
        #expect(state.parties["acme"]?.name == "Acme Corporation")
        #expect(state.parties.keys.sorted() == ["acme", "alpha", "beta", "founders", "gamma"])
    }

    @Test func anEmptyBatchAppendsNothing() throws {
        let store = try EventStore.inMemory()
        let result = try store.append([])
        #expect(result.appended.isEmpty)
        #expect(result.head == LogHead(seq: 0, hash: ChainHash.genesis))
        #expect(try store.count() == 0)
    }
}
