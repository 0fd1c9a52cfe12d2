import Foundation
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The hostile input corpus: every bad input is refused with one plain line, exit 1, nothing written.
///
/// Static cases live in `Fixtures/hostile/NN-name.json`, each with
/// `NN-name.expected` holding a fragment the error must contain. Cases that
/// cannot be committed as files (a 100 MB file, directories, link loops,
/// unreadable files, endless streams) are built at test time below.
@Suite struct HostileInputTests {
    static let folder = LedgerProcess.repositoryRoot.appendingPathComponent("Tests/CLITests/Fixtures/hostile")

    /// The names of the static cases, `NN-name`, sorted.
    static let staticCases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }()

    /// Four events every case runs against: two parties, a partnership, a valuation.
    static let seed = """
        {"type":"party","id":"party-openai","date":"2015-12-11","party":"openai","name":"OpenAI","kind":"company"}
        {"type":"party","id":"party-microsoft","date":"1975-04-04","party":"microsoft","name":"Microsoft","kind":"company"}
        {"type":"partnership","id":"partnership-microsoft-openai","date":"2019-07-22","partnership":"microsoft-openai","parties":["microsoft","openai"],"terms":{}}
        {"type":"valuation","id":"existing-valuation","date":"2023-01-10","company":"openai","value":{"amount":"29000000000","currency":"USD"},"basis":"reported"}
        """

    /// A fresh seeded ledger in its own folder (a SQLite file there, or a new PostgreSQL database).
    static func seededLedger(_ backend: LedgerBackend = .sqlite) throws -> (ScratchFolder, String) {
        let folder = try ScratchFolder("hostile")
        let db = try backend.freshLocation(in: folder)
        let seedFile = try folder.write("seed.jsonl", seed)
        let run = try LedgerProcess.run(["append", seedFile, "--db", db])
        try #require(run.status == 0, "seeding the ledger failed: \(run)")
        return (folder, db)
    }

    /// The checks every rejection must pass.
    static func expectRejected(_ run: ChildRun, containing fragment: String, db: String, maxRSSKiB: Int = 128 << 10,
                               sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(run.signal == nil, "the CLI crashed: \(run)", sourceLocation: sourceLocation)
        #expect(run.status == 1, "expected exit 1: \(run)", sourceLocation: sourceLocation)
        #expect(run.stdout.isEmpty, "nothing may be reported as appended: \(run)", sourceLocation: sourceLocation)
        let lines = run.stderrLines
        #expect(lines.count == 1, "expected exactly one line on stderr, got \(lines.count): \(run.stderr)", sourceLocation: sourceLocation)
        let line = String(lines.first ?? "")
        #expect(line.hasPrefix("partnership-ledger: "), "not a plain message: \(line)", sourceLocation: sourceLocation)
        #expect(line.contains(fragment), "expected \"\(fragment)\" in: \(line)", sourceLocation: sourceLocation)
        for noise in ["Fatal error", "Swift/", "0x0000", "Stack dump", "LedgerError(", "DatabaseError"] {
            #expect(!run.stderr.contains(noise), "debug output leaked: \(line)", sourceLocation: sourceLocation)
        }
        #expect(line.unicodeScalars.allSatisfy { $0.properties.generalCategory != .control }, "control characters in: \(line)",
                sourceLocation: sourceLocation)
        #expect(run.maxRSSKiB <= maxRSSKiB, "used \(run.maxRSSKiB >> 10) MiB of memory (bound \(maxRSSKiB >> 10) MiB)", sourceLocation: sourceLocation)
        #expect(try LedgerProcess.verifiedCount(db) == 4, "the ledger must still hold exactly the 4 seed events", sourceLocation: sourceLocation)
    }

    @Test func corpusHasAtLeastFiftyCasesEachWithItsExpectation() throws {
        #expect(Self.staticCases.count >= 50, "only \(Self.staticCases.count) static hostile cases")
        for name in Self.staticCases {
            let expected = Self.folder.appendingPathComponent(name + ".expected").path
            #expect(FileManager.default.fileExists(atPath: expected), "\(name).json has no \(name).expected")
        }
        let numbers = Self.staticCases.map { $0.prefix(2) }
        #expect(Set(numbers).count == numbers.count, "two cases share a number")
    }

    @Test(arguments: LedgerBackend.available, staticCases)
    func staticCaseIsRejected(_ backend: LedgerBackend, _ name: String) throws {
        let input = Self.folder.appendingPathComponent(name + ".json").path
        let fragment = try String(contentsOfFile: Self.folder.appendingPathComponent(name + ".expected").path, encoding: .utf8)
            .trimmingCharacters(in: .newlines)
        try #require(!fragment.isEmpty, "\(name).expected is empty")
        let (folder, db) = try Self.seededLedger(backend)
        _ = folder
        try Self.expectRejected(try LedgerProcess.run(["append", input, "--db", db]), containing: fragment, db: db)
    }

    @Test func staticCasesAreAlsoRefusedFromStandardInput() throws {
        // The same bytes through `append -`: a sample of the corpus, including invalid UTF-8 and NUL bytes.
        let (folder, db) = try Self.seededLedger()
        _ = folder
        let wanted = ["invalid-utf8", "nul-byte", "duplicate-key-via-escape", "nesting-100k", "id-sql-injection"]
        let sample = Self.staticCases.filter { name in wanted.contains(where: name.contains) }
        for fragment in wanted {
            #expect(sample.contains { $0.contains(fragment) }, "no static case named *\(fragment)*: the sample lost a case")
        }
        try #require(sample.count >= wanted.count)
        for name in sample {
            let input = Self.folder.appendingPathComponent(name + ".json").path
            let fragment = try String(contentsOfFile: Self.folder.appendingPathComponent(name + ".expected").path, encoding: .utf8)
                .trimmingCharacters(in: .newlines)
            let run = try LedgerProcess.run(["append", "-", "--db", db], stdin: input)
            try Self.expectRejected(run, containing: fragment, db: db)
            #expect(run.stderr.contains("standard input"), "the error should name standard input: \(run.stderr)")
        }
    }

    // MARK: - Cases built at test time

    /// Peak memory of the binary doing almost nothing on this machine (verify of the seeded ledger), in KiB.
    ///
    /// Memory bounds are this baseline plus a margin, so they follow the machine and the build
    /// (debug or release, allocator, page size) instead of a fixed figure.
    static func baselineRSSKiB(_ db: String) throws -> Int {
        let run = try LedgerProcess.run(["verify", "--db", db])
        try #require(run.status == 0, "\(run)")
        return run.maxRSSKiB
    }

    /// `megabytes` MB of copies of one party event (padded with a 2 KB note) as JSON Lines; returns the path and the copies.
    static func paddedFile(_ folder: ScratchFolder, megabytes: Int) throws -> (path: String, copies: Int) {
        let path = folder.file("\(megabytes)mb.jsonl")
        let note = String(repeating: "padding ", count: 256)
        let line = Array("{\"type\":\"party\",\"id\":\"p\",\"date\":\"2020-01-01\",\"party\":\"p\",\"name\":\"P\",\"kind\":\"company\",\"note\":\"\(note)\"}\n".utf8)
        var chunk: [UInt8] = []
        while chunk.count < 1 << 20 { chunk += line }
        try #require(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        for _ in 0..<megabytes { handle.write(Data(chunk)) }
        try handle.close()
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber).intValue
        try #require(size >= megabytes * 1_000_000)
        return (path, size / line.count)
    }

    /// A 100 MB file is refused from its size, without reading it into memory; `import` streams it.
    ///
    /// The file holds about 48,000 copies of one event padded with a 2 KB note (not 1.2 million bare
    /// lines): the same 100 MB through the same paths, at a fraction of the parse time. Memory bounds
    /// follow the machine: a baseline run of the same binary, and a 25 MB import of the same lines.
    @Test func hundredMegabyteFile() throws {
        let (folder, db) = try Self.seededLedger()
        let (path, copies) = try Self.paddedFile(folder, megabytes: 100)
        let baseline = try Self.baselineRSSKiB(db)
        // Refused from its size: well under the file's 100 MB above the baseline proves it was not read.
        try Self.expectRejected(try LedgerProcess.run(["append", path, "--db", db]), containing: "is larger than 64 MiB", db: db,
                                maxRSSKiB: baseline + (32 << 10))
        // The same 100 MB on standard input must be read to be measured, but only up to the 64 MiB limit.
        try Self.expectRejected(try LedgerProcess.run(["append", "-", "--db", db], stdin: path),
                                containing: "standard input: is larger than 64 MiB", db: db, maxRSSKiB: baseline + (128 << 10))
        // import streams its files (a million-event history is larger than 64 MiB), so it takes the
        // file: one new event, the other identical copies skipped. Streaming means its memory does not
        // grow with the file: four times the bytes of a 25 MB import cost at most 32 MiB more.
        let (quarter, _) = try Self.paddedFile(folder, megabytes: 25)
        let small = try LedgerProcess.run(["import", quarter, "--db", db])
        #expect(small.status == 0 && small.stdout == "5\tp\n", "\(small)")
        let imported = try LedgerProcess.run(["import", path, "--db", db])
        #expect(imported.status == 0, "\(imported)")
        #expect(imported.stdout.isEmpty, "the event was already imported from the 25 MB file: \(imported)")
        #expect(imported.stderr.contains("imported 0 events, skipped \(copies) already stored"), "\(imported.stderr)")
        #expect(imported.maxRSSKiB <= small.maxRSSKiB + (32 << 10),
                "100 MB took \(imported.maxRSSKiB >> 10) MiB, 25 MB took \(small.maxRSSKiB >> 10) MiB: memory grows with the file")
        #expect(try LedgerProcess.verifiedCount(db) == 5)
    }

    /// An endless stream (/dev/zero) is cut at the limit, in bounded memory.
    @Test func endlessStream() throws {
        let (folder, db) = try Self.seededLedger()
        _ = folder
        try Self.expectRejected(try LedgerProcess.run(["append", "/dev/zero", "--db", db]), containing: "is larger than 64 MiB", db: db,
                                maxRSSKiB: 192 << 10)
    }

    @Test func pathIsADirectory() throws {
        let (folder, db) = try Self.seededLedger()
        let directory = folder.file("events.json")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Self.expectRejected(try LedgerProcess.run(["append", directory, "--db", db]), containing: "is a folder", db: db)
    }

    @Test func symbolicLinkLoop() throws {
        let (folder, db) = try Self.seededLedger()
        try FileManager.default.createSymbolicLink(atPath: folder.file("a.json"), withDestinationPath: folder.file("b.json"))
        try FileManager.default.createSymbolicLink(atPath: folder.file("b.json"), withDestinationPath: folder.file("a.json"))
        try Self.expectRejected(try LedgerProcess.run(["append", folder.file("a.json"), "--db", db]), containing: "loop of symbolic links", db: db)
        try Self.expectRejected(try LedgerProcess.run(["import", folder.file("a.json"), "--db", db]), containing: "loop of symbolic links", db: db)
    }

    @Test func danglingSymbolicLink() throws {
        let (folder, db) = try Self.seededLedger()
        try FileManager.default.createSymbolicLink(atPath: folder.file("gone.json"), withDestinationPath: folder.file("missing.json"))
        try Self.expectRejected(try LedgerProcess.run(["append", folder.file("gone.json"), "--db", db]),
                                containing: "symbolic link to a file that does not exist", db: db)
    }

    @Test func missingFileWithShellMetacharactersInItsName() throws {
        let (folder, db) = try Self.seededLedger()
        let name = folder.file("$(touch pwned); `touch pwned2` | rm -rf x.json")
        try Self.expectRejected(try LedgerProcess.run(["append", name, "--db", db]), containing: "no such file", db: db)
        #expect(!FileManager.default.fileExists(atPath: folder.file("pwned")))
        #expect(!FileManager.default.fileExists(atPath: "pwned"))
    }

    /// Permission bits do not bind root, so the CLI runs as `nobody` (setpriv) when the tests run as root.
    @Test(.enabled(if: Unprivileged.available, Unprivileged.skipReason))
    func unreadableFile() throws {
        let (folder, db) = try Self.seededLedger()
        let path = try folder.write("secret.json", "{\"type\": \"party\"}")
        chmod(path, 0o000)
        let run = try LedgerProcess.run(["append", path, "--db", db], asUnprivilegedUser: true)
        try Self.expectRejected(run, containing: "cannot be read (check its permissions)", db: db)
    }

    @Test(.enabled(if: Unprivileged.available, Unprivileged.skipReason))
    func fileInAFolderThatCannotBeEntered() throws {
        let (folder, db) = try Self.seededLedger()
        try FileManager.default.createDirectory(atPath: folder.file("private"), withIntermediateDirectories: true)
        let path = try folder.write("private/events.json", "{\"type\": \"party\"}")
        chmod(folder.file("private"), 0o000)
        let run = try LedgerProcess.run(["append", path, "--db", db], asUnprivilegedUser: true)
        try Self.expectRejected(run, containing: "permission denied on a folder in its path", db: db)
    }

    @Test func emptyStandardInput() throws {
        let (folder, db) = try Self.seededLedger()
        _ = folder
        try Self.expectRejected(try LedgerProcess.run(["append", "-", "--db", db]), containing: "standard input: invalid JSON at line 1, column 1: the input is empty", db: db)
    }

    @Test func ledgerPathIsADirectoryOrNotALedger() throws {
        let folder = try ScratchFolder("hostile-db")
        let event = try folder.write("e.json", "{\"type\":\"party\",\"date\":\"2020-01-01\",\"party\":\"x\",\"name\":\"X\",\"kind\":\"company\"}")
        let directory = folder.file("ledger.sqlite")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for command in [["append", event], ["verify"], ["log"]] {
            let run = try LedgerProcess.run(command + ["--db", directory])
            #expect(run.status == 1 && run.stderrLines.count == 1 && run.stderr.contains("is a folder, not a ledger file"), "\(command): \(run)")
        }
        let garbage = try folder.write("garbage.sqlite", String(repeating: "not a database ", count: 500))
        let before = try Data(contentsOf: URL(fileURLWithPath: garbage))
        for command in [["append", event], ["verify"], ["state"]] {
            let run = try LedgerProcess.run(command + ["--db", garbage])
            #expect(run.status == 1 && run.stderrLines.count == 1 && run.stderr.contains("not a SQLite database"), "\(command): \(run)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: garbage)) == before, "a file that is not a ledger must be left untouched")
    }
}
