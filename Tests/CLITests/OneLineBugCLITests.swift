import Foundation
import LedgerCore
import Testing
import TestSupport

/// The one-line bugs of issue 10 as a user meets them: through the real binary.
///
/// The store-level twins are in `LedgerStoreTests/OneLineBugStoreTests`.
@Suite struct OneLineBugCLITests {
    /// Events as JSON Lines, one canonical object per line.
    static func jsonLines(_ events: [Event]) -> String {
        events.map { $0.canonicalText + "\n" }.joined()
    }

    static let registrations: [Event] = [
        Event(id: "party-acme", date: LedgerDate(year: 2000, month: 1, day: 1)!, body: .party(PartyRegistration(party: "acme", name: "Acme", kind: .company))),
        Event(id: "party-alpha", date: LedgerDate(year: 2000, month: 1, day: 1)!, body: .party(PartyRegistration(party: "alpha", name: "Alpha", kind: .investor))),
    ]

    static func seedRound(_ amount: ExactDecimal) -> Event {
        Event(id: "seed", date: LedgerDate(year: 2019, month: 1, day: 1)!, body: .fundingRound(FundingRound(
            company: "acme", round: "Seed", instrument: .equity,
            investments: [Investment(investor: "alpha", amount: Money(amount: amount, currency: "USD"))],
            postMoney: Money(amount: 40, currency: "USD"))))
    }

    /// alpha's stake in `shares acme --format json` as known at `knownAt`.
    static func alphaStake(_ cli: LedgerCLI, knownAt: Int64) throws -> JSONValue? {
        let result = try cli.run(["shares", "acme", "--as-of", "2020-01-01", "--known-at", String(knownAt), "--format", "json", "--db", cli.db])
        try #require(result.status == 0, "shares failed: \(result.stderr)")
        guard case .array(let holders)? = try JSONParser.parse(result.stdout)["holders"] else { return nil }
        return holders.first { $0["holder"] == .string("alpha") }?["stake"]
    }

    /// `shares --known-at N`, N exactly a correction's seq, shows the correction; N − 1 does not.
    ///
    /// Bug guarded: the single-subject replay reading amendments with `seq < ?` instead of `seq <= ?`.
    @Test func sharesKnownAtTheCorrectionsOwnSeqShowsIt() throws {
        let cli = try LedgerCLI()
        let first = try cli.run(["append", try cli.write("first.jsonl", Self.jsonLines(Self.registrations + [Self.seedRound(10)])), "--db", cli.db])
        try #require(first.status == 0, "append failed: \(first.stderr)")
        let fix = Event(id: "fix-seed", date: LedgerDate(year: 2026, month: 1, day: 1)!, body: .correction(Correction(
            corrects: "seed", replacement: Self.seedRound(20), reason: "the filing says 20")))
        let second = try cli.run(["append", try cli.write("fix.jsonl", Self.jsonLines([fix])), "--db", cli.db])
        try #require(second.status == 0, "append failed: \(second.stderr)")
        let seq = Int64(Self.registrations.count + 2)
        try #require(second.stdout.contains("\(seq)"), "the correction is seq \(seq): \(second.stdout)")
        #expect(try Self.alphaStake(cli, knownAt: seq - 1) == .string("0.25"))
        #expect(try Self.alphaStake(cli, knownAt: seq) == .string("0.5"))
    }

    /// An import of a file over the streaming threshold whose last line is bad: exit 1, the line named, nothing stored.
    ///
    /// Bug guarded: the streaming import's reader error lost on the way to the store
    /// (`finish(nil)`), which committed the events before the bad line and exited 0.
    @Test func aBadLineAtTheEndOfALargeFileImportsNothing() throws {
        let cli = try LedgerCLI()
        defer { try? FileManager.default.removeItem(at: cli.folder) }
        try #require(try cli.run(["init", "--db", cli.db]).status == 0)
        // Ten party registrations with 1 MiB notes: over the 8 MiB streaming threshold, few events.
        let note = String(repeating: "n", count: 1 << 20)
        var events: [Event] = []
        for index in 0..<10 {
            events.append(Event(id: "party-\(index)", date: LedgerDate(year: 2000, month: 1, day: 1)!, note: note,
                                body: .party(PartyRegistration(party: "p\(index)", name: "P\(index)", kind: .company))))
        }
        let text = Self.jsonLines(events) + #"{"type":"party","date":"2000-02-30","party":"late","name":"Late","kind":"company"}"# + "\n"
        try #require(text.utf8.count > 8 << 20, "the file must take the streaming path")
        let path = try cli.write("big.jsonl", text)
        let result = try cli.run(["import", path, "--db", cli.db])
        #expect(result.status == 1, "stdout: \(result.stdout.prefix(300)) stderr: \(result.stderr)")
        #expect(result.stderr.contains("big.jsonl"), "\(result.stderr)")
        #expect(result.stderr.contains("not a real calendar date"), "\(result.stderr)")
        #expect(try cli.eventCount() == 0, "nothing of the failed import is stored")
    }
}
