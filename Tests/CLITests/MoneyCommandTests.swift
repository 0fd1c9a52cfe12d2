import Foundation
import LedgerCore
import Testing
import TestSupport

/// CONTRACT §4 through the real binary: `append` of the new types, `investments`, `commitments`, `negotiations`, `flows`, `check`.
@Suite struct MoneyCommandTests {
    /// A new ledger holding the README's worked example.
    static func dealLedger() throws -> LedgerCLI {
        let cli = try LedgerCLI()
        let events = """
        {"type": "party", "id": "party-lab", "date": "2021-01-01", "party": "lab", "name": "Lab", "kind": "company"}
        {"type": "party", "id": "party-cloud", "date": "2021-01-01", "party": "cloud", "name": "Cloud", "kind": "investor"}
        {"type": "partnership", "id": "cloud-lab", "date": "2023-09-25", "partnership": "cloud-lab", "parties": ["cloud", "lab"], "terms": {"revenue-share": {"rate": "0.20"}}}
        {"type": "commitment", "id": "pledge-1", "date": "2023-09-25", "company": "lab", "investor": "cloud", "amount": {"amount": "4000000000", "currency": "USD"}, "upTo": true, "conditional": {"amount": "2750000000", "currency": "USD"}}
        {"type": "funding", "id": "pay-1", "date": "2023-09-25", "company": "lab", "investor": "cloud", "amount": {"amount": "1250000000", "currency": "USD"}, "commitment": "pledge-1"}
        {"type": "commitment", "id": "pledge-2", "date": "2024-11-22", "company": "lab", "investor": "cloud", "amount": {"amount": "4000000000", "currency": "USD"}}
        {"type": "funding", "id": "filing", "date": "2025-09-30", "company": "lab", "investor": "cloud", "fundedToDate": {"amount": "6600000000", "currency": "USD"}}
        {"type": "purchase-commitment", "id": "compute", "date": "2025-11-03", "buyer": "lab", "seller": "cloud", "amount": {"amount": "38000000000", "currency": "USD"}, "years": 7, "scope": "cloud compute"}
        {"type": "renegotiation", "id": "new-terms", "date": "2025-10-28", "partnership": "cloud-lab", "changes": [{"term": "revenue-share", "set": {"rate": "0.15"}}]}
        {"type": "negotiation", "id": "talks", "date": "2025-05-06", "status": "reported", "partnership": "cloud-lab", "stage": "proposal", "thread": "share", "settledBy": "new-terms", "proposals": [{"term": "revenue-share", "set": {"rate": "0.10"}}]}
        """
        let result = try cli.run(["append", "-", "--db", cli.db], stdin: events)
        try #require(result.status == 0, "append failed: \(result.stderr)")
        return cli
    }

    static func usd(_ amount: String) -> JSONValue { .object(["amount": .string(amount), "currency": .string("USD")]) }

    @Test func investmentsShowTheFourFigures() throws {
        let cli = try Self.dealLedger()
        let json = try JSONParser.parse(try cli.run(["investments", "--as-of", "2025-12-31", "--format", "json", "--db", cli.db]).stdout)
        guard case .array(let totals)? = json["totals"] else { Issue.record("no totals"); return }
        try #require(totals.count == 1)
        // The filing's 6.6B paid exceeds the firm 5.25B: 1.35B of the conditional part was met.
        #expect(totals[0]["committed"] == Self.usd("6600000000"))
        #expect(totals[0]["conditional"] == Self.usd("1400000000"))
        #expect(totals[0]["funded"] == Self.usd("6600000000"))
        #expect(totals[0]["outstanding"] == Self.usd("0"))
    }

    @Test func commitmentsJSONHasTheContractShape() throws {
        let cli = try Self.dealLedger()
        let result = try cli.run(["commitments", "--seller", "cloud", "--as-of", "2025-12-31", "--format", "json", "--db", cli.db])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONParser.parse(result.stdout)
        #expect(json["asOf"] == .string("2025-12-31"))
        guard case .array(let rows)? = json["commitments"] else { Issue.record("no commitments"); return }
        try #require(rows.count == 1)
        guard case .object(let row) = rows[0] else { Issue.record("not an object"); return }
        #expect(Set(["buyer", "seller", "amount", "upTo", "period", "capacity", "scope", "eventId", "status", "sources"]).isSubset(of: row.keys))
        #expect(row["amount"] == Self.usd("38000000000"))
        #expect(row["period"] == .object(["years": .string("7")]))
        let before = try JSONParser.parse(try cli.run(["commitments", "--as-of", "2025-11-02", "--format", "json", "--db", cli.db]).stdout)
        #expect(before["commitments"] == .array([]))
    }

