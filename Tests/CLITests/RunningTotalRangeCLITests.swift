import Foundation
import LedgerCore
import Testing
import TestSupport

/// A running total beyond the exact range (±1.7 × 10^18), as a user meets it: one plain sentence naming the event
/// that took it there, exit 1, nothing written; never a crash.
@Suite struct RunningTotalRangeCLITests {
    /// The largest amount a ledger accepts (15 digits before the point): each pledge is in range, their sum is not.
    static let amount = Money(amount: ExactDecimal(999_999_999_999_999), currency: "USD")
    /// Pledges of ``amount`` by one investor to one company; the 1,702nd takes the committed total past 1.7014 × 10^18.
    static let pledges = 1_800
    static let crossing = "pledge-1702"

    /// Two parties, then the pledges on consecutive days (so their order is their number).
    static func history() -> String {
        let start = LedgerDate(year: 2000, month: 1, day: 1)!
        var events = [
            Event(id: "party-acme", date: start, body: .party(PartyRegistration(party: "acme", name: "Acme", kind: .company))),
            Event(id: "party-alpha", date: start, body: .party(PartyRegistration(party: "alpha", name: "Alpha", kind: .investor))),
        ]
        for number in 1...pledges {
            events.append(Event(id: "pledge-\(number)", date: start.adding(days: number)!,
                                body: .commitment(Commitment(company: "acme", investor: "alpha", amount: amount))))
        }
        return events.map { $0.canonicalText + "\n" }.joined()
    }

    /// Queries (and the snapshot rebuild, which folds the whole log in a write transaction) over that history.
    ///
    /// Bug guarded: the fold's out-of-range result ignored (`FoldWorker.apply` not recording it), which printed
    /// figures from a total silently left short; before this, `ExactDecimal.+` stopped the process with a trap.
    @Test(arguments: [["shares", "acme"], ["investments", "--company", "acme"], ["state"], ["snapshot", "rebuild"]])
    func aTotalBeyondTheRangeIsRefusedNamingTheEvent(_ command: [String]) throws {
        let cli = try LedgerCLI()
        let appended = try cli.run(["import", try cli.write("pledges.jsonl", Self.history()), "--db", cli.db])
        try #require(appended.status == 0, "import failed: \(appended.stderr)")

        let snapshotsBefore = try cli.run(["snapshot", "list", "--db", cli.db])
        try #require(snapshotsBefore.status == 0, "snapshot list failed: \(snapshotsBefore.stderr)")

        let run = try cli.run(command + ["--db", cli.db])
        #expect(run.signal == nil, "the CLI crashed: \(run)")
        #expect(run.status == 1, "expected exit 1: \(run)")
        #expect(run.stdout.isEmpty, "nothing may be shown: \(run.stdout.prefix(300))")
        let lines = run.stderrLines
        #expect(lines.count == 1, "expected one line on stderr: \(run.stderr)")
        let line = String(lines.first ?? "")
        #expect(line.hasPrefix("partnership-ledger: event \(Self.crossing): "), "the sentence must name the event: \(line)")
        #expect(line.contains("beyond ±1.7 × 10^18"), "the sentence must name the limit: \(line)")
        #expect(!run.stderr.contains("Fatal error"), "a trap, not a message: \(run.stderr)")
        #expect(try LedgerProcess.verifiedCount(cli.db) == Self.pledges + 2, "the ledger must be unchanged")
        let snapshots = try cli.run(["snapshot", "list", "--db", cli.db])
        #expect(snapshots.stdout == snapshotsBefore.stdout, "no snapshot may be written or removed: \(snapshots.stdout)")
    }
}
