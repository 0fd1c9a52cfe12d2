import Foundation
import LedgerCore
import LedgerStore
import LedgerViews
import TestSupport
import Testing

/// The pages the CLI prints, loaded from a real (in-memory) store.
@Suite struct PageTests {
    /// Two companies, two investors, a partnership, three rounds and a renegotiation.
    static let events = """
        {"type":"party","id":"p-acme","date":"2019-01-01","party":"acme","name":"Acme","kind":"company"}
        {"type":"party","id":"p-beta","date":"2019-01-01","party":"beta","name":"Beta","kind":"company"}
        {"type":"party","id":"p-zeta","date":"2019-01-01","party":"zeta","name":"Zeta Fund","kind":"fund"}
        {"type":"party","id":"p-alpha","date":"2019-01-01","party":"alpha","name":"Alpha Capital","kind":"investor"}
        {"type":"partnership","id":"deal","date":"2019-02-01","partnership":"acme-zeta","parties":["acme","zeta"],"terms":{"share":{"rate":"0.2"}}}
        {"type":"funding-round","id":"r2","date":"2021-03-01","company":"beta","round":"A","instrument":"equity","investments":[{"investor":"alpha","amount":{"amount":"5","currency":"USD"}}],"postMoney":{"amount":"50","currency":"USD"}}
        {"type":"funding-round","id":"r1","date":"2020-03-01","company":"acme","round":"seed","instrument":"equity","investments":[{"investor":"zeta","amount":{"amount":"10","currency":"USD"}},{"investor":"alpha","amount":{"amount":"30","currency":"USD"}}],"postMoney":{"amount":"100","currency":"USD"}}
        {"type":"funding-round","id":"r3","date":"2022-03-01","company":"acme","round":"B","instrument":"convertible","investments":[{"investor":"zeta","amount":{"amount":"7","currency":"USD"}}]}
        {"type":"renegotiation","id":"reneg","date":"2022-06-01","partnership":"acme-zeta","changes":[{"term":"share","set":{"rate":"0.1"}}]}
        """

    /// A fresh in-memory ledger holding ``events``.
    static func store() throws -> EventStore {
        let store = try EventStore.inMemory()
        let decoded = try EventDecoder.decodeDocument(Array(events.utf8), file: "page-tests.jsonl")
        _ = try store.importEvents(decoded.enumerated().map { SourcedEvent($1, file: "page-tests.jsonl", index: $0 + 1) })
        return store
    }

    static let end = try! LedgerDate(parsing: "2025-01-01")

    @Test(arguments: [
        (nil, nil, ["r1", "r1", "r2", "r3"], ["alpha acme", "alpha beta", "zeta acme"]),
        (nil, "zeta", ["r1", "r3"], ["zeta acme"]),
        ("acme", nil, ["r1", "r1", "r3"], ["alpha acme", "zeta acme"]),
        ("beta", "zeta", [], []),
    ] as [(String?, String?, [String], [String])])
    func investmentsAreFilteredAndOrdered(_ company: String?, _ investor: String?, _ rounds: [String], _ totals: [String]) throws {
        let page = try InvestmentsPage.load(Self.store(), company: company, investor: investor, at: ReplayPoint(asOf: Self.end))
        #expect(page.lines.map(\.record.eventId) == rounds)
        #expect(page.lines.map(\.record.date) == page.lines.map(\.record.date).sorted())
        #expect(page.totals.map { "\($0.investor) \($0.company)" } == totals)
        let csv = page.text(.csv).split(separator: "\n")
        try #require(csv.count == rounds.count + 1)
        // CONTRACT §4 added the four money-promised-and-paid columns after the original nine.
        #expect(csv[0] == "date,company,investor,amount,currency,round,instrument,status,eventId,committed,conditional,funded,outstanding")
    }

    @Test func zetasTotalInAcmeAddsEveryRoundUpToTheDate() throws {
        let store = try Self.store()
        let before = try InvestmentsPage.load(store, company: "acme", investor: "zeta", at: ReplayPoint(asOf: LedgerDate(parsing: "2021-12-31")))
        let after = try InvestmentsPage.load(store, company: "acme", investor: "zeta", at: ReplayPoint(asOf: Self.end))
        #expect(try #require(before.totals.first).total.json == .array([.object(["amount": .string("10"), "currency": .string("USD")])]))
        #expect(try #require(after.totals.first).total.json == .array([.object(["amount": .string("17"), "currency": .string("USD")])]))
    }

    @Test func theJSONTextIsThePageValuePrettyPrinted() throws {
        let page = try SharesPage.load(Self.store(), company: "acme", at: ReplayPoint(asOf: Self.end))
        #expect(page.text(.json) == page.json.prettyText())
        #expect(page.json["holders"]?.arrayCount == 3)
        #expect(page.text(.table).hasPrefix("Acme (acme) as of 2025-01-01\nvaluation: "))
    }

    @Test(arguments: [
        ("nobody", "party", "no party \"nobody\" is registered in this ledger"),
        ("acme-zeta", "party", "\"acme-zeta\" is a partnership, not a party"),
        ("acme", "partnership", "\"acme\" is a party, not a partnership"),
    ])
    func aSubjectOfTheWrongKindIsRefusedInPlainWords(_ id: String, _ kind: String, _ message: String) throws {
        let store = try Self.store()
        let error = #expect(throws: LedgerError.self) { try store.requireRegistered(id, as: kind) }
        #expect(error?.message.hasPrefix(message) == true, "\(String(describing: error))")
    }

    @Test func theTermAuditRefusesAnUnknownTermNamingTheKnownOnes() throws {
        let store = try Self.store()
        let audit = try TermAuditPage.load(store, partnership: "acme-zeta", term: nil, at: ReplayPoint(asOf: Self.end))
        #expect(audit.lines.map(\.eventId) == ["deal", "reneg"])
        #expect(audit.parties == ["acme", "zeta"])
        let error = #expect(throws: LedgerError.self) {
            try TermAuditPage.load(store, partnership: "acme-zeta", term: "royalty", at: ReplayPoint(asOf: Self.end))
        }
        #expect(error?.message == "no change to a term \"royalty\" in acme-zeta by 2025-01-01 (its terms: share)")
    }

    @Test func theImportWorkflowReportsEachStepAndRefusesAnEmptyFolder() throws {
        let scratch = try ScratchFolder("views-import")
        let folder = scratch.url
        let ledger = folder.appendingPathComponent("ledger.sqlite").path
        let error = #expect(throws: LedgerError.self) {
            _ = try LedgerImport.run([folder.path], ledgerPath: ledger, open: { try EventStore.open(path: ledger) }, expecting: nil) { _ in }
        }
        #expect(error?.message.hasPrefix("no event files") == true)
        #expect(!FileManager.default.fileExists(atPath: ledger), "nothing may be created for an empty import")
        try Self.events.write(to: folder.appendingPathComponent("events.jsonl"), atomically: true, encoding: .utf8)
        var read: [String] = []
        let (result, store) = try LedgerImport.run([folder.path], ledgerPath: ledger, open: { try EventStore.open(path: ledger) }, expecting: nil) {
            if case .reading(let done, let total) = $0 { read.append("\(done)/\(total)") }
        }
        #expect(result.appended.count == 9)
        #expect(read == ["1/1"])
        guard case .notNeeded = LedgerImport.rebuildSnapshotsIfLarge(store, after: result) else {
            Issue.record("9 events are below the snapshot threshold"); return
        }
    }
}

extension JSONValue {
    /// The element count of an array, nil otherwise.
    var arrayCount: Int? {
        if case .array(let elements) = self { return elements.count }
        return nil
    }
}
