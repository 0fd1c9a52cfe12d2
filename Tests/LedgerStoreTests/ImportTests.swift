import TestSupport
import Testing
@testable import LedgerCore
@testable import LedgerStore

@Suite struct ImportTests {
    static let history: [Event] = registrations + [
        recap("recap", company: "acme", date: "2019-01-01", [("founders", "1")]),
        round("seed", company: "acme", date: "2019-06-01", investments: [("alpha", usd("10"))], postMoney: usd("40")),
        valuation("val", company: "acme", date: "2020-01-01", usd("100")),
    ]

    @Test func importingTheSameEventsTwiceAppendsNothingTheSecondTime() throws {
        let store = try EventStore.inMemory()
        let first = try store.importEvents(batch(Self.history))
        #expect(first.appended.count == 9)
        #expect(first.skipped.isEmpty)
        let head = try store.head()

        let second = try store.importEvents(batch(Self.history))
        #expect(second.appended.isEmpty)
        #expect(second.skipped == Self.history.map(\.id))
        #expect(second.head == head)
        #expect(try store.head() == head)
        #expect(try store.count() == 9)
    }

    @Test func importingIDLessEventsTwiceIsIdempotentToo() throws {
        let store = try EventStore.inMemory()
        let text = """
            {"type": "party", "date": "2015-12-11", "party": "openai", "name": "OpenAI", "kind": "nonprofit"}
            {"type": "valuation", "date": "2024-10-02", "company": "openai", "value": {"amount": "157000000000", "currency": "USD"}, "basis": "post-money"}
            """
        let events = try EventDecoder.decodeDocument(Array(text.utf8), file: "x.jsonl")
        _ = try store.importEvents(batch(events))
        let again = try EventDecoder.decodeDocument(Array(text.utf8), file: "x.jsonl")
        let result = try store.importEvents(batch(again))
        #expect(result.appended.isEmpty)
        #expect(result.skipped == events.map(\.id))
        #expect(try store.count() == 2)
    }

    @Test func aMixOfOldAndNewEventsAppendsOnlyTheNew() throws {
        let store = try EventStore.inMemory()
        _ = try store.importEvents(batch(Array(Self.history.prefix(7))))
        let result = try store.importEvents(batch(Self.history))
        #expect(result.skipped == Self.history.prefix(7).map(\.id))
        #expect(result.appended.map(\.id) == ["seed", "val"])
        #expect(result.appended.map(\.seq) == [8, 9])
        #expect(try store.verify(deep: true).isIntact)
    }

    @Test func theSameIDWithOtherContentIsAnErrorAndAppendsNothing() throws {
        let store = try EventStore.inMemory()
        _ = try store.importEvents(batch(Self.history))
        let head = try store.head()
        let changed = valuation("val", company: "acme", date: "2020-01-01", usd("101"))
        let error = try #require(throws: LedgerError.self) {
            try store.importEvents(batch(valuation("new-1", company: "acme", date: "2021-01-01", usd("5")), changed,
                                         valuation("new-2", company: "acme", date: "2022-01-01", usd("6"))))
        }
        #expect(error.field == "id")
        #expect(error.index == 2)
        #expect(error.eventId == "val")
        #expect(error.message.contains("already stored with different content"))
        #expect(try store.head() == head)
        #expect(try store.event(id: "new-1") == nil)
    }

    @Test func theSameIDTwiceInOneImportWithOtherContentIsAnError() throws {
        let store = try EventStore.inMemory()
        _ = try store.append(batch(registrations))
        let error = try #require(throws: LedgerError.self) {
            try store.importEvents(batch(valuation("v", company: "acme", date: "2020-01-01", usd("1")),
                                         valuation("v", company: "acme", date: "2020-01-01", usd("2"))))
        }
        #expect(error.index == 2)
        #expect(error.field == "id")
        #expect(try store.count() == 6)
    }

    @Test func theSameEventTwiceInOneImportIsStoredOnce() throws {
        let store = try EventStore.inMemory()
        _ = try store.append(batch(registrations))
        let v = valuation("v", company: "acme", date: "2020-01-01", usd("1"))
        let result = try store.importEvents(batch(v, v))
        #expect(result.appended.map(\.id) == ["v"])
        #expect(result.skipped == ["v"])
    }

    @Test func appendIsNotIdempotent() throws {
        let store = try EventStore.inMemory()
        _ = try store.append(batch(Self.history))
        let error = try #require(throws: LedgerError.self) { try store.append(batch(Self.history)) }
        #expect(error.index == 1)
        #expect(error.field == "id")
    }
}
