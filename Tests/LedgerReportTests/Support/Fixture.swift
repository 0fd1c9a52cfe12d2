import Foundation
import LedgerCore
import LedgerStore

/// Literal test data and small synthetic ledgers in real in-memory SQLite stores.
///
/// Builders trap on malformed literals: those are mistakes in the test source,
/// never in the code under test. Everything is namespaced so other test
/// targets' helpers cannot clash with these.
enum Fixture {
    static func day(_ text: String) -> LedgerDate {
        guard let date = try? LedgerDate(parsing: text) else { fatalError("bad date literal \(text)") }
        return date
    }

    static func dec(_ text: String) -> Decimal {
        guard let value = try? ExactDecimal.parse(text) else { fatalError("bad decimal literal \(text)") }
        return value
    }

    static func usd(_ amount: String) -> Money { Money(amount: dec(amount), currency: "USD") }

    static func object(_ members: [String: String]) -> JSONValue { .object(members.mapValues(JSONValue.string)) }

    static func party(_ id: String, name: String? = nil, kind: PartyKind = .company) -> Event {
        Event(id: "party-\(id)", date: day("2000-01-01"), body: .party(PartyRegistration(party: id, name: name ?? id.capitalized, kind: kind)))
    }

    static func partnership(_ id: String, _ parties: [String], date: String, terms: [String: JSONValue], sources: [String] = []) -> Event {
        Event(id: "partnership-\(id)", date: day(date), sources: sources,
              body: .partnership(PartnershipRegistration(partnership: id, parties: parties, terms: terms)))
    }

    static func renegotiation(_ id: String, _ partnership: String, date: String, status: EventStatus = .confirmed,
                              sources: [String] = [], _ changes: [TermChange]) -> Event {
        Event(id: id, date: day(date), status: status, sources: sources,
              body: .renegotiation(Renegotiation(partnership: partnership, changes: changes)))
    }

    static func set(_ term: String, _ value: JSONValue) -> TermChange { TermChange(term: term, action: .set(value)) }
    static func remove(_ term: String) -> TermChange { TermChange(term: term, action: .remove) }

    static func round(_ id: String, company: String, date: String, _ investments: [(String, String)], post: String?,
                      instrument: Instrument = .equity, partnership: String? = nil) -> Event {
        Event(id: id, date: day(date), body: .fundingRound(FundingRound(
            company: company, round: id, instrument: instrument,
            investments: investments.map { Investment(investor: $0.0, amount: usd($0.1)) },
            postMoney: post.map(usd), partnership: partnership)))
    }

    static func valuation(_ id: String, company: String, date: String, _ amount: String) -> Event {
        Event(id: id, date: day(date), body: .valuation(ValuationReport(company: company, value: usd(amount), basis: .secondary)))
    }

    static func revenue(_ id: String, company: String, date: String, _ amount: String) -> Event {
        Event(id: id, date: day(date), body: .revenue(RevenueReport(company: company, amount: usd(amount), basis: .annualizedRunRate)))
    }

    static func governance(_ id: String, company: String, date: String, _ changes: [RoleChange]) -> Event {
        Event(id: id, date: day(date), body: .governance(GovernanceChange(company: company, changes: changes)))
    }

    static func correction(_ id: String, of target: Event, date: String, reason: String, _ change: (inout Event) -> Void) -> Event {
        var replacement = target
        change(&replacement)
        return Event(id: id, date: day(date), body: .correction(Correction(corrects: target.id, replacement: replacement, reason: reason)))
    }

    static func retraction(_ id: String, of target: String, date: String, reason: String) -> Event {
        Event(id: id, date: day(date), body: .retraction(Retraction(retracts: target, reason: reason)))
    }

    /// A fresh in-memory ledger holding `events`, each appended as its own batch (so each has its own seq).
    static func store(_ events: [Event]) throws -> EventStore {
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
    static let r1 = renegotiation("r1", "acme-bolt", date: "2021-01-01", sources: ["https://example.com/r1"],
                                  [set("revenue-share", object(["rate": "0.25"]))])
    static let r3 = renegotiation("r3", "acme-bolt", date: "2023-01-01", status: .reported, sources: ["Trade press"],
                                  [set("revenue-share", object(["rate": "0.10"]))])

    static var acmeEvents: [Event] {
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

    static func acmeLedger() throws -> EventStore { try store(acmeEvents) }

    /// The bundled real history (Events/ at the repository root), imported into a fresh in-memory store.
    static func bundledLedger() throws -> EventStore {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let store = try EventStore.inMemory()
        _ = try store.importEvents(try EventFiles.load(try EventFiles.collect([root.appendingPathComponent("Events").path])))
        return store
    }

    /// The repository root, for tools and the built binary.
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }
}

extension EventStore {
    /// The term audit of `partnership` as the CLI computes it, known at `knownAt`.
    func audit(_ partnership: String, knownAt: KnownAt? = nil, term: String? = nil) throws -> [TermAuditLine] {
        let maxSeq = try maxSeq(for: knownAt)
        return TermAudit.lines(partnership: partnership, events: try loggedEvents(naming: partnership, maxSeq: maxSeq),
                               amendments: try amendmentLog(maxSeq: maxSeq), term: term)
    }
}
