import Foundation
import LedgerCore
import TestSupport
import Testing

/// `shares`, `terms`, `state`, `governance`, `revenue`, `investments`, `check` through the real binary.
@Suite struct QueryCommandTests {
    /// A ledger holding the bundled history.
    static func bundledLedger() throws -> LedgerCLI {
        let cli = try LedgerCLI()
        let result = try cli.run(["import", LedgerCLI.root.appendingPathComponent("Events").path, "--db", cli.db])
        try #require(result.status == 0, "import failed: \(result.stderr)")
        return cli
    }

    @Test func sharesJSONHasTheContractShape() throws {
        let cli = try Self.bundledLedger()
        let result = try cli.run(["shares", "openai", "--as-of", "2025-10-28", "--format", "json", "--db", cli.db])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONParser.parse(result.stdout)
        #expect(json["company"] == .string("openai"))
        #expect(json["asOf"] == .string("2025-10-28"))
        let valuation = try #require(json["valuation"])
        #expect(valuation["amount"] == .string("500000000000"))
        #expect(valuation["currency"] == .string("USD"))
        #expect(valuation["basis"] == .string("secondary"))
        #expect(valuation["eventId"] != nil)
        guard case .array(let holders)? = json["holders"] else { Issue.record("holders is not an array"); return }
        let microsoft = try #require(holders.first { $0["holder"] == .string("microsoft") })
        #expect(microsoft["stake"] == .string("0.27"))
        #expect(microsoft["value"] == .object(["amount": .string("135000000000"), "currency": .string("USD")]))
        #expect(holders.last?["holder"] == .string("other-holders"))
    }

    @Test func sharesBeforeAnyValuationHasNullValuation() throws {
        let cli = try Self.bundledLedger()
        let json = try JSONParser.parse(try cli.run(["shares", "openai", "--as-of", "2019-01-01", "--format", "json", "--db", cli.db]).stdout)
        #expect(json["valuation"] == .null)
        #expect(json["holders"] == .array([]))
        #expect(json["capTableKnown"] == .bool(false))
    }

    @Test(arguments: [
        ("2019-12-31", "cloud-exclusivity", true),
        ("2025-01-20", "cloud-exclusivity", true),
        ("2025-01-21", "cloud-exclusivity", false),
        ("2025-01-21", "compute-right-of-first-refusal", true),
        ("2025-10-28", "compute-right-of-first-refusal", false),
    ])
    func termsInForceFollowTheRenegotiations(_ asOf: String, _ term: String, _ present: Bool) throws {
        let cli = try Self.bundledLedger()
        let result = try cli.run(["terms", "microsoft-openai", "--as-of", asOf, "--format", "json", "--db", cli.db])
        let json = try JSONParser.parse(result.stdout)
        #expect(json["partnership"] == .string("microsoft-openai"))
        guard case .array(let terms)? = json["terms"] else { Issue.record("terms is not an array"); return }
        let found = terms.first { $0["term"] == .string(term) }
        #expect((found != nil) == present, "\(term) at \(asOf)")
        if let found {
            #expect(found["since"] != nil && found["eventId"] != nil && found["value"] != nil)
        }
    }

    @Test func backDatedAppendsChangeThePastOnlyForLaterKnownAt() throws {
        let cli = try Self.bundledLedger()
        let headSeq = try cli.eventCount()
        // A 2019 valuation recorded today: a back-filled fact.
        let appended = try cli.run(["append", "valuation", "--db", cli.db, "--company", "openai", "--value", "1B",
                                    "--date", "2019-08-01", "--basis", "reported", "--id", "backfilled-2019-valuation"])
        #expect(appended.status == 0, "\(appended.stderr)")
        func valuation(_ knownAt: [String]) throws -> JSONValue? {
            let result = try cli.run(["shares", "openai", "--as-of", "2019-12-31", "--format", "json", "--db", cli.db] + knownAt)
            return try JSONParser.parse(result.stdout)["valuation"]
        }
        #expect(try valuation(["--known-at", String(headSeq)]) == .null)
        #expect(try valuation([])?["amount"] == .string("1000000000"))
        #expect(try valuation(["--known-at", String(headSeq + 1)])?["eventId"] == .string("backfilled-2019-valuation"))
    }

