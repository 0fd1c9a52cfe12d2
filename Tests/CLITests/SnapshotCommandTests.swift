import Foundation
import LedgerCore
import SyntheticHistory
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The `snapshot` commands and `--no-snapshots`, through the built binary.
@Suite struct SnapshotCommandTests {
    private func ledger(events: Int) throws -> LedgerCLI {
        let binary = try LedgerCLI()
        let history = try HistoryGenerator(count: events, seed: 3).events().map(\.canonicalText).joined(separator: "\n")
        let file = binary.folder.appendingPathComponent("history.jsonl")
        try history.write(to: file, atomically: true, encoding: .utf8)
        let imported = try binary.run(["import", "--db", binary.db, file.path])
        try #require(imported.status == 0, "\(imported.stderr)")
        return binary
    }

    @Test func rebuildListAndClear() throws {
        let binary = try ledger(events: 1_500)
        let rebuilt = try binary.run(["snapshot", "rebuild", "--db", binary.db, "--interval", "300"])
        #expect(rebuilt.status == 0)
        #expect(rebuilt.stdout.hasPrefix("built "), "\(rebuilt.stdout)")
        let listed = try binary.run(["snapshot", "list", "--db", binary.db])
        #expect(listed.status == 0)
        let rows = listed.stdout.split(separator: "\n").dropFirst(2)
        #expect(rows.count >= 4)
        #expect(rows.allSatisfy { $0.hasSuffix("usable") })
        let cleared = try binary.run(["snapshot", "clear", "--db", binary.db])
        #expect(cleared.status == 0 && cleared.stdout.contains("deleted \(rows.count) snapshots"))
        #expect(try binary.run(["snapshot", "list", "--db", binary.db]).stdout.hasPrefix("no snapshots"))
    }

    @Test(arguments: [["state", "--format", "json"], ["shares", "co-1", "--format", "json"], ["shares", "co-2"],
                      ["terms", "ps-0", "--format", "json"], ["revenue", "co-3", "--format", "json"], ["governance", "co-4"]])
    func answersAreTheSameWithAndWithoutSnapshots(query: [String]) throws {
        let binary = try ledger(events: 1_500)
        #expect(try binary.run(["snapshot", "rebuild", "--db", binary.db, "--interval", "200"]).status == 0)
        for date in ["1985-06-30", "2010-01-01", "2030-12-31"] {
            for knownAt in [[], ["--known-at", "900"]] {
                let arguments = query + ["--db", binary.db, "--as-of", date] + knownAt
                let fast = try binary.run(arguments)
                let slow = try binary.run(arguments + ["--no-snapshots"])
                #expect(fast.status == slow.status)
                #expect(fast.stdout == slow.stdout, "\(arguments)")
            }
        }
    }

    /// A ledger with snapshots that its user cannot write: file 0444 in a 0555 folder, read by `nobody`
    /// (permission bits do not bind root, so the queries run unprivileged through setpriv).
    @Test(.enabled(if: Unprivileged.available, Unprivileged.skipReason))
    func queriesWorkOnAReadOnlyFileWithSnapshots() throws {
        let binary = try ledger(events: 800)
        #expect(try binary.run(["snapshot", "rebuild", "--db", binary.db, "--interval", "100"]).status == 0)
        let query = ["shares", "co-1", "--db", binary.db, "--format", "json", "--as-of", "2020-01-01"]
        let before = try binary.run(query)
        try #require(before.status == 0, "\(before)")
        let wal = (try? FileManager.default.attributesOfItem(atPath: binary.db + "-wal")[.size] as? NSNumber)?.intValue ?? 0
        try #require(wal == 0, "every committed write should be merged into the file when the writer exits (WAL holds \(wal) bytes)")
        chmod(binary.db, 0o444)
        chmod(binary.folder.path, 0o555)
        defer { chmod(binary.folder.path, 0o755); chmod(binary.db, 0o644) }
        // The bits bind: a write as the same user is refused.
        let write = try LedgerProcess.run(["snapshot", "rebuild", "--db", binary.db, "--interval", "100"], in: binary.folder,
                                          asUnprivilegedUser: true)
        #expect(write.status == 1, "a snapshot rebuild on a read-only ledger must fail: \(write)")
        let after = try LedgerProcess.run(query, in: binary.folder, asUnprivilegedUser: true)
        #expect(after.status == 0, "\(after)")
        #expect(after.stdout == before.stdout)
        let listed = try LedgerProcess.run(["snapshot", "list", "--db", binary.db], in: binary.folder, asUnprivilegedUser: true)
        #expect(listed.status == 0, "\(listed)")
        #expect(listed.stdout.split(separator: "\n").dropFirst(2).allSatisfy { $0.hasSuffix("usable") }, "\(listed.stdout)")
    }
}
