import Foundation
import LedgerCore
import TestSupport
import Testing

/// `audit` tells the same story as `terms`: after any mix of corrections and retractions, the value a
/// retraction reverts to, and the last line in force for each term, are what `terms` shows at that date.
@Suite struct AuditAgreesWithTermsTests {
    /// Partnership at 20%; r1 (2021) sets 25%; r3 (2022) sets 10%. `drop` retracts r3, and only then
    /// `fix` corrects r1 to 30% — so the value r3's retraction reverts to is the corrected 30%.
    static let history = """
        {"type":"party","id":"party-acme","date":"2019-01-01","party":"acme","name":"Acme","kind":"company"}
        {"type":"party","id":"party-bolt","date":"2019-01-01","party":"bolt","name":"Bolt","kind":"company"}
        {"type":"partnership","id":"acme-bolt","date":"2020-01-01","partnership":"acme-bolt","parties":["acme","bolt"],"terms":{"revenue-share":{"rate":"0.2"}}}
        {"type":"renegotiation","id":"r1","date":"2021-01-01","partnership":"acme-bolt","changes":[{"term":"revenue-share","set":{"rate":"0.25"}}]}
        {"type":"renegotiation","id":"r3","date":"2022-01-01","partnership":"acme-bolt","changes":[{"term":"revenue-share","set":{"rate":"0.1"}}]}
        """
    static let drop = #"{"type":"retraction","id":"drop","date":"2022-06-01","retracts":"r3","reason":"never signed"}"#
    static let fix = #"{"type":"correction","id":"fix","date":"2022-07-01","corrects":"r1","replacement":{"type":"renegotiation","date":"2021-01-01","partnership":"acme-bolt","changes":[{"term":"revenue-share","set":{"rate":"0.3"}}]},"reason":"typo"}"#

    func ledger() throws -> LedgerCLI {
        let cli = try LedgerCLI()
        for batch in [Self.history, Self.drop, Self.fix] {
            let result = try cli.run(["append", "-", "--db", cli.db], stdin: batch)
            try #require(result.status == 0, "append failed: \(result.stderr)")
        }
        return cli
    }

    func json(_ cli: LedgerCLI, _ arguments: [String]) throws -> JSONValue {
        let result = try cli.run(arguments + ["--db", cli.db, "--format", "json"])
        try #require(result.status == 0, "\(arguments) failed: \(result.stderr)")
        return try JSONParser.parse(result.stdout)
    }

    @Test func aRetractionRevertsToTheValueBelievedNowNotTheOneBelievedWhenItWasRecorded() throws {
        let cli = try ledger()
        guard case .object(let audit) = try json(cli, ["audit", "acme-bolt"]),
              case .array(let changes)? = audit["changes"] else { Issue.record("audit JSON has no changes"); return }
        let revert = try #require(changes.first { $0.member("eventId") == .string("drop") })
        #expect(revert.member("action") == .string("revert"))
        #expect(revert.member("from") == .object(["rate": .string("0.1")]))
        #expect(revert.member("to") == .object(["rate": .string("0.3")]))
    }

    @Test(arguments: ["2020-06-01", "2021-06-01", "2022-01-01", "2022-06-01", "2023-01-01"])
    func theLastLineInForceAtADateIsWhatTermsShows(date: String) throws {
        let cli = try ledger()
        guard case .object(let terms) = try json(cli, ["terms", "acme-bolt", "--as-of", date]),
              case .array(let inForce)? = terms["terms"] else { Issue.record("terms JSON has no terms"); return }
        let shown = try #require(inForce.first { $0.member("term") == .string("revenue-share") })

        guard case .object(let audit) = try json(cli, ["audit", "acme-bolt"]),
              case .array(let changes)? = audit["changes"] else { Issue.record("audit JSON has no changes"); return }
        let believed = changes.filter {
            $0.member("effect") == .string("in-force") && $0.member("term") == .string("revenue-share")
                && ($0.member("date").flatMap { if case .string(let d) = $0 { d } else { nil } } ?? "9999") <= date
        }
        let last = try #require(believed.last)
        #expect(last.member("to") == shown.member("value"), "audit's last in-force line at \(date) disagrees with terms")
    }

    @Test func anAuditWithoutSourcesPrintsNoSourcesHeading() throws {
        let cli = try ledger()
        let result = try cli.run(["audit", "acme-bolt", "--db", cli.db])
        try #require(result.status == 0, "audit failed: \(result.stderr)")
        #expect(!result.stdoutLines.contains("sources"))
        #expect(!result.stdout.contains("[n] are sources"))
        #expect(result.stdout.contains("(reverted)"))
    }
}

private extension JSONValue {
    /// The member `name` of an object, nil otherwise.
    func member(_ name: String) -> JSONValue? {
        if case .object(let members) = self { return members[name] }
        return nil
    }
}
