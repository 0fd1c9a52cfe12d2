import Foundation
import LedgerCore
import TestSupport
import Testing

/// Typed flags: a bad value is refused while the command line is parsed, naming the flag and saying why,
/// with exit 1, one line on stderr, and nothing written.
@Suite struct FlagTests {
    /// A ledger with two parties: acme (company) and fund (investor).
    static func seeded() throws -> LedgerCLI {
        let cli = try LedgerCLI()
        let seeded = try cli.run(["append", try cli.write("p.jsonl", WriteCommandTests.parties), "--db", cli.db])
        try #require(seeded.status == 0, "seeding failed: \(seeded.stderr)")
        return cli
    }

    /// The checks every refused command line must pass.
    static func expectRefused(_ result: LedgerCLI.Result, naming fragments: [String], cli: LedgerCLI,
                              sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(result.status == 1, "exit \(result.status): \(result.stderr)", sourceLocation: sourceLocation)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "one plain line expected, got: \(result.stderr)", sourceLocation: sourceLocation)
        for fragment in fragments {
            #expect(result.stderr.contains(fragment), "expected \"\(fragment)\" in: \(result.stderr)", sourceLocation: sourceLocation)
        }
        #expect(!result.stderr.contains("field "), "a flag is not a JSON field: \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, "nothing may be reported as appended: \(result.stdout)", sourceLocation: sourceLocation)
        #expect(try cli.eventCount() == 2, "the ledger must still hold only the two seed parties", sourceLocation: sourceLocation)
    }

    @Test(arguments: [
        (["funding-round", "--company", "acme", "--investor", "fund", "--amount", "1B", "--instrument", "bond"],
         ["--instrument: \"bond\" is not an instrument", "equity, convertible"]),
        (["funding-round", "--company", "acme", "--investor", "fund", "--amount", "1B", "--status", "rumoured"],
         ["--status: \"rumoured\" is not a status", "confirmed, reported, estimate"]),
        (["party", "--party", "zeta", "--name", "Zeta", "--kind", "alien"], ["--kind: \"alien\" is not a party kind"]),
        (["valuation", "--company", "acme", "--value", "1B", "--basis", "vibes"], ["--basis: \"vibes\" is not a valuation basis"]),
        (["revenue", "--company", "acme", "--amount", "1B", "--basis", "weekly"], ["--basis: \"weekly\" is not a revenue basis"]),
        (["valuation", "--company", "acme", "--value", "1B", "--announced", "2023-13-01"], ["--announced: \"2023-13-01\""]),
    ])
    func aBadEnumOrDateNamesTheFlagAndTheChoices(_ flags: [String], _ fragments: [String]) throws {
        let cli = try Self.seeded()
        let result = try cli.run(["append"] + flags + ["--date", "2023-01-23", "--db", cli.db])
        try Self.expectRefused(result, naming: fragments, cli: cli)
    }

    @Test(arguments: [
        ["funding-round", "--company", "acme", "--investor", "fund", "--amount", "-5B"],
        ["funding-round", "--company", "acme", "--investor", "fund", "--amount", "1B", "--post-money", "-5B"],
        ["valuation", "--company", "acme", "--value", "-5B"],
        ["revenue", "--company", "acme", "--basis", "fiscal-year", "--amount", "-5B"],
    ])
    func aNegativeAmountIsRefusedAsNegativeNotAsAMissingValue(_ flags: [String]) throws {
        let cli = try Self.seeded()
        let result = try cli.run(["append"] + flags + ["--date", "2023-01-23", "--db", cli.db])
        let flag = try #require(flags.last { $0.hasPrefix("--") })
        try Self.expectRefused(result, naming: ["\(flag): \"-5B\" is not an amount", "negative"], cli: cli)
        #expect(!result.stderr.contains("Missing value"), "\(result.stderr)")
    }

    @Test func aFlagWhereAnAmountBelongsIsAMissingAmount() throws {
        let cli = try Self.seeded()
        let result = try cli.run(["append", "valuation", "--company", "acme", "--value", "--date", "2023-01-23", "--db", cli.db])
        try Self.expectRefused(result, naming: ["--value: the amount is missing (found the flag --date in its place)"], cli: cli)
    }

    @Test func revenueOnAPeriodBasisNeedsThePeriod() throws {
        let cli = try Self.seeded()
        let result = try cli.run(["append", "revenue", "--company", "acme", "--amount", "1B", "--basis", "period",
                                  "--date", "2023-01-23", "--db", cli.db])
        try Self.expectRefused(result, naming: ["--basis period", "--from", "--to"], cli: cli)
        let withPeriod = try cli.run(["append", "revenue", "--company", "acme", "--amount", "1B", "--basis", "period",
                                      "--from", "2022-01-01", "--to", "2022-12-31", "--date", "2023-01-23", "--db", cli.db])
        #expect(withPeriod.status == 0, "\(withPeriod.stderr)")
    }

    @Test func appendPartyWithoutADateSaysWhyTheDateIsNeeded() throws {
        let cli = try Self.seeded()
        let result = try cli.run(["append", "party", "--party", "zeta", "--name", "Zeta", "--kind", "company", "--db", cli.db])
        try Self.expectRefused(result, naming: ["--date is required", "earlier date", "founded"], cli: cli)
    }

    @Test func reportIntoAMissingFolderSaysTheFolderDoesNotExist() throws {
        let cli = try Self.seeded()
        let target = cli.folder.appendingPathComponent("no-such-folder/x.html").path
        let result = try cli.run(["report", "-o", target, "--as-of", "2023-01-01", "--db", cli.db])
        #expect(result.status == 1)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("-o: the folder \(cli.folder.appendingPathComponent("no-such-folder").path) does not exist"),
                "\(result.stderr)")
        #expect(!result.stderr.contains("The file doesn’t exist") && !result.stderr.contains("The file doesn't exist"), "\(result.stderr)")
    }

    @Test func versionPrintsTheRelease() throws {
        let cli = try LedgerCLI()
        let result = try cli.run(["--version"])
        #expect(result.status == 0, "\(result.stderr)")
        let version = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = version.split(separator: ".")
        #expect(parts.count == 3 && parts.allSatisfy { Int($0) != nil }, "not a version: \(result.stdout)")
    }

    @Test(arguments: [
        (["append", "funding-round"], "--instrument <instrument> equity (default), convertible", "(default: equity)"),
        (["append", "valuation"], "--basis <basis> post-money, tender-offer, secondary or reported (default).", "(default: reported)"),
        (["export"], "--format <format> jsonl (default) or csv.", "(default: jsonl)"),
        (["state"], "--format <format> Output format: table (default), json or csv.", "(default: table)"),
    ])
    func helpStatesEachDefaultOnce(_ command: [String], _ line: String, _ repeated: String) throws {
        let cli = try LedgerCLI()
        let help = try cli.run(command + ["--help"])
        #expect(help.status == 0)
        let text = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains(line), "\(help.stdout)")
        #expect(!text.contains(repeated), "\(help.stdout)")
    }

    @Test func checkHelpKeepsEachSentenceTogether() throws {
        let cli = try LedgerCLI()
        let help = try cli.run(["check", "--help"])
        #expect(help.status == 0)
        let text = help.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(text.contains("With no file, the bundled Events/checks/ (the published figures of the bundled history) are checked."), "\(help.stdout)")
        // No line is cut short in mid-sentence: a line that does not end a sentence fills most of the width.
        let discussion = help.stdout.split(separator: "\n").drop { !$0.hasPrefix("OVERVIEW") }.prefix { !$0.hasPrefix("USAGE") }
        for (line, next) in zip(discussion, discussion.dropFirst()) where !next.isEmpty && !line.hasSuffix(".") && !line.hasSuffix("such as") {
            #expect(line.count >= 50, "a line broken early: \"\(line)\"")
        }
        // The example stays an indented block: no piece of it wraps to the left margin.
        for line in discussion where line.contains("\"") {
            #expect(line.hasPrefix("  ") && line.count <= 80, "the example breaks oddly: \"\(line)\"")
        }
    }

    @Test func queryDatesAreRefusedNamingTheFlag() throws {
        let cli = try QueryCommandTests.bundledLedger()
        for (arguments, fragment) in [(["diff", "--from", "2023-02-30", "--to", "2024-01-01"], "--from: \"2023-02-30\" is not a real calendar date"),
                                      (["log", "--to", "yesterday"], "--to: \"yesterday\" is not a date"),
                                      (["report", "-o", "-", "--known-at", "soon"], "--known-at: ")] {
            let result = try cli.run(arguments + ["--db", cli.db])
            #expect(result.status == 1, "\(arguments): \(result.stderr)")
            #expect(result.stderr.hasPrefix("partnership-ledger: \(fragment)"), "\(arguments): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
        }
    }
}
