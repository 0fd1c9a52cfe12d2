import Foundation
import LedgerCore
import TestSupport
import Testing

/// `append renegotiation --merge`, term members in `terms`, scheduled changes in `audit`, member status in `diff`.
@Suite struct ClaimsCLITests {
    static let history = """
        {"type":"party","id":"p-a","date":"2019-01-01","party":"acme","name":"Acme","kind":"company"}
        {"type":"party","id":"p-b","date":"2019-01-01","party":"bolt","name":"Bolt","kind":"company"}
        {"type":"partnership","id":"ab","date":"2020-01-01","partnership":"acme-bolt","parties":["acme","bolt"],"terms":{"revenue-share":{"rate":"0.2","payer":"bolt"}}}
        {"type":"renegotiation","id":"future","date":"2030-01-01","partnership":"acme-bolt","changes":[{"term":"revenue-share","merge":{"rate":"0.1"}}]}
        """

    /// The history plus a reported merge of `until` on 2021-01-01, appended from flags.
    func ledger() throws -> LedgerCLI {
        let cli = try LedgerCLI()
        let appended = try cli.run(["append", "-", "--db", cli.db], stdin: Self.history)
        try #require(appended.status == 0, "append failed: \(appended.stderr)")
        let merged = try cli.run(["append", "renegotiation", "--partnership", "acme-bolt", "--merge", #"revenue-share={"until":"2030"}"#,
                                  "--date", "2021-01-01", "--status", "reported", "--id", "merge-until", "--db", cli.db])
        try #require(merged.status == 0, "append --merge failed: \(merged.stderr)")
        return cli
    }

    static func element(_ array: JSONValue?, _ index: Int) -> JSONValue? {
        guard case .array(let elements)? = array, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    func json(_ cli: LedgerCLI, _ arguments: [String]) throws -> JSONValue {
        let result = try cli.run(arguments + ["--db", cli.db, "--format", "json"])
        try #require(result.status == 0, "\(arguments) failed: \(result.stderr)")
        return try JSONParser.parse(result.stdout)
    }

    @Test func theMergeFlagSetsOnlyTheNamedMembersEachWithItsOwnClaim() throws {
        let cli = try ledger()
        let terms = try json(cli, ["terms", "acme-bolt", "--as-of", "2025-01-01"])
        let term = try #require(Self.element(terms["terms"], 0))
        #expect(term["value"] == .object(["rate": .string("0.2"), "payer": .string("bolt"), "until": .string("2030")]))
        #expect(term["members"]?["until"]?["status"] == .string("reported"))
        #expect(term["members"]?["until"]?["eventId"] == .string("merge-until"))
        #expect(term["members"]?["rate"]?["status"] == .string("confirmed"))
        #expect(term["members"]?["rate"]?["eventId"] == .string("ab"))
        #expect(term["members"]?["rate"]?["alternatives"] == .array([]))
        #expect(term["disputed"] == .bool(false))
    }

    @Test func aMergeThatIsNotAnObjectIsRefusedAndNothingIsWritten() throws {
        let cli = try ledger()
        let result = try cli.run(["append", "renegotiation", "--partnership", "acme-bolt", "--merge", "revenue-share=0.3",
                                  "--date", "2021-01-01", "--db", cli.db])
        #expect(result.status == 1)
        #expect(result.stderr.contains("changes[0].merge"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(try cli.eventCount() == 5)
    }

    @Test func auditListsChangesAfterTheAsOfDateAsScheduledAndNoEmptyHeading() throws {
        let cli = try ledger()
        guard case .array(let changes)? = try json(cli, ["audit", "acme-bolt", "--as-of", "2025-01-01"])["changes"] else {
            Issue.record("audit JSON has no changes"); return
        }
        #expect(changes.compactMap { $0["eventId"] } == [.string("ab"), .string("merge-until"), .string("future")])
        #expect(changes.map { $0["scheduled"] } == [nil, nil, .bool(true)])
        #expect(changes[1]["members"]?["until"]?["status"] == .string("reported"))
        let table = try cli.run(["audit", "acme-bolt", "--as-of", "2025-01-01", "--db", cli.db])
        try #require(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("(renegotiation, confirmed, scheduled: after 2025-01-01)"), "\(table.stdout)")
        // None of these events has sources: no "sources" heading.
        #expect(!table.stdout.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces) == "sources" }, "\(table.stdout)")
        // After the date, the same change is in force, not scheduled.
        let later = try json(cli, ["audit", "acme-bolt", "--as-of", "2030-01-01"])
        #expect(try #require(Self.element(later["changes"], 2))["scheduled"] == nil)
    }

    @Test func diffShowsAMemberChangeWithItsStatus() throws {
        let cli = try ledger()
        let diff = try json(cli, ["diff", "--from", "2020-06-01", "--to", "2021-06-01"])
        let difference = try #require(Self.element(diff["differences"], 0))
        #expect(difference["members"] == .object(["until": .object(["from": .null, "to": .string("2030"), "status": .string("reported")])]))
        let table = try cli.run(["diff", "--from", "2020-06-01", "--to", "2021-06-01", "--db", cli.db])
        #expect(table.stdout.contains("until 2030 (added) [until: reported]"), "\(table.stdout)")
    }
}
