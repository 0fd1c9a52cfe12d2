import Foundation
import LedgerCore
import TestSupport
import Testing

/// `verify --head HASH`: a hash that cannot be a head is a command-line mistake (exit 1), not tampering (exit 2).
@Suite struct VerifyHeadTests {
    static func ledger() throws -> LedgerCLI {
        let cli = try LedgerCLI()
        let seeded = try cli.run(["append", try cli.write("p.jsonl", WriteCommandTests.parties), "--db", cli.db])
        try #require(seeded.status == 0, "seeding failed: \(seeded.stderr)")
        return cli
    }

    @Test(arguments: ["deadbeef", String(repeating: "g", count: 64), String(repeating: "a", count: 63), ""])
    func aHashThatCannotBeAHeadIsAUsageError(_ head: String) throws {
        let cli = try Self.ledger()
        let result = try cli.run(["verify", "--head", head, "--db", cli.db])
        #expect(result.status == 1, "exit \(result.status): \(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "one plain line: \(result.stderr)")
        #expect(result.stderr.contains("--head"), "\(result.stderr)")
        #expect(!result.stderr.contains("integrity"), "a typo is not tampering: \(result.stderr)")
    }

    @Test func aWellFormedHeadThatIsNotInTheChainIsStillIntegrityBroken() throws {
        let cli = try Self.ledger()
        let result = try cli.run(["verify", "--head", String(repeating: "ab", count: 32), "--db", cli.db])
        #expect(result.status == 2, "exit \(result.status): \(result.stderr)")
        #expect(result.stderr.contains("not in the chain"), "\(result.stderr)")
    }

    @Test func theHeadVerifyPrintedIsFoundUpperOrLowerCase() throws {
        let cli = try Self.ledger()
        let first = try cli.run(["verify", "--db", cli.db])
        try #require(first.status == 0, "\(first.stderr)")
        let hash = try #require(first.stdout.split(separator: " ").last.map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) })
        try #require(hash.count == 64, "verify's last word is the head hash: \(first.stdout)")
        for spelling in [hash, hash.uppercased()] {
            let again = try cli.run(["verify", "--head", spelling, "--db", cli.db])
            #expect(again.status == 0, "exit \(again.status): \(again.stderr)")
            #expect(again.stdout.contains("found in the chain"))
        }
    }
}
