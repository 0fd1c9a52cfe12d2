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

    /// Two batches from files; the second is interrupted by `interrupt` once its transaction is open.
    /// Afterwards: exactly the first batch, a valid chain, one plain sentence from the client; the re-run completes.
    func interruptedImport(_ db: String, scratch: ScratchFolder, interrupt: (ChildRun.RunningChild) throws -> Void,
                           expectedMessage: String?) throws {
        let all = try HistoryGenerator(count: 12_000, seed: 21).events()
        let first = try scratch.write("first.jsonl", all.prefix(3_000).map(\.canonicalText).joined(separator: "\n"))
        let second = try scratch.write("second.jsonl", all.dropFirst(3_000).map(\.canonicalText).joined(separator: "\n"))
        try #require(try LedgerProcess.run(["import", first, "--db", db, "--no-snapshots"]).status == 0)
        let child = try ChildRun.start([try LedgerProcess.binary(), "import", second, "--db", db, "--no-snapshots"])
        // Wait until the import's transaction holds the lock on the log (it has started storing).
        var locked = false
        for _ in 0..<600 {
            let holders = try PostgresServer.psql(db, """
                SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                WHERE c.relname = 'event' AND l.mode = 'ExclusiveLock' AND l.granted AND l.pid <> pg_backend_pid()
                """)
            if holders != "0" { locked = true; break }
            usleep(10_000)
        }
        try #require(locked, "the import never took the log's lock")
        try interrupt(child)
        let run = try child.wait()
        #expect(run.status != 0, "the interrupted import reported success: \(run)")
        if let expectedMessage {
            #expect(run.status == 1, "\(run)")
            #expect(run.stderrLines.count == 1, "expected one plain line: \(run.stderr)")
            #expect(run.stderr.contains(expectedMessage), "\(run.stderr)")
            #expect(!run.stderr.contains("Fatal error") && !run.stderr.contains("0x0000"), "\(run.stderr)")
        }
        // Wait for the server to end the interrupted session, then check what stayed.
        for _ in 0..<500 {
            let others = try PostgresServer.psql(db, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
            if others == "0" { break }
            usleep(10_000)
        }
        // Whole batches only: the first, or (when the interruption came just after the commit) both.
        let kept = try LedgerProcess.verifiedCount(db)
        #expect(kept == 3_000 || kept == 12_000, "not a whole number of batches: \(kept) events")
        print("PostgresFaultTests: an import of 9000 events onto 3000, interrupted inside its transaction: \(kept) events kept, exit \(run.status.map(String.init) ?? "by signal \(run.signal ?? 0)"), stderr: \(run.stderr.trimmingCharacters(in: .newlines))")
        let rerun = try LedgerProcess.run(["import", second, "--db", db, "--no-snapshots"])
        #expect(rerun.status == 0, "\(rerun)")
        #expect(try LedgerProcess.verifiedCount(db) == 12_000)
    }

    @Test func aKilledImportLeavesWholeBatchesAndTheRerunCompletes() throws {
        let scratch = try ScratchFolder("pg-kill")
        let db = try PostgresServer.freshDatabase()
        try interruptedImport(db, scratch: scratch, interrupt: { child in kill(child.pid, SIGKILL) }, expectedMessage: nil)
    }

    /// `pg_ctl restart -m fast` during an import, on a cluster of this test's own (restarting the shared one
    /// would break the tests running beside it).
    @Test func aServerRestartDuringAnImportIsOnePlainSentence() throws {
        let scratch = try ScratchFolder("pg-restart")
        let cluster = LedgerProcess.repositoryRoot.appendingPathComponent("Tools/pg-cluster").path
        let started = try ChildRun.spawn([cluster, "start", scratch.file("cluster")])
        try #require(started.status == 0, "could not start a cluster: \(started)")
        defer { _ = try? ChildRun.spawn([cluster, "stop", scratch.file("cluster")]) }
        let admin = started.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try PostgresServer.psql(admin, "CREATE DATABASE restart_test")
        let db = PostgresServer.url(admin, database: "restart_test")
        try interruptedImport(db, scratch: scratch, interrupt: { _ in
            let restart = try ChildRun.spawn([cluster, "restart", scratch.file("cluster")])
            try #require(restart.status == 0, "pg_ctl restart failed: \(restart)")
        }, expectedMessage: "nothing of an unfinished batch was stored")
    }
}
