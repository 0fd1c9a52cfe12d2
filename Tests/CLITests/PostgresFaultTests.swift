import Foundation
import LedgerCore
import SyntheticHistory
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Many writers and broken imports on a PostgreSQL ledger: gap-free seqs in commit order, whole batches only.
@Suite(.enabled(if: PostgresServer.enabled, PostgresServer.skipReason))
struct PostgresFaultTests {
    static let writers = 8
    static let appendsPerWriter = 250

    /// Writer `w`'s appends, as (seq, index) in log order, from `log --format json`.
    static func appendsByWriter(_ db: String) throws -> (seqs: [Int], byWriter: [Int: [Int]]) {
        let entries = try RacingWriters.logEntries(db)
        var byWriter: [Int: [Int]] = [:]
        for entry in entries {
            if let mine = RacingWriters.writerAndAppend(of: entry.id) { byWriter[mine.writer, default: []].append(mine.append) }
        }
        return (entries.map(\.seq), byWriter)
    }

    /// 8 processes × 250 single-event appends each, started together: 2000 events, seqs 1…2000, chain intact,
    /// each writer's events in its own order, and the writers' appends interleaved (the race really happened).
    @Test func eightProcessesAppendGapFreeInCommitOrder() throws {
        let folder = try ScratchFolder("pg-concurrent")
        let db = try PostgresServer.freshDatabase()
        try #require(try LedgerProcess.run(["init", "--db", db]).status == 0)
        let race = try RacingWriters(writers: Self.writers, appendsPerWriter: Self.appendsPerWriter, db: db, folder: folder)
        let (runs, seconds) = try race.run()
        for (index, run) in runs.enumerated() {
            #expect(run.status == 0, "writer \(index + 1): \(run)")
            let log = (try? race.log(of: index + 1)) ?? ""
            #expect(!log.contains("failed") && !log.contains("error"), "writer \(index + 1) reported: \(log.prefix(500))")
            #expect(log.components(separatedBy: "appended 1 event").count - 1 == Self.appendsPerWriter, "writer \(index + 1) confirmed too few appends")
        }
        let total = Self.writers * Self.appendsPerWriter
        #expect(try LedgerProcess.verifiedCount(db) == total)
        let (seqs, byWriter) = try Self.appendsByWriter(db)
        #expect(seqs == Array(1...total), "seqs are not 1…\(total) without gaps")
        for writer in 1...Self.writers {
            #expect(byWriter[writer] == Array(1...Self.appendsPerWriter), "writer \(writer)'s events are not all there in its order")
        }
        // Interleaving: the log switches writer many times (a serial run would switch 7 times).
        let order = try LedgerProcess.run(["log", "--db", db]).stdout
        let writerOfLine = order.split(separator: "\n").compactMap { line in line.split(separator: " ").first { $0.hasPrefix("w") && $0.contains("-") }?.split(separator: "-").first }
        let switches = zip(writerOfLine, writerOfLine.dropFirst()).filter { $0 != $1 }.count
        #expect(switches > 100, "the writers barely interleaved (\(switches) switches)")
        print("PostgresFaultTests: \(total) appends by \(Self.writers) processes in \(String(format: "%.1f", seconds)) s (\(String(format: "%.0f", Double(total) / seconds)) appends/s), \(switches) writer switches")
    }

