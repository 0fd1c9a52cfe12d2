import Foundation
import LedgerCore
import TestSupport
import Testing

/// Several `partnership-ledger` processes writing one ledger at once, and optimistic concurrency flags.
@Suite struct ConcurrencyCLITests {
    static let writers = 4
    static let appendsPerWriter = 40

    /// 4 processes × 40 appends each, racing from a ledger that does not exist yet, with a reader verifying meanwhile.
    ///
    /// Strength without the old 4 × 250: the writers start together (they wait for a start file), and
    /// the test asserts that their appends really interleaved in the log, so the race it checks happened.
    @Test func fourProcessesAppendingAtOnceInterleaveAndKeepTheChain() throws {
        let folder = try ScratchFolder("concurrent-cli")
        let db = folder.file("ledger.sqlite")
        let binary = try LedgerProcess.binary()
        let perWriter = Self.appendsPerWriter
        // A reader verifying in a loop meanwhile: it must never see a broken chain or a lock error. It starts
        // once a writer has confirmed an append (before that the file may exist without its tables: a verify
        // in that instant reports "not a partnership ledger", which is not what this test is about).
        let reader = try ChildRun.start(["/bin/sh", "-c", """
            n=0
            until cat "$DIR"/writer-*.log 2>/dev/null | grep -q "appended 1 event" || [ -e "$STOP" ]; do sleep 0.01; done
            while [ ! -e "$STOP" ]; do
              "$BIN" verify --db "$DB" >>"$LOG" 2>&1 || echo "verify failed with exit $?" >>"$LOG"; n=$((n + 1))
            done
            echo "reads: $n" >>"$LOG"
            """], environment: ["BIN": binary, "DB": db, "DIR": folder.path, "STOP": folder.file("stop"), "LOG": folder.file("reader.log")])
        let race = try RacingWriters(writers: Self.writers, appendsPerWriter: perWriter, db: db, folder: folder)
        let (runs, seconds) = try race.run()
        #expect(FileManager.default.createFile(atPath: folder.file("stop"), contents: nil))
        _ = try reader.wait()
        let reads = try String(contentsOfFile: folder.file("reader.log"), encoding: .utf8).split(separator: "\n")
        let badReads = reads.filter { !$0.hasPrefix("ok: ") && !$0.hasPrefix("reads: ") }
        #expect(badReads.isEmpty, "a concurrent verify saw: \(badReads.prefix(5))")
        #expect(reads.filter { $0.hasPrefix("ok: ") }.count > 0, "the reader should have verified at least once")
        for (index, run) in runs.enumerated() { #expect(run.status == 0, "writer \(index + 1): \(run)") }
        for writer in 1...Self.writers {
            let log = try race.log(of: writer)
            let lines = log.split(separator: "\n")
            let refused = lines.filter { !$0.hasPrefix("partnership-ledger: appended 1 event;") }
            #expect(refused.isEmpty, "writer \(writer) saw: \(refused.prefix(5))")
            #expect(!log.contains("locked") && !log.contains("busy"), "a writer saw a lock error")
            #expect(lines.count == perWriter, "writer \(writer): \(lines.count) confirmations")
        }
        let total = Self.writers * perWriter
        let entries = try RacingWriters.logEntries(db)
        #expect(entries.map(\.seq) == Array(1...total), "exactly \(total) events, no duplicate or missing seq")
        #expect(Set(entries.map(\.id)).count == total)
        for writer in 1...Self.writers {
            let mine = entries.filter { $0.id.hasPrefix("w\(writer)-") }
            #expect(mine.count == perWriter, "writer \(writer) has \(mine.count) events")
            #expect(mine.map(\.id) == (1...perWriter).map { "w\(writer)-\($0)" }, "writer \(writer)'s events appear in the order it appended them")
        }
        // The writers raced: in log order the writer changes more often than the 3 times that
        // four writers taking turns one after the other would give.
        let owners = entries.map { $0.id.split(separator: "-").first.map(String.init) ?? "" }
        let switches = zip(owners, owners.dropFirst()).filter { $0 != $1 }.count
        #expect(switches > Self.writers - 1, "the writers did not interleave (\(switches) switches): the race was not exercised")
        #expect(try LedgerProcess.verifiedCount(db) == total)
        let deep = try LedgerProcess.run(["verify", "--deep", "--db", db])
        #expect(deep.status == 0, "\(deep)")
        print("concurrency (CLI): \(Self.writers) processes × \(perWriter) appends → \(entries.count) events, \(switches) writer switches, chain intact, \(String(format: "%.1f", seconds)) s; \(reads.count - 1) concurrent verify runs all passed")
    }

    /// A writer whose view is stale is refused with one plain line, exit 1, nothing written.
    @Test func staleExpectationsAreRefused() throws {
        let (folder, db) = try HostileInputTests.seededLedger()
        let event = try folder.write("e.json", #"{"type":"party","id":"late","date":"2020-01-01","party":"late","name":"Late","kind":"company"}"#)
        let head = try LedgerProcess.verifiedHead(db)
        try #require(head.count == 64)
        let staleHead = String(repeating: "0", count: 64)
        let refusals: [([String], String)] = [
            (["append", event, "--expect-seq", "3"], "expected the last event to be seq 3 but it is seq 4"),
            (["append", event, "--expect-seq", "0"], "expected the last event to be seq 0 but it is seq 4"),
            (["append", event, "--expect-head", staleHead], "the head is seq 4 with hash \(head.prefix(12))"),
            (["append", "party", "--party", "late", "--name", "L", "--kind", "company", "--date", "2020-01-01", "--expect-seq", "1"], "the log moved"),
            (["import", event, "--expect-head", staleHead], "the log moved"),
        ]
        for (arguments, fragment) in refusals {
            let run = try LedgerProcess.run(arguments + ["--db", db])
            #expect(run.status == 1, "\(arguments): \(run)")
            #expect(run.stderrLines.count == 1, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("the log moved") && run.stderr.contains(fragment) && run.stderr.contains("nothing was appended"),
                    "\(arguments): \(run.stderr)")
            #expect(run.stdout.isEmpty)
            #expect(try LedgerProcess.verifiedCount(db) == 4)
        }
        let current = try LedgerProcess.run(["append", event, "--expect-head", head.uppercased(), "--db", db])
        #expect(current.status == 0 && current.stdout == "5\tlate\n", "\(current)")
        let next = try folder.write("f.json", #"{"type":"party","id":"later","date":"2020-01-01","party":"later","name":"Later","kind":"company"}"#)
        #expect(try LedgerProcess.run(["append", next, "--expect-seq", "5", "--db", db]).status == 0)
        #expect(try LedgerProcess.verifiedCount(db) == 6)
    }

    /// Six processes all expecting seq 4: the check and the write are one transaction, so one wins.
    @Test func racingProcessesWithTheSameExpectationHaveOneWinner() throws {
        let (folder, db) = try HostileInputTests.seededLedger()
        for round in 0..<3 {
            let expected = 4 + round
            let children = try (0..<6).map { index in
                let file = try folder.write("r\(round)-\(index).json",
                    #"{"type":"party","id":"r\#(round)-\#(index)","date":"2020-01-01","party":"r\#(round)-\#(index)","name":"R","kind":"company"}"#)
                return try ChildRun.start([try LedgerProcess.binary(), "append", file, "--expect-seq", String(expected), "--db", db])
            }
            let runs = try children.map { try $0.wait() }
            let winners = runs.filter { $0.status == 0 }
            let losers = runs.filter { $0.status == 1 && $0.stderr.contains("the log moved") && $0.stderrLines.count == 1 }
            #expect(winners.count == 1 && losers.count == 5, "round \(round): \(runs)")
            #expect(try LedgerProcess.verifiedCount(db) == expected + 1)
        }
    }
}
