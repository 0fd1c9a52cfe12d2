import TestSupport
import Testing
@testable import LedgerCore
@testable import LedgerStore

@Suite struct LogFilterTests {
    /// Registrations (2000/2001), then dated facts appended out of date order.
    func store() throws -> EventStore {
        let store = try EventStore.inMemory()
        _ = try store.append(batch(registrations + [
            valuation("val-2020", company: "acme", date: "2020-06-01", usd("100")),
            round("seed", company: "acme", date: "2019-01-01", investments: [("alpha", usd("10"))], postMoney: usd("40"), partnership: "alpha-acme"),
            renegotiation("reneg", partnership: "alpha-acme", date: "2021-01-01", [TermChange(term: "exclusivity", action: .remove)]),
            governance("gov", company: "acme", date: "2020-06-01", [RoleChange(role: "ceo", action: .set(["Ada"]))]),
            revenue("rev", company: "acme", date: "2020-12-31", usd("5")),
            recap("recap", company: "acme", date: "2022-01-01", [("founders", "0.6"), ("beta", "0.4")]),
            retraction("no-rev", of: "rev", date: "2023-01-01"),
            correction("fix-val", of: "val-2020", date: "2023-02-01", replacement: valuation("x", company: "acme", date: "2020-06-01", usd("110"))),
        ]))
        return store
    }

    static let cases: [(name: String, filter: LogFilter, ids: [String])] = [
        ("everything", LogFilter(), registrations.map(\.id) + ["val-2020", "seed", "reneg", "gov", "rev", "recap", "no-rev", "fix-val"]),
        ("one type", LogFilter(types: [.valuation]), ["val-2020"]),
        ("two types", LogFilter(types: [.revenue, .party]), ["party-acme", "party-founders", "party-alpha", "party-beta", "party-gamma", "rev"]),
        ("amendments", LogFilter(types: [.correction, .retraction]), ["no-rev", "fix-val"]),
        ("an investor", LogFilter(party: "alpha"), ["party-alpha", "partnership-alpha-acme", "seed"]),
        ("a holder", LogFilter(party: "beta"), ["party-beta", "recap"]),
        ("a partnership", LogFilter(party: "alpha-acme"), ["partnership-alpha-acme", "seed", "reneg"]),
        ("a company, with the correction naming it", LogFilter(party: "acme"),
         ["party-acme", "partnership-alpha-acme", "val-2020", "seed", "gov", "rev", "recap", "fix-val"]),
        ("a party nobody names", LogFilter(party: "nobody"), []),
        ("from, inclusive", LogFilter(from: day("2020-12-31")), ["reneg", "rev", "recap", "no-rev", "fix-val"]),
        ("to, inclusive", LogFilter(to: day("2020-06-01")), registrations.map(\.id) + ["val-2020", "seed", "gov"]),
        ("from and to", LogFilter(from: day("2020-06-01"), to: day("2021-01-01")), ["val-2020", "reneg", "gov", "rev"]),
        ("an empty range", LogFilter(from: day("2021-01-02"), to: day("2021-12-31")), []),
        ("everything combined", LogFilter(types: [.valuation, .governance, .recapitalization], party: "acme", from: day("2020-06-01"), to: day("2021-12-31")),
         ["val-2020", "gov"]),
        ("up to a seq", LogFilter(maxSeq: 8), registrations.map(\.id) + ["val-2020", "seed"]),
        ("a party up to a seq", LogFilter(party: "acme", maxSeq: 9), ["party-acme", "partnership-alpha-acme", "val-2020", "seed"]),
    ]

    @Test(arguments: cases)
    func filtersSelectEventsInLogOrder(_ name: String, _ filter: LogFilter, _ ids: [String]) throws {
        #expect(try storedIDs(try store(), filter) == ids, "\(name)")
    }

    @Test func storedRowsCarryTheirColumnsAndChain() throws {
        let store = try store()
        var rows: [StoredEvent] = []
        try store.forEachEvent(LogFilter(types: [.correction])) { rows.append($0) }
        let row = try #require(rows.first)
        #expect(rows.count == 1)
        #expect(row.seq == 14)
        #expect(row.type == "correction")
        #expect(row.date == "2023-02-01")
        #expect(row.status == "confirmed")
        #expect(row.announced == nil)
        #expect(row.hash == ChainHash.hash(prevHash: row.prevHash, row: row))
        let json = try row.json()
        #expect(json["seq"] == .number("14"))
        #expect(json["id"] == .string("fix-val"))
        #expect(json["hash"] == .string(row.hash))
        #expect(json["corrects"] == .string("val-2020"))
    }

    @Test func anErrorThrownByTheBodyStopsTheWalk() throws {
        struct Stop: Error {}
        var seen = 0
        #expect(throws: Stop.self) {
            try store().forEachEvent { _ in
                seen += 1
                if seen == 3 { throw Stop() }
            }
        }
        #expect(seen == 3)
    }
}
