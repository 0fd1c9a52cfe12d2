import Foundation
import LedgerCore
import LedgerStore
import SyntheticHistory
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `copy --from A --to B` between any two stores: the same seqs, times and hashes; prefixes resume, anything else is refused.
@Suite struct CopyCLITests {
    /// Every (source, target) pair of the backends that run here.
    static var pairs: [(LedgerBackend, LedgerBackend)] {
        LedgerBackend.available.flatMap { from in LedgerBackend.available.map { (from, $0) } }
    }

    func historyFile(_ scratch: ScratchFolder, count: Int, seed: UInt64, name: String) throws -> String {
        let text = try HistoryGenerator(count: count, seed: seed).events().map(\.canonicalText).joined(separator: "\n")
        return try scratch.write(name, text)
    }

    func exported(_ db: String) throws -> String {
        let run = try LedgerProcess.run(["log", "--db", db, "--format", "json"])
        try #require(run.status == 0, "\(run)")
        return run.stdout
    }

    @Test(arguments: pairs)
    func aCopyKeepsEverySeqTimeAndHashAndResumesFromAPrefix(_ from: LedgerBackend, _ to: LedgerBackend) throws {
        let scratch = try ScratchFolder("copy")
        let source = try from.freshLocation(in: scratch)
        let target = to == .sqlite ? scratch.file("copy.sqlite") : try PostgresServer.freshDatabase()
        let events = LedgerProcess.repositoryRoot.appendingPathComponent("Events").path
        try #require(try LedgerProcess.run(["import", events, "--db", source]).status == 0)
        let bundled = try LedgerProcess.verifiedCount(source)

        let first = try LedgerProcess.run(["copy", "--from", source, "--to", target])
        #expect(first.status == 0, "\(first)")
        #expect(first.stdout.hasPrefix("copied \(bundled) events to "), "\(first.stdout)")
        #expect(try LedgerProcess.verifiedHead(target) == LedgerProcess.verifiedHead(source))

        // The source grows; copying again sends only the new events (the target is a prefix).
        let more = try historyFile(scratch, count: 2_500, seed: 5, name: "more.jsonl")
        try #require(try LedgerProcess.run(["import", more, "--db", source, "--no-snapshots"]).status == 0)
        let second = try LedgerProcess.run(["copy", "--from", source, "--to", target])
        #expect(second.status == 0, "\(second)")
        #expect(second.stdout.contains("after the \(bundled) already there"), "\(second.stdout)")
        #expect(try LedgerProcess.verifiedHead(target) == LedgerProcess.verifiedHead(source))
        #expect(try exported(target) == exported(source), "the copy's rows (seq, recordedAt, hashes) differ")

        let again = try LedgerProcess.run(["copy", "--from", source, "--to", target])
        #expect(again.stdout.hasPrefix("nothing to copy"), "\(again)")
    }

    @Test(arguments: pairs)
    func aTargetThatIsNotAPrefixIsRefusedUntouched(_ from: LedgerBackend, _ to: LedgerBackend) throws {
        let scratch = try ScratchFolder("copy")
        let source = try from.freshLocation(in: scratch)
        let target = to == .sqlite ? scratch.file("other.sqlite") : try PostgresServer.freshDatabase()
        let events = LedgerProcess.repositoryRoot.appendingPathComponent("Events").path
        try #require(try LedgerProcess.run(["import", events, "--db", source]).status == 0)
        // The same events imported separately: same content, other recorded times, so other hashes.
        try #require(try LedgerProcess.run(["import", events, "--db", target]).status == 0)
        let before = try LedgerProcess.verifiedHead(target)
        let run = try LedgerProcess.run(["copy", "--from", source, "--to", target])
        #expect(run.status == 1, "\(run)")
        #expect(run.stderrLines.count == 1, "\(run.stderr)")
        #expect(run.stderr.contains("not the start of the source's log"), "\(run.stderr)")
        #expect(try LedgerProcess.verifiedHead(target) == before)
    }

    /// A copy killed with SIGKILL mid-way leaves whole chunks; running it again completes it.
    @Test(.enabled(if: PostgresServer.enabled, PostgresServer.skipReason))
    func aKilledCopyResumes() throws {
        let scratch = try ScratchFolder("copy")
        let source = scratch.file("big.sqlite")
        let history = try historyFile(scratch, count: 12_000, seed: 9, name: "big.jsonl")
        try #require(try LedgerProcess.run(["import", history, "--db", source, "--no-snapshots"]).status == 0)
        let target = try PostgresServer.freshDatabase()
        try #require(try LedgerProcess.run(["init", "--db", target]).status == 0)
        let child = try ChildRun.start([try LedgerProcess.binary(), "copy", "--from", source, "--to", target])
        // Kill once at least one chunk is in and the copy is not done.
        var landed: Int?
        for _ in 0..<2_000 {
            let count = Int(try PostgresServer.psql(target, "SELECT count(*) FROM event")) ?? 0
            if count >= EventStore.copyChunk, count < 12_000 { try child.signalCommand(SIGKILL); landed = count; break }
            if count >= 12_000 { break }
            usleep(10_000)
        }
        _ = try child.wait()
        // The server ends the killed client's session (rolling back its open chunk) once it notices; wait for that.
        for _ in 0..<500 {
            let others = try PostgresServer.psql(target, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
            if others == "0" { break }
            usleep(10_000)
        }
        let killedAt = try #require(landed, "the copy finished before it could be killed; the test needs a larger source")
        let kept = Int(try PostgresServer.psql(target, "SELECT count(*) FROM event")) ?? -1
        #expect(kept % EventStore.copyChunk == 0, "a partial chunk was kept: \(kept)")
        #expect(kept >= killedAt)
        let resumed = try LedgerProcess.run(["copy", "--from", source, "--to", target])
        #expect(resumed.status == 0, "\(resumed)")
        #expect(resumed.stdout.contains("after the \(kept) already there"), "\(resumed.stdout)")
        #expect(try LedgerProcess.verifiedHead(target) == LedgerProcess.verifiedHead(source))
    }
}