    @Test func negotiationsCloseWhenTheSettlingEventTakesEffect() throws {
        let cli = try Self.dealLedger()
        let open = try JSONParser.parse(try cli.run(["negotiations", "cloud-lab", "--as-of", "2025-06-30", "--format", "json", "--db", cli.db]).stdout)
        guard case .array(let threads)? = open["negotiations"] else { Issue.record("no negotiations"); return }
        try #require(threads.count == 1)
        #expect(threads[0]["thread"] == .string("share"))
        #expect(threads[0]["stage"] == .string("proposal"))
        #expect(threads[0]["partnership"] == .string("cloud-lab"))
        let terms = try JSONParser.parse(try cli.run(["terms", "cloud-lab", "--as-of", "2025-06-30", "--format", "json", "--db", cli.db]).stdout)
        guard case .array(let inForce)? = terms["terms"] else { Issue.record("no terms"); return }
        #expect(inForce.first?["value"] == .object(["rate": .string("0.20")]))
        let later = try JSONParser.parse(try cli.run(["negotiations", "--as-of", "2025-10-28", "--format", "json", "--db", cli.db]).stdout)
        #expect(later["negotiations"] == .array([]))
    }

    @Test func flowsPutMoneyInBesideComputeBoughtBack() throws {
        let cli = try Self.dealLedger()
        let json = try JSONParser.parse(try cli.run(["flows", "--as-of", "2025-12-31", "--format", "json", "--db", cli.db]).stdout)
        guard case .array(let flows)? = json["flows"] else { Issue.record("no flows"); return }
        try #require(flows.count == 1)
        #expect(flows[0]["investor"] == .string("cloud"))
        #expect(flows[0]["company"] == .string("lab"))
        #expect(flows[0]["funded"] == Self.usd("6600000000"))
        #expect(flows[0]["purchases"] == Self.usd("38000000000"))
    }

    @Test func checkKindsCommittedFundedOutstandingPurchase() throws {
        let cli = try Self.dealLedger()
        let good = try cli.write("good.checks.json", """
        [{"check": "committed", "asOf": "2024-11-22", "investor": "cloud", "company": "lab", "expect": {"amount": "5250000000", "currency": "USD"}},
         {"check": "funded", "asOf": "2025-09-30", "investor": "cloud", "company": "lab", "expect": {"amount": "6600000000", "currency": "USD"}},
         {"check": "outstanding", "asOf": "2024-11-22", "investor": "cloud", "company": "lab", "expect": {"amount": "4000000000", "currency": "USD"}},
         {"check": "purchase", "asOf": "2025-12-31", "buyer": "lab", "seller": "cloud", "expect": {"amount": "38000000000", "currency": "USD"}}]
        """)
        let passed = try cli.run(["check", good, "--db", cli.db])
        #expect(passed.status == 0, "\(passed.stdout)\(passed.stderr)")
        let bad = try cli.write("bad.checks.json", """
        [{"check": "outstanding", "asOf": "2025-09-30", "investor": "cloud", "company": "lab", "expect": {"amount": "1", "currency": "USD"}}]
        """)
        #expect(try cli.run(["check", bad, "--db", cli.db]).status != 0)
    }

    @Test func aFundingWithBothAmountsIsRefusedAndNothingIsWritten() throws {
        let cli = try Self.dealLedger()
        let head = try cli.run(["log", "--format", "json", "--db", cli.db]).stdout
        let result = try cli.run(["append", "funding", "--company", "lab", "--investor", "cloud", "--amount", "1B", "--funded-to-date", "2B",
                                  "--date", "2026-01-01", "--db", cli.db])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--funded-to-date"), "\(result.stderr)")
        let json = try cli.write("both.json", """
        {"type": "funding", "date": "2026-01-01", "company": "lab", "investor": "cloud", "amount": {"amount": "1", "currency": "USD"}, "fundedToDate": {"amount": "2", "currency": "USD"}}
        """)
        let file = try cli.run(["append", json, "--db", cli.db])
        #expect(file.status == 1)
        #expect(file.stderr.contains("fundedToDate"), "\(file.stderr)")
        #expect(file.stderr.split(separator: "\n").count == 1, "\(file.stderr)")
        let exercise = try cli.run(["append", "warrant", "--company", "lab", "--holder", "cloud", "--stake", "1%", "--exercises", "no-such-warrant",
                                    "--date", "2026-01-01", "--db", cli.db])
        #expect(exercise.status == 1)
        #expect(exercise.stderr.contains("no warrant event with id \"no-such-warrant\""), "\(exercise.stderr)")
        #expect(try cli.run(["log", "--format", "json", "--db", cli.db]).stdout == head)
    }
}
