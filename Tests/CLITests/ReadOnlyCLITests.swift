import Foundation
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Query commands never write: they work on a read-only ledger and leave its bytes as they were.
///
/// As root, permission bits do not bind, so three independent proofs are used:
/// the file's bytes and modification time are unchanged after every query;
/// the queries succeed as `nobody` on a 0444 file in a 0555 folder (setpriv);
/// and they succeed as root on a file and folder made immutable (chattr +i),
/// which even root cannot write.
@Suite(.serialized) struct ReadOnlyCLITests {
    static let queries: [[String]] = [
        ["log"], ["log", "--format", "json"], ["log", "--format", "csv"], ["log", "--party", "openai", "--from", "2023-01-01"],
        ["state"], ["state", "--format", "json"], ["state", "--as-of", "2023-06-01", "--known-at", "40"],
        ["shares", "openai"], ["shares", "anthropic", "--format", "json"], ["terms", "microsoft-openai"],
        ["terms", "microsoft-openai", "--format", "json", "--as-of", "2024-01-01"], ["governance", "openai"], ["revenue", "openai"],
        ["investments"], ["investments", "--company", "anthropic", "--format", "csv"],
        ["verify"], ["verify", "--deep"], ["export"], ["export", "--format", "csv"], ["export", "--with-chain"],
    ]

    struct Snapshot: Equatable {
        var bytes: Data
        var modified: Date
        init(_ path: String) throws {
            bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            modified = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date ?? .distantPast
        }
    }

    /// The bundled history in a folder of its own, WAL merged, then made read-only (file 0444, folder 0555).
    /// The folder's name has characters a `file:` URI must escape.
    static func readOnlyLedger() throws -> (ScratchFolder, String) {
        let folder = try ScratchFolder("read-only")
        let ledgerFolder = folder.file("arch ive?#%20&x=1")
        try FileManager.default.createDirectory(atPath: ledgerFolder, withIntermediateDirectories: true)
        let db = ledgerFolder + "/ledger.sqlite"
        let run = try LedgerProcess.run(["import", LedgerProcess.repositoryRoot.appendingPathComponent("Events").path, "--db", db])
        try #require(run.status == 0, "\(run)")
        try #require(!FileManager.default.fileExists(atPath: db + "-wal"), "the writer should merge and remove its WAL on exit")
        chmod(db, 0o444)
        chmod(ledgerFolder, 0o555)
        return (folder, db)
    }

    @Test func queriesLeaveTheLedgerFileByteForByteUnchanged() throws {
        let (folder, db) = try Self.readOnlyLedger()
        _ = folder
        let before = try Snapshot(db)
        Thread.sleep(forTimeInterval: 0.01) // a write would move the modification time
        for query in Self.queries {
            let run = try LedgerProcess.run(query + ["--db", db])
            #expect(run.status == 0, "\(query): \(run)")
            #expect(!run.stdout.isEmpty, "\(query) printed nothing")
        }
        #expect(try Snapshot(db) == before, "a query command changed the ledger file")
        let wal = (try? FileManager.default.attributesOfItem(atPath: db + "-wal")[.size] as? NSNumber)?.intValue ?? 0
        #expect(wal == 0, "a query command wrote \(wal) bytes to the write-ahead log")
    }

    @Test(.enabled(if: Unprivileged.available, Unprivileged.skipReason))
    func queriesWorkForAUserWhoCannotWriteTheFileOrItsFolder() throws {
        let (folder, db) = try Self.readOnlyLedger()
        _ = folder
        let before = try Snapshot(db)
        for query in Self.queries {
            let asRoot = try LedgerProcess.run(query + ["--db", db])
            let asNobody = try LedgerProcess.run(query + ["--db", db], asUnprivilegedUser: true)
            #expect(asNobody.status == 0, "\(query) as nobody: \(asNobody)")
            if !query.contains("state") || query.contains("--as-of") {
                #expect(asNobody.stdout == asRoot.stdout, "\(query): a read-only open must read the same log")
            }
        }
        #expect(try Snapshot(db) == before)
    }

    @Test(.enabled(if: Unprivileged.available, Unprivileged.skipReason))
    func writeCommandsOnAReadOnlyLedgerFailWithOnePlainLine() throws {
        let (folder, db) = try Self.readOnlyLedger()
        let event = try folder.write("e.json", #"{"type":"party","id":"x","date":"2020-01-01","party":"x","name":"X","kind":"company"}"#)
        let before = try Snapshot(db)
        for command in [["append", event], ["import", event], ["append", "party", "--party", "y", "--name", "Y", "--kind", "company", "--date", "2020-01-01"]] {
            let run = try LedgerProcess.run(command + ["--db", db], asUnprivilegedUser: true)
            #expect(run.status == 1 && run.stderrLines.count == 1, "\(command): \(run)")
            #expect(run.stderr.contains("read-only") || run.stderr.contains("cannot be opened"), "\(command): \(run.stderr)")
        }
        #expect(try Snapshot(db) == before)
    }

    /// chattr +i binds root too. Skipped, with the reason in the test log, where it cannot work here
    /// (not root, no chattr, or a temporary folder on a file system without immutable files).
    @Test(.enabled(if: Immutable.available, Immutable.skipReason))
    func queriesWorkOnAnImmutableLedger() throws {
        let (folder, db) = try Self.readOnlyLedger()
        let ledgerFolder = (db as NSString).deletingLastPathComponent
        defer { _ = try? ChildRun.spawn([Immutable.chattr, "-i", db, ledgerFolder]) }
        try #require(try ChildRun.spawn([Immutable.chattr, "+i", db, ledgerFolder]).status == 0)
        // The flag binds: even root cannot write the file or create a file beside it.
        #expect(FileHandle(forWritingAtPath: db) == nil, "the ledger file is still writable: chattr +i did not bind")
        #expect(!FileManager.default.createFile(atPath: ledgerFolder + "/probe", contents: Data()),
                "the ledger's folder is still writable: chattr +i did not bind")
        let before = try Snapshot(db)
        for query in Self.queries {
            let run = try LedgerProcess.run(query + ["--db", db])
            #expect(run.status == 0, "\(query) on an immutable ledger: \(run)")
        }
        #expect(try Snapshot(db) == before)
        _ = folder
    }
}

/// Immutable files (`chattr +i`), which bind root too.
enum Immutable {
    static let chattr = "/usr/bin/chattr"

    /// Whether a file in the temporary folder can be made immutable here: probed once, on a scratch file.
    static let available: Bool = {
        guard geteuid() == 0, FileManager.default.isExecutableFile(atPath: chattr), let folder = try? ScratchFolder("chattr-probe") else {
            return false
        }
        let probe = (try? folder.write("probe", "x")) ?? folder.file("probe")
        guard (try? ChildRun.spawn([chattr, "+i", probe]))?.status == 0 else { return false }
        _ = try? ChildRun.spawn([chattr, "-i", probe])
        return true
    }()

    static let skipReason: Comment = "chattr +i is unavailable here (needs root, /usr/bin/chattr and a temporary folder on a file system with immutable files such as ext4): the immutable-ledger check did not run"
}
