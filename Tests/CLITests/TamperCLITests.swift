import Foundation
import GRDB
import TestSupport
import Testing

/// Tampering seen through `partnership-ledger verify`: exit 2, one line naming the first bad seq.
///
/// The 200 random trials run at library level (LedgerStoreTests/TamperTests);
/// these check the same evidence end to end, on the bundled real history.
@Suite struct TamperCLITests {
    /// A ledger built from the bundled Events/ by the CLI itself, with its head.
    static func bundledLedger(_ folder: ScratchFolder) throws -> (db: String, count: Int, head: String) {
        let db = folder.file("bundled.sqlite")
        let events = LedgerProcess.repositoryRoot.appendingPathComponent("Events").path
        let run = try LedgerProcess.run(["import", events, "--db", db])
        try #require(run.status == 0, "import of the bundled history failed: \(run)")
        let count = try LedgerProcess.verifiedCount(db)
        try #require(count > 20)
        return (db, count, try LedgerProcess.verifiedHead(db))
    }

    static func copy(_ db: String, _ folder: ScratchFolder, _ name: String) throws -> String {
        let path = folder.file(name)
        try FileManager.default.copyItem(atPath: db, toPath: path)
        return path
    }

    static func expectBroken(_ run: ChildRun, atSeq seq: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.status == 2, "verify must exit 2: \(run)", sourceLocation: sourceLocation)
        #expect(run.stderrLines.count == 1, "one line: \(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stderr.hasPrefix("partnership-ledger: integrity broken at seq \(seq): "), "\(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stdout.isEmpty, sourceLocation: sourceLocation)
    }

    /// Eight seeded flips, one per text column and one of seq, through the CLI.
    @Test func byteFlipsMakeVerifyExitTwoNamingTheSeq() throws {
        let folder = try ScratchFolder("tamper-cli")
        let (db, count, _) = try Self.bundledLedger(folder)
        var state: UInt64 = 0xC0FFEE
        func random(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for (trial, column) in ["seq", "id", "type", "date", "status", "recordedAt", "payload", "prevHash", "hash"].enumerated() {
            let path = try Self.copy(db, folder, "flip-\(trial).sqlite")
            let seq = 1 + random(count)
            try Attacker.edit(path) { db in
                if column == "seq" {
                    try db.execute(sql: "UPDATE event SET seq = seq + 1000000 WHERE seq = ?", arguments: [seq])
                    return
                }
                var bytes = [UInt8](try Data.fetchOne(db, sql: "SELECT CAST(\(column) AS BLOB) FROM event WHERE seq = ?", arguments: [seq]) ?? Data())
                let index = random(bytes.count)
                bytes[index] ^= UInt8(1 + random(255))
                try db.execute(sql: "UPDATE event SET \(column) = CAST(? AS TEXT) WHERE seq = ?", arguments: [Data(bytes), seq])
            }
            Self.expectBroken(try LedgerProcess.run(["verify", "--db", path]), atSeq: seq)
        }
    }

    @Test func deletingTheLastEventIsCaughtOnlyWithTheEarlierHead() throws {
        let folder = try ScratchFolder("tamper-cli-truncate")
        let (db, count, head) = try Self.bundledLedger(folder)
        let path = try Self.copy(db, folder, "truncated.sqlite")
        try Attacker.edit(path) { db in try db.execute(sql: "DELETE FROM event WHERE seq = ?", arguments: [count]) }
        let plain = try LedgerProcess.run(["verify", "--db", path])
        #expect(plain.status == 0 && plain.stdout.contains("ok: \(count - 1) events"), "a clean cut passes plain verify: \(plain)")
        let withHead = try LedgerProcess.run(["verify", "--head", head, "--db", path])
        Self.expectBroken(withHead, atSeq: count)
        #expect(withHead.stderr.contains("not in the chain"))
        // On the untouched ledger the same head passes and says so.
        let good = try LedgerProcess.run(["verify", "--head", head, "--db", db])
        #expect(good.status == 0 && good.stdout.contains("earlier head \(head.prefix(16))… found in the chain"), "\(good)")
    }

    @Test func swappingTwoRowsIsCaughtAtTheLowerSeq() throws {
        let folder = try ScratchFolder("tamper-cli-swap")
        let (db, _, _) = try Self.bundledLedger(folder)
        let path = try Self.copy(db, folder, "swapped.sqlite")
        try Attacker.edit(path) { db in
            try db.execute(sql: "UPDATE event SET seq = -1 WHERE seq = 12")
            try db.execute(sql: "UPDATE event SET seq = 12 WHERE seq = 30")
            try db.execute(sql: "UPDATE event SET seq = 30 WHERE seq = -1")
        }
        Self.expectBroken(try LedgerProcess.run(["verify", "--db", path]), atSeq: 12)
    }

    /// An attacker who rebuilds the table without constraints can store NULL or other types:
    /// verify must still exit 2 at the right seq, and no command may crash.
    @Test(arguments: [
        ("hash", "NULL", 5), ("id", "NULL", 5), ("payload", "NULL", 5), ("recordedAt", "NULL", 5), ("prevHash", "NULL", 5),
        ("seq", "NULL", 5), ("payload", "x'00ff'", 5), ("hash", "42", 5), ("type", "NULL", 5), ("date", "NULL", 5), ("status", "NULL", 5),
    ])
    func columnsWithNullOrWrongTypesAreReportedNotCrashedOn(_ column: String, _ value: String, _ seq: Int) throws {
        let folder = try ScratchFolder("tamper-cli-null")
        let (db, _, _) = try Self.bundledLedger(folder)
        let path = try Self.copy(db, folder, "rebuilt.sqlite")
        try Attacker.edit(path) { db in
            try db.execute(sql: """
                CREATE TABLE loose AS SELECT * FROM event;
                DROP TABLE event;
                ALTER TABLE loose RENAME TO event;
                UPDATE event SET \(column) = \(value) WHERE seq = \(seq);
                """)
        }
        Self.expectBroken(try LedgerProcess.run(["verify", "--db", path]), atSeq: seq)
        for command in [["log"], ["log", "--format", "json"], ["export"], ["state"], ["shares", "openai"], ["terms", "microsoft-openai"], ["verify", "--deep"]] {
            let run = try LedgerProcess.run(command + ["--db", path])
            #expect(run.signal == nil, "\(command) crashed on a \(column) of \(value): \(run)")
            #expect(!run.stderr.contains("Fatal error"), "\(command): \(run.stderr)")
            if run.status != 0 { #expect(run.stderrLines.count == 1, "\(command): \(run.stderr)") }
        }
    }
}
