import Foundation
import LedgerCore
import TestSupport
import Testing

/// Messages that help a newcomer: "did you mean …?", term members read like flags, labels that say what they are,
/// and queries at a point where the subject did not exist yet.
@Suite struct GuidanceCLITests {
    static let history = WriteCommandTests.parties + "\n" + """
        {"type": "partnership", "id": "deal", "date": "2021-01-01", "partnership": "acme-fund", "parties": ["acme", "fund"], "terms": {"revenue-share": {"rate": "0.2"}}}
        {"type": "valuation", "id": "val", "date": "2022-01-01", "status": "confirmed", "company": "acme", "value": {"amount": "1000000000", "currency": "USD"}, "basis": "reported"}
        """

    static func ledger() throws -> LedgerCLI {
        let cli = try LedgerCLI()
        let seeded = try cli.run(["append", "-", "--db", cli.db], stdin: history)
        try #require(seeded.status == 0, "seeding failed: \(seeded.stderr)")
        return cli
    }

    @Test(arguments: [
        (["shares", "acmee"], "acme"),
        (["terms", "acme-fnud"], "acme-fund"),
        (["audit", "acme-fnud"], "acme-fund"),
        (["governance", "acm"], "acme"),
        (["log", "--party", "acmee"], "acme"),
        (["negotiations", "acme-fnd"], "acme-fund"),
        (["append", "valuation", "--company", "acmee", "--value", "1B", "--basis", "secondary", "--date", "2024-01-01"], "acme"),
        (["append", "renegotiation", "--partnership", "acme-fnd", "--remove", "revenue-share", "--date", "2024-01-01"], "acme-fund"),
        (["append", "valuation", "--company", "acme", "--value", "1B", "--basis", "secundary", "--date", "2024-01-01"], "secondary"),
        (["append", "valuation", "--company", "acme", "--value", "1B", "--basis", "secondary", "--status", "confirmd", "--date", "2024-01-01"], "confirmed"),
        (["append", "valuaton", "--company", "acme"], "valuation"),
        (["shars", "acme"], "shares"),
        (["append", "valuation", "--compnay", "acme", "--value", "1B", "--date", "2024-01-01"], "--company"),
        (["shares", "acme", "--as-off", "2024-01-01"], "--as-of"),
        (["audit", "acme-fund", "--term", "revnue-share"], "revenue-share"),
        (["log", "--type", "valuaton"], "valuation"),
        (["shares", "acme", "--format", "jsno"], "json"),
        (["verfy"], "verify"),
    ])
    func anUnknownNameIsRefusedNamingTheClosest(arguments: [String], closest: String) throws {
        let cli = try Self.ledger()
        let before = try cli.eventCount()
        let result = try cli.run(arguments + ["--db", cli.db])
        #expect(result.status == 1, "\(result)")
        #expect(result.stderrLines.count == 1, "one plain line: \(result.stderr)")
        #expect(result.stderr.contains("did you mean \"\(closest)\"?"), "\(result.stderr)")
        #expect(try cli.eventCount() == before)
    }