    @Test func aRetractionIsSeenOnlyFromItsRecordingOn() throws {
        let cli = try Self.bundledLedger()
        let before = try cli.eventCount()
        let retracted = try cli.run(["append", "retraction", "--db", cli.db, "--retracts", "2025-10-28-openai-recapitalization",
                                     "--reason", "test", "--date", "2026-11-01"])
        #expect(retracted.status == 0, "\(retracted.stderr)")
        let now = try JSONParser.parse(try cli.run(["shares", "openai", "--as-of", "2025-12-31", "--format", "json", "--db", cli.db]).stdout)
        #expect(now["capTableKnown"] == .bool(false))
        let then = try JSONParser.parse(try cli.run(["shares", "openai", "--as-of", "2025-12-31", "--format", "json", "--known-at", String(before), "--db", cli.db]).stdout)
        #expect(then["capTableKnown"] == .bool(true))
    }

    @Test func theDefaultLedgerIsBuiltFromTheBundledHistory() throws {
        let cli = try LedgerCLI()
        let result = try cli.run(["shares", "openai", "--as-of", "2025-10-28"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("built it from the bundled history"))
        #expect(result.stdout.contains("27.00%"))
        #expect(FileManager.default.fileExists(atPath: cli.folder.appendingPathComponent("ledger.sqlite").path))
        // The second run uses the file it built and says nothing more.
        let again = try cli.run(["shares", "openai", "--as-of", "2025-10-28"])
        #expect(again.stderr.isEmpty)
        #expect(again.stdout == result.stdout)
    }

    @Test func dbIsAGlobalOptionBeforeTheCommandToo() throws {
        let cli = try Self.bundledLedger()
        let before = try cli.run(["--db", cli.db, "shares", "openai", "--as-of", "2025-10-28"])
        let after = try cli.run(["shares", "openai", "--as-of", "2025-10-28", "--db", cli.db])
        #expect(before.status == 0, "\(before.stderr)")
        #expect(before.stdout == after.stdout)
    }

    @Test func theEnvironmentVariableChoosesTheLedger() throws {
        let cli = try LedgerCLI()
        let path = cli.folder.appendingPathComponent("env.sqlite").path
        #expect(try cli.run(["init"], environment: ["PARTNERSHIP_LEDGER_DB": path]).status == 0)
        #expect(FileManager.default.fileExists(atPath: path))
    }

    /// Each query prints a table, JSON and CSV that exit 0, print nothing on stderr, and agree:
    /// every CSV row's first field and event id appear in the JSON.
    @Test(arguments: ["state", "governance openai", "revenue openai", "investments", "shares anthropic", "terms amazon-anthropic"])
    func everyQueryCommandSpeaksAllThreeFormats(_ command: String) throws {
        let cli = try Self.bundledLedger()
        let words = command.split(separator: " ").map(String.init)
        let table = try cli.run(words + ["--as-of", "2025-12-31", "--db", cli.db])
        #expect(table.status == 0 && table.stderr.isEmpty, "\(table)")
        #expect(table.stdout.contains("----"))
        let json = try cli.run(words + ["--as-of", "2025-12-31", "--format", "json", "--db", cli.db])
        #expect(json.status == 0 && json.stderr.isEmpty, "\(json)")
        #expect(try JSONParser.parse(json.stdout)["asOf"] == .string("2025-12-31"))
        let csv = try cli.run(words + ["--as-of", "2025-12-31", "--format", "csv", "--db", cli.db])
        #expect(csv.status == 0 && csv.stderr.isEmpty, "\(csv)")
        let rows = csv.stdoutLines.map(Self.csvFields)
        let header = try #require(rows.first)
        try #require(header.count >= 3, "CSV header: \(header)")
        #expect(rows.count > 1)
        let eventColumn = header.firstIndex(of: "eventId")
        for row in rows.dropFirst() {
            #expect(row.count == header.count, "CSV row \(row) does not match its header \(header)")
            #expect(json.stdout.contains("\"\(row[0])\""), "CSV says \(row[0]) but the JSON does not")
            if let eventColumn, eventColumn < row.count, !row[eventColumn].isEmpty {
                #expect(json.stdout.contains("\"\(row[eventColumn])\""), "CSV names event \(row[eventColumn]) but the JSON does not")
            }
        }
    }

    /// The fields of one CSV line (RFC 4180 quoting).
    static func csvFields(_ line: String) -> [String] {
        var fields: [String] = [], field = "", quoted = false, previous: Character? = nil
        for character in line {
            if quoted {
                if character == "\"" { quoted = false } else { field.append(character) }
            } else if character == "\"" {
                if previous == "\"" { field.append("\"") }
                quoted = true
            } else if character == "," {
                fields.append(field); field = ""
            } else {
                field.append(character)
            }
            previous = character
        }
        fields.append(field)
        return fields
    }

    @Test func revenueShowsTheChosenFigureAndItsAlternatives() throws {
        let cli = try Self.bundledLedger()
        let json = try JSONParser.parse(try cli.run(["revenue", "openai", "--as-of", "2025-12-31", "--format", "json", "--db", cli.db]).stdout)
        // OpenAI's CFO put the run-rate above $20B at the end of 2025 (Events/2025-12-31-openai-arr-20b.json).
        #expect(json["latest"]?["annualized-run-rate"]?["amount"] == .string("20000000000"))
        guard case .array(let figures)? = json["figures"] else { Issue.record("no figures"); return }
        #expect(figures.contains { if case .array(let alternatives)? = $0["alternatives"] { !alternatives.isEmpty } else { false } })
    }

    @Test func investmentsSumPerInvestor() throws {
        let cli = try Self.bundledLedger()
        let json = try JSONParser.parse(try cli.run(["investments", "--investor", "amazon", "--as-of", "2024-11-22", "--format", "json", "--db", cli.db]).stdout)
        guard case .array(let totals)? = json["totals"] else { Issue.record("no totals"); return }
        // CONTRACT §4: Amazon's second $4B was committed on 2024-11-22 and paid in stages (issue 13), so on that day
        // $8B is committed and only the first $4B is funded. No funding round carries Amazon's money, so nothing is "invested".
        let usd = { (amount: String) in JSONValue.object(["amount": .string(amount), "currency": .string("USD")]) }
        #expect(totals == [.object(["investor": .string("amazon"), "company": .string("anthropic"), "invested": .array([]),
                                    "committed": usd("8000000000"), "conditional": usd("0"), "funded": usd("4000000000"),
                                    "outstanding": usd("4000000000")])])
    }

    @Test(arguments: [
        (["shares", "nobody"], "no party \"nobody\" is registered"),
        (["terms", "openai"], "\"openai\" is a party, not a partnership"),
        (["shares", "openai", "--as-of", "2025-13-01"], "--as-of"),
        (["shares", "openai", "--known-at", "yesterday"], "--known-at"),
        (["log", "--type", "merger"], "is not an event type"),
        (["state", "--format", "xml"], "xml"),
    ])
    func queryMistakesExitOneWithOnePlainLine(_ arguments: [String], _ fragment: String) throws {
        let cli = try Self.bundledLedger()
        let result = try cli.run(arguments + ["--db", cli.db])
        #expect(result.status == 1)
        #expect(result.stderr.contains(fragment), "stderr was: \(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func checkPassesOnTheBundledHistoryAndFailsOnAWrongFigure() throws {
        let cli = try Self.bundledLedger()
        let pass = try cli.run(["check", "--db", cli.db])
        #expect(pass.status == 0, "\(pass.stdout)")
        #expect(pass.stdout.contains(" passed, 0 failed"))
        let wrong = try cli.write("wrong.checks.json", #"[{"check": "stake", "asOf": "2025-10-28", "company": "openai", "holder": "microsoft", "expect": "0.49", "tolerance": "0.01"}]"#)
        let fail = try cli.run(["check", wrong, "--db", cli.db, "--format", "json"])
        #expect(fail.status == 1)
        let json = try JSONParser.parse(fail.stdout)
        #expect(json["failed"] == .number("1"))
        guard case .array(let checks)? = json["checks"] else { Issue.record("no checks"); return }
        #expect(checks.first?["actual"] == .string("0.27"))
    }
}