    /// Two batches from files (`firstCount` events, then the rest of `total`); the second is interrupted by
    /// `interrupt` while it is inside its write transaction, with rows already sent.
    ///
    /// To make sure of that, a blocker session holds table `blockAt` in ACCESS EXCLUSIVE mode before the second
    /// import starts, and the import waits for it at its first row there: `event_party` at the end of its first
    /// chunk of events; `amendment` at its first correction, which comes after every other event of the batch
    /// (the batch lists its corrections and retractions last), so every chunk before it has been stored. The
    /// interruption comes once the server shows the importer's backend holding the ExclusiveLock on `event`
    /// and waiting on `blockAt`; then the blocker goes away. Afterwards: exactly the first batch, a valid chain,
    /// one plain sentence from the client when `expectedMessage` is given; the re-run completes.
    func interruptedImport(_ db: String, scratch: ScratchFolder, total: Int, firstCount: Int, blockAt: String,
                           interrupt: (ChildRun.RunningChild) throws -> Void, expectedMessage: String?) throws {
        let all = try HistoryGenerator(count: total, seed: 21).events()
        let first = try scratch.write("first.jsonl", all.prefix(firstCount).map(\.canonicalText).joined(separator: "\n"))
        let rest = all.dropFirst(firstCount)
        let amendments = rest.filter { $0.type == .correction || $0.type == .retraction }
        try #require(amendments.count > 0 && amendments.count < rest.count / 4)
        let ordered = rest.filter { $0.type != .correction && $0.type != .retraction } + amendments
        let second = try scratch.write("second.jsonl", ordered.map(\.canonicalText).joined(separator: "\n"))
        try #require(try LedgerProcess.run(["import", first, "--db", db, "--no-snapshots"]).status == 0)
        let secondBytes = (try FileManager.default.attributesOfItem(atPath: second)[.size] as? Int) ?? 0

        let blocker = try ChildRun.start(["/usr/bin/psql", "-X", "-q", "-d", db, "-c",
                                          "BEGIN; LOCK TABLE \(blockAt) IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(600); COMMIT;"],
                                         environment: ["PGAPPNAME": "fault-blocker", "PGCONNECT_TIMEOUT": "10"])
        try #require(try waitFor(db, """
            SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
            WHERE c.relname = '\(blockAt)' AND l.mode = 'AccessExclusiveLock' AND l.granted
            """), "the blocker never locked \(blockAt)")
        let child = try ChildRun.start([try LedgerProcess.binary(), "import", second, "--db", db, "--no-snapshots"])
        // The importer's backend: holding the log's lock (inside its transaction) and waiting for the blocker.
        let inside = try waitFor(db, """
            SELECT count(*) FROM pg_locks h JOIN pg_class ch ON ch.oid = h.relation
            JOIN pg_locks w ON w.pid = h.pid JOIN pg_class cw ON cw.oid = w.relation
            WHERE ch.relname = 'event' AND h.mode = 'ExclusiveLock' AND h.granted AND cw.relname = '\(blockAt)' AND NOT w.granted
            """)
        try #require(inside, "the import never got inside its transaction")
        try interrupt(child)
        let run = try child.wait()
        _ = try? PostgresServer.psql(db, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'fault-blocker'")
        _ = try blocker.wait()
        #expect(run.status != 0, "the interrupted import reported success: \(run)")
        if let expectedMessage {
            #expect(run.status == 1, "\(run)")
            #expect(run.stderrLines.count == 1, "expected one plain line: \(run.stderr)")
            #expect(run.stderr.contains(expectedMessage), "\(run.stderr)")
            #expect(!run.stderr.contains("Fatal error") && !run.stderr.contains("0x0000"), "\(run.stderr)")
        }
        // Wait for the server to end the interrupted session, then check what stayed.
        _ = try waitFor(db, "SELECT count(*) = 0 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", yes: "t")
        // Whole batches only: the interrupted transaction never committed.
        let kept = try LedgerProcess.verifiedCount(db)
        #expect(kept == firstCount, "not the first batch alone: \(kept) events")
        let outcome = "an import of \(total - firstCount) events (\(secondBytes) bytes) onto \(firstCount), interrupted inside its transaction: "
            + "blocked at \(blockAt), \(kept) events kept, chain verified, exit \(run.status.map(String.init) ?? "by signal \(run.signal ?? 0)"), stderr: \(run.stderr.trimmingCharacters(in: .newlines))"
        print("PostgresFaultTests: \(outcome)")
        let rerun = try LedgerProcess.run(["import", second, "--db", db, "--no-snapshots"])
        #expect(rerun.status == 0, "\(rerun)")
        #expect(try LedgerProcess.verifiedCount(db) == total)
    }

    /// Polls `query` (one value) on `db` every 10 ms for up to 30 s; whether it answered something other than `no`
    /// (or exactly `yes`, when given).
    func waitFor(_ db: String, _ query: String, no: String = "0", yes: String? = nil) throws -> Bool {
        for _ in 0..<3_000 {
            let answer = try PostgresServer.psql(db, query)
            if yes.map({ answer == $0 }) ?? (answer != no) { return true }
            usleep(10_000)
        }
        return false
    }

    @Test func aKilledImportLeavesWholeBatchesAndTheRerunCompletes() throws {
        let scratch = try ScratchFolder("pg-kill")
        let db = try PostgresServer.freshDatabase()
        try interruptedImport(db, scratch: scratch, total: 12_000, firstCount: 3_000, blockAt: "amendment", interrupt: { child in try child.signalCommand(SIGKILL) },
                                  expectedMessage: nil)
    }

    /// `pg_ctl restart -m fast` during a streaming import (more than 8 MiB: read and stored at once), on a cluster
    /// of this test's own (restarting the shared one would break the tests running beside it).
    @Test func aServerRestartDuringAStreamingImportIsOnePlainSentence() throws {
        let scratch = try ScratchFolder("pg-restart")
        let cluster = LedgerProcess.repositoryRoot.appendingPathComponent("Tools/pg-cluster").path
        let started = try ChildRun.spawn([cluster, "start", scratch.file("cluster")])
        try #require(started.status == 0, "could not start a cluster: \(started)")
        defer { _ = try? ChildRun.spawn([cluster, "stop", scratch.file("cluster")]) }
        let admin = started.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try PostgresServer.psql(admin, "CREATE DATABASE restart_test")
        let db = PostgresServer.url(admin, database: "restart_test")
        try interruptedImport(db, scratch: scratch, total: 40_000, firstCount: 1_000, blockAt: "event_party", interrupt: { _ in
            let restart = try ChildRun.spawn([cluster, "restart", scratch.file("cluster")])
            try #require(restart.status == 0, "pg_ctl restart failed: \(restart)")
        }, expectedMessage: "nothing of an unfinished batch was stored")
        // The import streamed (LedgerImport.streamingThreshold is 8 MiB).
        let bytes = (try FileManager.default.attributesOfItem(atPath: scratch.file("second.jsonl"))[.size] as? Int) ?? 0
        #expect(bytes > 8 << 20, "the second batch is \(bytes) bytes: not a streaming import")
    }
}