    @Test(arguments: [
        #"{"type": "valuation", "date": "2024-01-01", "company": "acmee", "value": {"amount": "1", "currency": "USD"}, "basis": "secondary"}"#,
        #"{"type": "valuation", "date": "2024-01-01", "company": "acme", "value": {"amount": "1", "currency": "USD"}, "basis": "secundary"}"#,
        #"{"type": "valuaton", "date": "2024-01-01", "company": "acme", "value": {"amount": "1", "currency": "USD"}, "basis": "secondary"}"#,
    ])
    func importSuggestsToo(event: String) throws {
        let cli = try Self.ledger()
        let before = try cli.eventCount()
        let result = try cli.run(["import", try cli.write("typo.json", event), "--db", cli.db])
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("typo.json"), "\(result.stderr)")
        #expect(result.stderr.contains("did you mean"), "\(result.stderr)")
        #expect(try cli.eventCount() == before)
    }

    /// The issue's case: `--term revenue-share='{"rate":"20%"}'` was stored as the text `20%`.
    @Test func aRateGivenAsPercentIsStoredAsAFraction() throws {
        let cli = try Self.ledger()
        let added = try cli.run(["append", "partnership", "--partnership", "acme-fund-2", "--party", "acme", "--party", "fund",
                                 "--term", #"revenue-share={"rate":"20%","cap":"10B","until":"2030"}"#, "--date", "2023-01-01", "--db", cli.db])
        try #require(added.status == 0, "\(added.stderr)")
        let merged = try cli.run(["append", "renegotiation", "--partnership", "acme-fund-2", "--merge", #"revenue-share={"rate":"25%"}"#,
                                  "--date", "2024-01-01", "--db", cli.db])
        try #require(merged.status == 0, "\(merged.stderr)")
        let terms = try cli.run(["terms", "acme-fund-2", "--as-of", "2023-06-01", "--format", "json", "--db", cli.db])
        #expect(terms.stdout.contains(#""rate": "0.2""#), "\(terms.stdout)")
        #expect(terms.stdout.contains(#""amount": "10000000000""#), "\(terms.stdout)")
        let later = try cli.run(["terms", "acme-fund-2", "--format", "json", "--db", cli.db])
        #expect(later.stdout.contains(#""rate": "0.25""#), "\(later.stdout)")
        let audit = try cli.run(["audit", "acme-fund-2", "--db", cli.db])
        #expect(audit.stdout.contains("rate: 20.00% → 25.00%"), "\(audit.stdout)")
    }

    @Test(arguments: [
        (["append", "partnership", "--partnership", "p2", "--party", "acme", "--party", "fund", "--term", #"revenue-share={"rate":"20 percent"}"#],
         "terms.revenue-share.rate"),
        (["append", "renegotiation", "--partnership", "acme-fund", "--set", #"revenue-share={"rate":"120%"}"#], "changes[0].set.rate"),
        (["append", "renegotiation", "--partnership", "acme-fund", "--merge", #"revenue-share={"cap":"-5B"}"#], "changes[0].merge.cap"),
        (["append", "negotiation", "--partnership", "acme-fund", "--stage", "proposal", "--set", #"revenue-share={"until":"2030-02-30"}"#],
         "proposals[0].set.until"),
    ])
    func aMalformedMemberIsRefusedNamingIt(arguments: [String], field: String) throws {
        let cli = try Self.ledger()
        let before = try cli.eventCount()
        let result = try cli.run(arguments + ["--date", "2024-01-01", "--db", cli.db])
        #expect(result.status == 1, "\(result)")
        #expect(result.stderrLines.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("field \(field):"), "\(result.stderr)")
        #expect(try cli.eventCount() == before)
    }

    /// "reported" is the basis and "confirmed" the status: each is named.
    @Test func theValuationLineNamesBasisAndStatus() throws {
        let cli = try Self.ledger()
        let result = try cli.run(["shares", "acme", "--as-of", "2023-01-01", "--db", cli.db])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("valuation: $1.0B (basis: reported; date: 2022-01-01; status: confirmed; event: val)"), "\(result.stdout)")
    }

    /// Exit 0 and the JSON as before (a subject with nothing in force); the table says why instead of "unknown".
    @Test(arguments: [
        (["shares", "acme", "--as-of", "2019-06-01"], #"party "acme" did not exist yet on 2019-06-01: the ledger registers it from 2020-01-01 (event acme)"#),
        (["revenue", "acme", "--as-of", "2019-06-01"], #"party "acme" did not exist yet on 2019-06-01"#),
        (["governance", "acme", "--as-of", "2019-06-01"], #"party "acme" did not exist yet on 2019-06-01"#),
        (["investments", "--company", "acme", "--as-of", "2019-06-01"], #"party "acme" did not exist yet on 2019-06-01"#),
        (["terms", "acme-fund", "--as-of", "2020-06-01"], #"partnership "acme-fund" did not exist yet on 2020-06-01: the ledger registers it from 2021-01-01"#),
        (["terms", "acme-fund", "--known-at", "2"], #"partnership "acme-fund" was not yet recorded at --known-at 2: event deal, which registers it"#),
        (["shares", "acme", "--known-at", "0"], "the ledger had recorded nothing yet at --known-at 0; its first event was recorded at"),
        (["shares", "acme", "--known-at", "2000-01-01T00:00:00Z"], "the ledger had recorded nothing yet at --known-at 2000-01-01T00:00:00Z"),
    ])
    func aQueryBeforeTheSubjectExistedSaysSo(arguments: [String], message: String) throws {
        let cli = try Self.ledger()
        let result = try cli.run(arguments + ["--db", cli.db])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdoutLines == [result.stdoutLines.first ?? ""] && result.stdout.contains(message), "\(result.stdout)")
        #expect(!result.stdout.contains("unknown"), "\(result.stdout)")
        let json = try cli.run(arguments + ["--db", cli.db, "--format", "json"])
        #expect(json.status == 0, "\(json)")
        #expect(throws: Never.self) { try JSONParser.parse(json.stdout) }
    }
}
