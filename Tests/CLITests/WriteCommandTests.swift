import Foundation
import LedgerCore
import TestSupport
import Testing

/// `init`, `append`, `import`, `verify`, `export` through the real binary.
@Suite struct WriteCommandTests {
    static let parties = """
        {"type": "party", "id": "acme", "party": "acme", "name": "Acme", "kind": "company", "date": "2020-01-01", "sources": ["test"]}
        {"type": "party", "id": "fund", "party": "fund", "name": "Fund", "kind": "investor", "date": "2020-01-01", "sources": ["test"]}
        """

    @Test func initCreatesAnEmptyLedgerOnce() throws {
        let cli = try LedgerCLI()
        let first = try cli.run(["init", "--db", cli.db])
        #expect(first.status == 0)
        #expect(try cli.eventCount() == 0)
        let second = try cli.run(["init", "--db", cli.db])
        #expect(second.status == 1)
        #expect(second.stderr.contains("already exists"))
    }

    @Test func appendFromFlagsPrintsSeqAndIDAndStoresExactMoney() throws {
        let cli = try LedgerCLI()
        #expect(try cli.run(["append", try cli.write("p.jsonl", Self.parties), "--db", cli.db]).status == 0)
        let result = try cli.run(["append", "funding-round", "--db", cli.db, "--company", "acme", "--investor", "fund",
                                  "--amount", "1.25B", "--post-money", "$5,000,000,000", "--date", "2023-01-23", "--source", "https://example.com"])
        #expect(result.status == 0, "\(result.stderr)")
        let line = try #require(result.stdoutLines.first)
        #expect(line.hasPrefix("3\t"))
        let exported = try cli.run(["export", "--db", cli.db, "--type", "funding-round"])
        let event = try JSONParser.parse(exported.stdout.trimmingCharacters(in: .newlines))
        #expect(event["postMoney"]?["amount"] == .string("5000000000"))
        #expect(event["investments"] == .array([.object(["investor": .string("fund"), "amount": .object(["amount": .string("1250000000"), "currency": .string("USD")])])]))
        #expect(event["instrument"] == .string("equity"))
    }

    @Test(arguments: [
        (["--amount", "10X"], "is not an amount"),
        (["--amount=-5M"], "is not an amount"),
        (["--amount", "1B", "--investor", "fund", "--amount"], "Missing value"),
        (["--amount", "1B", "--post-money", "500M"], "less than the round's total"),
        (["--amount", "1B", "--company", "nobody"], "party \"nobody\" is not registered"),
        (["--amount", "1B", "--date", "2023-02-30"], "not a real calendar date"),
    ])
    func badFlagsAreOnePlainSentenceAndWriteNothing(_ flags: [String], _ fragment: String) throws {
        let cli = try LedgerCLI()
        _ = try cli.run(["append", try cli.write("p.jsonl", Self.parties), "--db", cli.db])
        var arguments = ["append", "funding-round", "--db", cli.db, "--company", "acme", "--investor", "fund", "--date", "2023-01-23"]
        // Later flags win, so a case can override the defaults above.
        arguments += flags
        let result = try cli.run(arguments)
        #expect(result.status == 1)
        #expect(result.stderr.contains(fragment), "stderr was: \(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "one plain line expected, got: \(result.stderr)")
        #expect(!result.stderr.contains("Swift"), "no debug output: \(result.stderr)")
        #expect(try cli.eventCount() == 2)
    }

    @Test func aBatchWithOneBadEventAppendsNothingAndNamesThePlace() throws {
        let cli = try LedgerCLI()
        let batch = Self.parties + "\n" + """
            {"type": "valuation", "id": "v1", "company": "acme", "value": {"amount": "100", "currency": "USD"}, "basis": "reported", "date": "2021-01-01"}
            {"type": "valuation", "id": "v2", "company": "acme", "value": {"amount": 100, "currency": "USD"}, "basis": "reported", "date": "2021-01-01"}
            """
        let file = try cli.write("batch.jsonl", batch)
        let result = try cli.run(["append", file, "--db", cli.db])
        #expect(result.status == 1)
        #expect(result.stderr.contains("batch.jsonl, event 4 (id v2), field value.amount"), "stderr was: \(result.stderr)")
        // Rejected before the ledger is even opened: not even an empty file is created.
        #expect(!FileManager.default.fileExists(atPath: cli.db))
    }

    @Test func appendFromStandardInput() throws {
        let cli = try LedgerCLI()
        let result = try cli.run(["append", "-", "--db", cli.db], stdin: Self.parties)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutLines == ["1\tacme", "2\tfund"])
    }

    @Test func importIsIdempotentAndRefusesConflicts() throws {
        let cli = try LedgerCLI()
        let file = try cli.write("events/a.jsonl", Self.parties)
        let first = try cli.run(["import", cli.folder.appendingPathComponent("events").path, "--db", cli.db])
        #expect(first.status == 0)
        #expect(first.stdoutLines.count == 2)
        let second = try cli.run(["import", file, "--db", cli.db])
        #expect(second.status == 0)
        #expect(second.stdout.isEmpty)
        #expect(second.stderr.contains("skipped 2 already stored"))
        let conflicting = try cli.write("other.json", #"{"type": "party", "id": "acme", "party": "acme", "name": "ACME Corp", "kind": "company", "date": "2020-01-01"}"#)
        let third = try cli.run(["import", conflicting, "--db", cli.db])
        #expect(third.status == 1)
        #expect(third.stderr.contains("already stored with different content"))
        #expect(try cli.eventCount() == 2)
    }

    @Test func verifyPassesThenFailsWithExitTwoAtTheTamperedSeq() throws {
        let cli = try LedgerCLI()
        _ = try cli.run(["import", LedgerCLI.root.appendingPathComponent("Events").path, "--db", cli.db])
        let ok = try cli.run(["verify", "--db", cli.db])
        #expect(ok.status == 0)
        #expect(ok.stdout.hasPrefix("ok: "))
        // An attacker with the file drops the guard and edits one stored payload.
        try Attacker.execute(cli.db, "UPDATE event SET payload = replace(payload, '\"date\":', '\"date\": ') WHERE seq = 17")
        let broken = try cli.run(["verify", "--db", cli.db])
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("integrity broken at seq 17"), "stderr was: \(broken.stderr)")
    }

    @Test func exportThenImportGivesTheSameLog() throws {
        let cli = try LedgerCLI()
        _ = try cli.run(["import", LedgerCLI.root.appendingPathComponent("Events").path, "--db", cli.db])
        let exported = try cli.run(["export", "--db", cli.db])
        #expect(exported.status == 0)
        let copy = cli.folder.appendingPathComponent("copy.sqlite").path
        let reimport = try cli.run(["import", try cli.write("export.jsonl", exported.stdout), "--db", copy])
        #expect(reimport.status == 0, "\(reimport.stderr)")
        #expect(try cli.run(["export", "--db", copy]).stdout == exported.stdout)
    }

    @Test func readCommandsRefuseAMissingExplicitLedger() throws {
        let cli = try LedgerCLI()
        let result = try cli.run(["shares", "openai", "--db", cli.folder.appendingPathComponent("missing.sqlite").path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no ledger at"))
        #expect(!FileManager.default.fileExists(atPath: cli.folder.appendingPathComponent("missing.sqlite").path))
    }
}
