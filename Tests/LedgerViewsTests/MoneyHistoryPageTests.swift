import Foundation
import LedgerCore
import LedgerStore
import LedgerViews
import TestSupport
import Testing

/// `diff` and `audit` over money promised and paid, compute bought back, warrants and negotiations (CONTRACT §4),
/// on the README's worked example, with known answers.
@Suite struct MoneyHistoryPageTests {
    static func diff(_ store: EventStore, from: String, to: String) throws -> DiffPage {
        try DiffPage.load(store, from: day(from), to: day(to), knownAt: nil, company: nil, partnership: nil)
    }

    static func key(_ difference: StateDifference) -> String {
        "\(difference.key.subject) \(difference.key.aspect.rawValue) \(difference.key.name)"
    }

    static func first(_ value: JSONValue?) -> JSONValue? {
        if case .array(let list)? = value { return list.first }
        return nil
    }

    @Test func diffShowsFundingPurchasesWarrantsAndNegotiations() throws {
        let page = try Self.diff(Fixture.moneyLedger(), from: "2023-12-31", to: "2025-12-31")
        let differences = page.diff.differences
        #expect(differences.map(Self.key) == ["cloud-lab term revenue-share", "cloud-lab negotiation share",
                                               "lab funding cloud", "lab purchases cloud", "lab warrant warrant"])
        let funding = try #require(differences.first { $0.key.aspect == .funding })
        #expect(funding.from?.json == .object(["USD": .object(["committed": usd("1250000000").json, "conditional": usd("2750000000").json,
                                                               "funded": usd("1250000000").json, "outstanding": usd("0").json])]))
        #expect(funding.to?.json == .object(["USD": .object(["committed": usd("8000000000").json, "conditional": usd("0").json,
                                                             "funded": usd("6600000000").json, "outstanding": usd("1400000000").json])]))
        #expect(funding.causes.map(\.eventId) == ["pay-2", "pledge-2", "filing"])
        let negotiation = try #require(differences.first { $0.key.aspect == .negotiation })
        #expect(negotiation.from == nil)
        #expect(negotiation.to?.json == .object(["stage": .string("proposal"), "status": .string("reported"), "closedBy": .string("new-terms")]))
        #expect(negotiation.causes.map(\.eventId) == ["talks", "new-terms"])
        let purchases = try #require(differences.first { $0.key.aspect == .purchases })
        #expect(purchases.to?.json == .array([usd("38000000000").json]))
        let table = page.text(.table)
        #expect(table.contains("funding cloud       committed $1.25B, funded $1.25B, conditional $2.75B → committed $8.0B, funded $6.6B"))
        #expect(table.contains("warrant warrant     (none) → cloud 10.00%, 0.00% exercised"))
        #expect(table.contains("negotiation share   (none) → proposal (reported), closed by new-terms"))
    }

    /// Rounds paid in full at close say nothing `invested` does not: no funding fact. A round paid in part does.
    @Test func fundingAppearsOnlyWhenPromisedAndPaidApart() throws {
        let lines = """
            {"type":"party","id":"p-co","date":"2019-01-01","party":"co","name":"Co","kind":"company"}
            {"type":"party","id":"p-vc","date":"2019-01-01","party":"vc","name":"VC","kind":"investor"}
            {"type":"funding-round","id":"seed","date":"2020-01-01","company":"co","round":"seed","instrument":"equity","investments":[{"investor":"vc","amount":{"amount":"10","currency":"USD"}}]}
            {"type":"funding-round","id":"a","date":"2021-01-01","company":"co","round":"A","instrument":"equity","investments":[{"investor":"vc","amount":{"amount":"20","currency":"USD"},"funded":{"amount":"5","currency":"USD"}}]}
            """
        let store = try EventStore.inMemory()
        _ = try store.append(try EventDecoder.decodeDocument(Array(lines.utf8), file: "t.jsonl").map { SourcedEvent($0) })
        let before = try Self.diff(store, from: "2019-06-01", to: "2020-06-01").diff.differences
        #expect(before.map(Self.key) == ["co invested vc"])
        let after = try Self.diff(store, from: "2020-06-01", to: "2021-06-01").diff.differences
        #expect(after.map(Self.key) == ["co invested vc", "co funding vc"])
        #expect(after.last?.to?.json == .object(["USD": .object(["committed": usd("30").json, "conditional": usd("0").json,
                                                                 "funded": usd("15").json, "outstanding": usd("15").json])]))
    }

    /// How the terms came to be: the audit lists the partnership's negotiation threads, closed ones too, as proposed.
    @Test func auditListsNegotiationsAsProposed() throws {
        let page = try TermAuditPage.load(Fixture.moneyLedger(), partnership: "cloud-lab", term: "revenue-share",
                                          at: ReplayPoint(asOf: day("2026-01-01")))
        #expect(page.negotiations.threads.map(\.thread.thread) == ["share"])
        let thread = try #require(Self.first(page.json["negotiations"]))
        #expect(thread["closedBy"] == .string("new-terms"))
        #expect(thread["stage"] == .string("proposal"))
        #expect(thread["proposals"] == .array([.object(["term": .string("revenue-share"), "set": .object(["rate": .string("0.10")])])]))
        let table = page.text(.table)
        #expect(table.contains("negotiations: proposed, never in force (how the terms came to be)\n\nshare (partnership cloud-lab, closed 2025-10-28 by new-terms)"))
        // The terms in force are the renegotiation's, never the proposal's.
        #expect(page.lines.last?.to == .object(["rate": .string("0.15")]))
    }

    /// Before the talks, and for partnerships without any, the audit is as it was: no negotiations key, no heading.
    @Test func auditWithoutNegotiationsIsUnchanged() throws {
        let page = try TermAuditPage.load(Fixture.moneyLedger(), partnership: "cloud-lab", term: nil, at: ReplayPoint(asOf: day("2025-01-01")))
        #expect(page.negotiations.threads.isEmpty)
        #expect(page.json["negotiations"] == nil)
        #expect(!page.text(.table).contains("negotiations"))
    }

    /// The money between the parties, event by event, in (date, seq) order; none when the audit is of one term.
    @Test func auditListsMoneyBetweenTheParties() throws {
        let store = try Fixture.moneyLedger()
        let page = try TermAuditPage.load(store, partnership: "cloud-lab", term: nil, at: ReplayPoint(asOf: day("2026-01-01")))
        #expect(page.money.map(\.event.id) == ["pledge-1", "pay-1", "pay-2", "pledge-2", "filing", "warrant", "compute"])
        let first = try #require(Self.first(page.json["money"]))
        #expect(first["summary"] == .string("cloud pledges up to $4.0B to lab, $2.75B conditional"))
        #expect(first["type"] == .string("commitment"))
        #expect(page.text(.table).contains("2025-11-03  compute   purchase-commitment  confirmed  lab to buy $38.0B from cloud: cloud compute"))
        let oneTerm = try TermAuditPage.load(store, partnership: "cloud-lab", term: "revenue-share", at: ReplayPoint(asOf: day("2026-01-01")))
        #expect(oneTerm.money.isEmpty)
        #expect(oneTerm.json["money"] == nil)
    }

    /// A corrected pledge shows as corrected; a retracted payment stays listed, marked.
    @Test func auditMoneyHonoursCorrectionsAndRetractions() throws {
        let store = try Fixture.moneyLedger()
        let amendments = """
            {"type":"correction","id":"fix-pledge","date":"2024-11-22","corrects":"pledge-2","reason":"the filing says $5B","replacement":{"type":"commitment","date":"2024-11-22","company":"lab","investor":"cloud","amount":{"amount":"5000000000","currency":"USD"}}}
            {"type":"retraction","id":"drop-pay","date":"2024-03-27","retracts":"pay-2","reason":"counted twice"}
            """
        _ = try store.append(try EventDecoder.decodeDocument(Array(amendments.utf8), file: "fix.jsonl").map { SourcedEvent($0) })
        let page = try TermAuditPage.load(store, partnership: "cloud-lab", term: nil, at: ReplayPoint(asOf: day("2026-01-01")))
        let pledge = try #require(page.money.first { $0.event.id == "pledge-2" })
        #expect(pledge.correctedBy == "fix-pledge")
        #expect(pledge.event.body == .commitment(Commitment(company: "lab", investor: "cloud", amount: usd("5000000000"))))
        let payment = try #require(page.money.first { $0.event.id == "pay-2" })
        #expect(payment.retractedBy == "drop-pay")
        #expect(page.text(.table).contains("cloud pledges $5.0B to lab (corrected by fix-pledge)"))
        #expect(page.text(.table).contains("cloud pays $2.75B into lab (retracted by drop-pay)"))
        #expect(!page.money.contains { $0.event.type == .correction || $0.event.type == .retraction })
    }

    /// Rounds of Anthropic that Amazon was not in (Series E to H) are money between Anthropic and others, not between the parties.
    @Test func auditMoneyNeedsTwoPartiesOfThePartnership() throws {
        let page = try TermAuditPage.load(Fixture.bundledLedger(), partnership: "amazon-anthropic", term: nil,
                                          at: ReplayPoint(asOf: day("2026-06-30")))
        // Amazon's pledges and payments (its filings' staged $8B, then 2026's), and Anthropic's AWS purchase commitment.
        #expect(page.money.map(\.event.id) == [
            "2023-09-25-amazon-commitment-4b", "2023-09-25-amazon-funds-1-25b", "2024-03-27-amazon-funds-2-75b",
            "2024-11-22-amazon-commitment-4b", "2025-09-30-amazon-funded-to-date", "2025-12-31-amazon-funds-1-4b",
            "2026-04-20-amazon-commitment-anthropic", "2026-04-20-amazon-funds-5b", "2026-04-20-anthropic-aws-100b",
        ])
        #expect(!page.money.contains { $0.event.id.contains("series") })
    }
}
