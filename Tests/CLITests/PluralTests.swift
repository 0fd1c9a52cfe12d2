import Foundation
import TestSupport
import Testing

/// One of a thing is not "1 things": the report's confirmation line and `verify` on a small ledger.
@Suite struct PluralTests {
    static let history = """
        {"type":"party","id":"party-acme","date":"2019-01-01","party":"acme","name":"Acme","kind":"company"}
        {"type":"party","id":"party-bolt","date":"2019-01-01","party":"bolt","name":"Bolt","kind":"investor"}
        {"type":"partnership","id":"acme-bolt","date":"2020-01-01","partnership":"acme-bolt","parties":["acme","bolt"],"terms":{"cloud":{"provider":"bolt"}}}
        {"type":"funding-round","id":"seed","date":"2020-02-01","company":"acme","round":"Seed","instrument":"equity","partnership":"acme-bolt","investments":[{"investor":"bolt","amount":{"amount":"10","currency":"USD"}}],"postMoney":{"amount":"40","currency":"USD"}}
        """

    @Test func aReportOfOneOfEachSaysOneOfEach() throws {
        let cli = try LedgerCLI()
        let appended = try cli.run(["append", "-", "--db", cli.db], stdin: Self.history)
        try #require(appended.status == 0, "\(appended.stderr)")
        let report = try cli.run(["report", "-o", cli.folder.appendingPathComponent("r.html").path, "--as-of", "2021-01-01", "--db", cli.db])
        try #require(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.contains("1 valuation series, 1 cap table, 1 investment series, 1 term change, 0 governance events"),
                "\(report.stdout)")
        let html = try String(contentsOfFile: cli.folder.appendingPathComponent("r.html").path, encoding: .utf8)
        #expect(html.contains("1 partnership, 1 company valued."))
        #expect(html.contains("4 events applied"))
    }

    @Test func verifyCountsOneEvent() throws {
        let cli = try LedgerCLI()
        let appended = try cli.run(["append", "-", "--db", cli.db], stdin: Self.history.split(separator: "\n").first.map(String.init)!)
        try #require(appended.status == 0, "\(appended.stderr)")
        let verify = try cli.run(["verify", "--db", cli.db])
        #expect(verify.status == 0)
        #expect(verify.stdout.hasPrefix("ok: 1 event, hash chain intact"), "\(verify.stdout)")
    }
}
