import Foundation
import LedgerCore
import LedgerStore

/// Literal test data and small synthetic ledgers in real in-memory SQLite stores.
///
/// Builders trap on malformed literals: those are mistakes in the test source,
/// never in the code under test. Everything is namespaced so other test
/// targets' helpers cannot clash with these.
public enum Fixture {
    public static func day(_ text: String) -> LedgerDate { TestSupport.day(text) }
    public static func dec(_ text: String) -> ExactDecimal { TestSupport.dec(text) }
    public static func usd(_ amount: String) -> Money { TestSupport.usd(amount) }

    public static func object(_ members: [String: String]) -> JSONValue { .object(members.mapValues(JSONValue.string)) }

    public static func party(_ id: String, name: String? = nil, kind: PartyKind = .company) -> Event {
        TestSupport.party(id, name: name, kind: kind)
    }

    public static func partnership(_ id: String, _ parties: [String], date: String, terms: [String: JSONValue], sources: [String] = []) -> Event {
        TestSupport.partnership(id, parties, terms: terms, date: date, sources: sources)
    }

    public static func renegotiation(_ id: String, _ partnership: String, date: String, status: EventStatus = .confirmed,
                              sources: [String] = [], _ changes: [TermChange]) -> Event {
        TestSupport.renegotiation(id, partnership: partnership, date: date, status: status, sources: sources, changes)
    }

    public static func set(_ term: String, _ value: JSONValue) -> TermChange { TermChange(term: term, action: .set(value)) }
    public static func remove(_ term: String) -> TermChange { TermChange(term: term, action: .remove) }

    public static func round(_ id: String, company: String, date: String, _ investments: [(String, String)], post: String?,
                      instrument: Instrument = .equity, partnership: String? = nil) -> Event {
        TestSupport.round(id, company: company, date: date, instrument: instrument,
                          investments: investments.map { ($0.0, usd($0.1)) }, postMoney: post.map(usd), partnership: partnership)
    }

    public static func valuation(_ id: String, company: String, date: String, _ amount: String) -> Event {
        TestSupport.valuation(id, company: company, date: date, usd(amount))
    }

    public static func revenue(_ id: String, company: String, date: String, _ amount: String) -> Event {
        TestSupport.revenue(id, company: company, date: date, usd(amount))
    }

    public static func governance(_ id: String, company: String, date: String, _ changes: [RoleChange]) -> Event {
        TestSupport.governance(id, company: company, date: date, changes)
    }

    public static func correction(_ id: String, of target: Event, date: String, reason: String, _ change: (inout Event) -> Void) -> Event {
        var replacement = target
        change(&replacement)
        return TestSupport.correction(id, of: target.id, date: date, replacement: replacement, reason: reason)
    }

    public static func retraction(_ id: String, of target: String, date: String, reason: String) -> Event {
        TestSupport.retraction(id, of: target, date: date, reason: reason)
    }

    /// A fresh in-memory ledger holding `events`, each appended as its own batch (so each has its own seq).
    public static func store(_ events: [Event]) throws -> EventStore {
        let store = try EventStore.inMemory()
        for event in events { _ = try store.append([SourcedEvent(event)]) }
        return store
    }

    // MARK: - The synthetic ledger

    /// Acme and Bolt: a partnership whose revenue share was mis-recorded (corrected) and once wrongly renegotiated (retracted),
    /// plus two priced rounds, a valuation, governance and revenue for Acme.
    ///
    /// Log order (seq): parties 1–3, partnership 4, r1 5, r2 6, r3 7, rounds 8–9, valuation 10, governance 11–12,
    /// revenue 13–14, fix (corrects r1) 15, drop (retracts r3) 16.
    public static let r1 = renegotiation("r1", "acme-bolt", date: "2021-01-01", sources: ["https://example.com/r1"],
                                  [set("revenue-share", object(["rate": "0.25"]))])
    public static let r3 = renegotiation("r3", "acme-bolt", date: "2023-01-01", status: .reported, sources: ["Trade press"],
                                  [set("revenue-share", object(["rate": "0.10"]))])

    public static var acmeEvents: [Event] {
        [
            party("acme", name: "Acme Corp"), party("bolt", name: "Bolt Inc"), party("fund", name: "Big Fund", kind: .fund),
            partnership("acme-bolt", ["acme", "bolt"], date: "2020-01-01",
                        terms: ["exclusivity": object(["provider": "bolt"]), "revenue-share": object(["rate": "0.20"])],
                        sources: ["https://example.com/deal"]),
            r1,
            renegotiation("r2", "acme-bolt", date: "2022-01-01", [remove("exclusivity"), set("ip-rights", .string("until 2030"))]),
            r3,
            round("round-a", company: "acme", date: "2020-06-01", [("fund", "10000000")], post: "100000000"),
            round("round-b", company: "acme", date: "2021-06-01", [("bolt", "20000000")], post: "200000000", partnership: "acme-bolt"),
            valuation("acme-secondary", company: "acme", date: "2022-06-01", "500000000"),
            governance("ceo-ann", company: "acme", date: "2021-03-01", [RoleChange(role: "ceo", action: .set(["Ann"]))]),
            governance("ceo-bob", company: "acme", date: "2022-03-01", [RoleChange(role: "ceo", action: .set(["Bob"]))]),
            revenue("arr-2021", company: "acme", date: "2021-12-31", "5000000"),
            revenue("arr-2022", company: "acme", date: "2022-12-31", "9000000"),
            correction("fix", of: r1, date: "2021-06-01", reason: "typo in the rate") {
                $0.body = .renegotiation(Renegotiation(partnership: "acme-bolt", changes: [set("revenue-share", object(["rate": "0.30"]))]))
            },
            retraction("drop", of: "r3", date: "2023-06-01", reason: "never signed"),
        ]
    }

    public static func acmeLedger() throws -> EventStore { try store(acmeEvents) }

    /// The bundled real history (Events/ at the repository root), imported into a fresh in-memory store.
    public static func bundledLedger() throws -> EventStore {
        let root = repositoryRoot
        let store = try EventStore.inMemory()
        _ = try store.importEvents(try EventFiles.load(try EventFiles.collect([root.appendingPathComponent("Events").path])))
        return store
    }

    /// The repository root, for tools and the built binary.
    public static var repositoryRoot: URL { LedgerProcess.repositoryRoot }
}

extension EventStore {
    /// The term audit of `partnership` as the CLI computes it, known at `knownAt`.
    public func audit(_ partnership: String, knownAt: KnownAt? = nil, term: String? = nil) throws -> [TermAuditLine] {
        let maxSeq = try maxSeq(for: knownAt)
        return TermAudit.lines(partnership: partnership, events: try loggedEvents(naming: partnership, maxSeq: maxSeq),
                               amendments: try amendmentLog(maxSeq: maxSeq), term: term)
    }
}
