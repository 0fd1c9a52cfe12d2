import Foundation
import LedgerCore
import LedgerStore
import TestSupport
import Testing

/// `audit`, `diff` and `report` through the built binary, against a temporary ledger file.
/// (Moved from LedgerReportTests: these run the CLI.)
@Suite struct CLIHistoryTests {
    typealias F = Fixture

    /// Writes the synthetic ledger to a file and runs the CLI on it.
    func run(_ arguments: [String]) throws -> ChildRun {
        let scratch = try ScratchFolder("cli-history")
        let folder = scratch.url
        let path = scratch.file("ledger.sqlite")
        let store = try EventStore.open(path: path)
        for event in F.acmeEvents { _ = try store.append([SourcedEvent(event)]) }
        try store.close()
        return try LedgerProcess.run(arguments.map { $0.replacingOccurrences(of: "$DIR", with: folder.path) } + ["--db", path])
    }

    @Test func auditTableTellsTheStoryWithAmendments() throws {
        let result = try run(["audit", "acme-bolt", "--as-of", "2030-01-01"])
        #expect(result.status == 0, "\(result.stderr)")
        for fragment in ["acme-bolt (acme, bolt): how the terms changed, as of 2030-01-01",
                         "SUPERSEDED: corrected on 2021-06-01 by fix; no longer believed",
                         "correction of r1: typo in the rate", "rate: 20.00% → 30.00%",
                         "RETRACTED: retracted on 2023-06-01 by drop", "retraction of r3: never signed",
                         "rate: 10.00% → 30.00% (reverted)",
                         "removed (was: provider bolt)", "[1] https://example.com/deal"] {
            #expect(result.stdout.contains(fragment), "missing: \(fragment)")
        }
    }

    @Test func auditJSONFollowsTheContract() throws {
        let result = try run(["audit", "acme-bolt", "--format", "json", "--as-of", "2030-01-01"])
        #expect(result.status == 0)
        let json = try JSONParser.parse(result.stdout)
        #expect(json["partnership"] == .string("acme-bolt"))
        guard case .array(let changes)? = json["changes"] else { Issue.record("no changes array"); return }
        #expect(changes.count == 8)
        for change in changes {
            for key in ["date", "term", "from", "to", "eventId", "type", "sources"] { #expect(change[key] != nil, "missing \(key)") }
        }
        #expect(changes.first?["from"] == .null)
    }

    @Test(arguments: [
        (["audit", "acme", "--stakes", "--format", "csv", "--as-of", "2030-01-01"], 9, "date,eventId,type,status,holder,stakeFrom,stakeTo"),
        (["audit", "acme-bolt", "--format", "csv", "--as-of", "2030-01-01"], 9, "date,term,from,to,action,effect,eventId,type,status"),
        (["diff", "--from", "2021-01-01", "--to", "2022-12-31", "--company", "acme", "--format", "csv"], 8, "subject,aspect,name,from,to,causes"),
    ])
    func csvHasAHeaderAndOneRowPerLine(arguments: [String], lines: Int, header: String) throws {
        let result = try run(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdout.split(separator: "\n")
        #expect(rows.count == lines)
        #expect(rows.first?.hasPrefix(header) == true)
    }

    @Test func diffTableNamesTheCauses() throws {
        let result = try run(["diff", "--from", "2021-01-01", "--to", "2022-12-31", "--partnership", "acme-bolt"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("term exclusivity"))
        #expect(result.stdout.contains("2022-01-01  r2 (renegotiation, confirmed)"))
        #expect(result.stdout.contains("$100.0M → $500.0M"), "the partnership's parties are included")
    }

    @Test func reportWritesTheFile() throws {
        let scratch = try ScratchFolder("cli-history-report")
        let output = scratch.file("out.html")
        let result = try run(["report", "-o", output, "--as-of", "2030-01-01"])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOfFile: output, encoding: .utf8)
        #expect(html.contains("data-chart=\"valuations\""))
        #expect(result.stdout.hasPrefix("wrote \(output)"))
    }

    /// User mistakes: one plain sentence on stderr, exit 1, nothing on stdout.
    @Test(arguments: [
        (["audit", "nope"], "no partnership \"nope\" is registered"),
        (["audit", "acme"], "\"acme\" is a party, not a partnership"),
        (["audit", "acme-bolt", "--term", "price"], "no change to a term \"price\" in acme-bolt"),
        (["audit", "acme", "--stakes", "--term", "x"], "--term applies to a partnership audit"),
        (["audit", "acme-bolt", "--stakes"], "\"acme-bolt\" is a partnership, not a party"),
        (["diff", "--from", "2023-01-01", "--to", "2022-01-01"], "--from (2023-01-01) must be on or before --to (2022-01-01)"),
        (["diff", "--from", "2023-02-30", "--to", "2024-01-01"], "--from: \"2023-02-30\" is not a real calendar date"),
        (["diff", "--from", "2021-01-01", "--to", "2022-01-01", "--company", "ghost"], "no party \"ghost\" is registered"),
        (["report", "-o", "$DIR", "--as-of", "2030-01-01"], "is a folder; name the HTML file to write"),
    ])
    func userErrorsArePlain(arguments: [String], message: String) throws {
        let result = try run(arguments)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("partnership-ledger: "))
        #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
    }
}
