import TestSupport
import Testing
@testable import LedgerCore
@testable import LedgerStore

/// A negotiation's `settledBy` names the round or renegotiation that ends it, which naturally comes later, and a
/// funding's `commitment` the pledge it draws on: within one batch (a folder imported in file-name order, whatever the
/// names) either may name an event further on, and a name that no event of the log or the batch carries still
/// rejects the whole batch — in both stores (the PostgreSQL append once forgot the batch-end check).
@Suite struct SettlementReferenceTests {
    static func talks(settledBy: String) -> Event {
        Event(id: "talks", date: day("2025-12-18"), status: .reported, sources: ["Reuters, 2025-12-18"],
              body: .negotiation(Negotiation(subject: .round(company: "acme", amount: usd("100"), valuation: usd("750")),
                                             stage: .talks, thread: "round", settledBy: settledBy)))
    }

    @Test(arguments: LedgerBackend.available)
    func talksMayNameTheRoundThatFollowsThemInTheSameBatch(_ backend: LedgerBackend) throws {
        let scratch = try ScratchFolder("settlement")
        let store = try EventStore.open(path: backend.freshLocation(in: scratch))
        defer { try? store.close() }
        _ = try store.append(batch(registrations))
        let result = try store.append(batch(Self.talks(settledBy: "priced"), valuation("priced", company: "acme", date: "2026-03-31", usd("852"))))
        #expect(result.appended.map(\.id) == ["talks", "priced"])
        let state = try store.state(asOf: day("2026-03-31"))
        #expect(state.negotiations().isEmpty)
        #expect(state.negotiations(includeClosed: true).first?.thread.closedBy == "priced")
    }

    @Test(arguments: LedgerBackend.available)
    func aSettlementNoEventCarriesRejectsTheBatch(_ backend: LedgerBackend) throws {
        let scratch = try ScratchFolder("settlement")
        let store = try EventStore.open(path: backend.freshLocation(in: scratch))
        defer { try? store.close() }
        _ = try store.append(batch(registrations))
        let headBefore = try store.head()
        let error = try #require(throws: LedgerError.self) {
            try store.append(batch(Self.talks(settledBy: "never-recorded"), valuation("priced", company: "acme", date: "2026-03-31", usd("852"))))
        }
        #expect(error.eventId == "talks")
        #expect(error.field == "settledBy")
        #expect(error.message.contains("\"never-recorded\""))
        #expect(try store.head() == headBefore)
    }

    @Test(arguments: LedgerBackend.available)
    func aSettlementOfTheWrongTypeRejectsTheBatch(_ backend: LedgerBackend) throws {
        let scratch = try ScratchFolder("settlement")
        let store = try EventStore.open(path: backend.freshLocation(in: scratch))
        defer { try? store.close() }
        _ = try store.append(batch(registrations))
        let error = try #require(throws: LedgerError.self) {
            try store.append(batch(Self.talks(settledBy: "party-later"), party("later")))
        }
        #expect(error.message.contains("is a party"))
        #expect(try store.count() == registrations.count)
    }

    @Test(arguments: LedgerBackend.available)
    func aFundingMayNameThePledgeLaterInTheBatch(_ backend: LedgerBackend) throws {
        let scratch = try ScratchFolder("settlement")
        let store = try EventStore.open(path: backend.freshLocation(in: scratch))
        defer { try? store.close() }
        _ = try store.append(batch(registrations))
        let paid = Event(id: "paid", date: day("2024-03-27"), sources: ["filing"],
                         body: .funding(Funding(company: "acme", investor: "alpha", paid: .amount(usd("2.75")), commitment: "pledge")))
        let pledge = Event(id: "pledge", date: day("2023-09-25"), sources: ["post"],
                           body: .commitment(Commitment(company: "acme", investor: "alpha", amount: usd("4"), upTo: true,
                                                        conditional: usd("2.75"), instrument: .convertible)))
        _ = try store.append(batch(paid, pledge))
        let position = try store.state(asOf: day("2024-12-31")).fundingPosition(of: "alpha", in: "acme").byCurrency["USD"]
        #expect(position == FundingPosition.Amounts(committed: dec("2.75"), conditional: dec("1.25"), funded: dec("2.75")))
        let error = try #require(throws: LedgerError.self) {
            try store.append(batch(Event(id: "paid-2", date: day("2024-03-28"), sources: ["filing"],
                                         body: .funding(Funding(company: "acme", investor: "alpha", paid: .amount(usd("1")), commitment: "no-pledge")))))
        }
        #expect(error.field == "commitment")
    }
}
