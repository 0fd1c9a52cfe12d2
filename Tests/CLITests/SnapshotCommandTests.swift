import Foundation
import LedgerCore
import SyntheticHistory
import Testing

/// The `snapshot` commands and `--no-snapshots`, through the built binary.
@Suite struct SnapshotCommandTests {
    /// Runs the built binary; its own tiny runner so the suite stands alone.
    private struct Binary {
        static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder: URL
        var db: String { folder.appendingPathComponent("ledger.sqlite").path }

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("snapshot-cli-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }

        func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
            let candidates = [".build/debug/partnership-ledger", ".build/release/partnership-ledger"].map { Self.root.appendingPathComponent($0).path }
            let binary = try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0) }, "build the binary first: swift build")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
            process.currentDirectoryURL = folder
            process.environment = ["PATH": "/usr/bin:/bin", "HOME": folder.path]
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let stdout = out.fileHandleForReading.readDataToEndOfFile(), stderr = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
        }
    }

    private func ledger(events: Int) throws -> Binary {
        let binary = try Binary()
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

    @Test func queriesWorkOnAReadOnlyFileWithSnapshots() throws {
        let binary = try ledger(events: 800)
        #expect(try binary.run(["snapshot", "rebuild", "--db", binary.db, "--interval", "100"]).status == 0)
        let before = try binary.run(["shares", "co-1", "--db", binary.db, "--format", "json", "--as-of", "2020-01-01"])
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: binary.db)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: binary.db) }
        let after = try binary.run(["shares", "co-1", "--db", binary.db, "--format", "json", "--as-of", "2020-01-01"])
        #expect(after.status == 0, "\(after.stderr)")
        #expect(after.stdout == before.stdout)
        #expect(try binary.run(["snapshot", "list", "--db", binary.db]).status == 0)
    }
}
