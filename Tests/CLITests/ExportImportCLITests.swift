import Foundation
import TestSupport
import Testing

/// `export` then `import` into a fresh ledger gives the identical log, through the real binary.
@Suite struct ExportImportCLITests {
    /// A history written by hand in awkward shapes: no ids, Unicode, escapes, pretty-printed and JSON Lines.
    static let awkward = """
        {"type": "party", "date": "2020-02-29", "party": "zurich-re", "name": "Zürich \\"Re\\" — 保険 🦄", "kind": "company", "note": "line\\nbreak\\ttab \\u0001"}
        {"type": "party", "id": "p2", "date": "1800-01-01", "party": "old", "name": "Old Co", "kind": "fund", "sources": ["a", "b"]}
        {"type": "partnership", "id": "pn", "date": "2199-12-31", "partnership": "pn", "parties": ["zurich-re", "old"], "terms": {"rate": 1.50, "deep": {"a": [1, 2, {"b": null}]}, "big": 123456789012345678901234567890}}
        {"type": "valuation", "id": "v1", "date": "2021-01-01", "company": "old", "value": {"amount": "000123.45000", "currency": "EUR"}, "basis": "reported", "status": "estimate", "announced": "2021-02-01"}
        {"type": "recapitalization", "id": "r1", "date": "2021-06-01", "company": "old", "stakes": [{"holder": "zurich-re", "stake": "0.250"}, {"holder": "old", "stake": "0"}]}
        {"type": "correction", "id": "c1", "date": "2021-07-01", "corrects": "v1", "replacement": {"type": "valuation", "date": "2021-01-01", "company": "old", "value": {"amount": "99", "currency": "EUR"}, "basis": "secondary"}, "reason": "typo"}
        {"type": "retraction", "id": "x1", "date": "2021-08-01", "retracts": "c1", "reason": "the correction was wrong"}
        """

    @Test(arguments: ["bundled", "awkward"])
    func exportThenImportGivesTheIdenticalLog(_ which: String) throws {
        let folder = try ScratchFolder("roundtrip-cli")
        let source = folder.file("source.sqlite"), target = folder.file("target.sqlite")
        let input = which == "bundled" ? LedgerProcess.repositoryRoot.appendingPathComponent("Events").path : try folder.write("awkward.jsonl", Self.awkward)
        let imported = try LedgerProcess.run(["import", input, "--db", source])
        try #require(imported.status == 0, "\(imported)")
        let exported = try LedgerProcess.run(["export", "--db", source])
        try #require(exported.status == 0)
        let exportFile = try folder.write("export.jsonl", exported.stdoutBytes)
        let reimported = try LedgerProcess.run(["import", exportFile, "--db", target])
        #expect(reimported.status == 0, "\(reimported)")
        let second = try LedgerProcess.run(["export", "--db", target])
        #expect(second.stdout == exported.stdout, "the re-imported log differs")
        #expect(try LedgerProcess.verifiedCount(target) == (try LedgerProcess.verifiedCount(source)))
        // CSV and the ids, types and dates in log order agree too.
        let csvA = try LedgerProcess.run(["log", "--format", "csv", "--db", source]).stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).prefix(6) }
        let csvB = try LedgerProcess.run(["log", "--format", "csv", "--db", target]).stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).prefix(6) }
        #expect(csvA == csvB)
        // Importing the export again is a no-op: every event is skipped as already stored.
        let idempotent = try LedgerProcess.run(["import", exportFile, "--db", target])
        #expect(idempotent.status == 0 && idempotent.stdout.isEmpty && idempotent.stderr.contains("imported 0 events"), "\(idempotent)")
    }
}

/// A ledger written by the released v3 schema (the store's fixture, made by main's binary) opens with
/// this binary, migrates, verifies deeply with the same head, and exports exactly the bytes it exported before.
@Suite struct MigratedLedgerCLITests {
    static let fixtures = LedgerProcess.repositoryRoot.appendingPathComponent("Tests/LedgerStoreTests/Fixtures")

    @Test func aV3LedgerMigratesAndExportsTheSameBytes() throws {
        let folder = try ScratchFolder("v3-cli")
        let db = folder.file("ledger-v3.sqlite")
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("ledger-v3.sqlite"), to: URL(fileURLWithPath: db))
        let expected = try Data(contentsOf: Self.fixtures.appendingPathComponent("ledger-v3.export.jsonl"))

        // A write command migrates the file; the log it holds does not change.
        let rebuilt = try LedgerProcess.run(["snapshot", "rebuild", "--db", db])
        try #require(rebuilt.status == 0, "\(rebuilt)")
        let verified = try LedgerProcess.run(["verify", "--deep", "--db", db])
        #expect(verified.status == 0, "\(verified)")
        #expect(verified.stdout.contains("81 events"))
        #expect(verified.stdout.contains("d238c7663e18c171b00121bfc1cdcf0db65ace71736766a63072bc85604434b5"))
        let exported = try LedgerProcess.run(["export", "--db", db])
        #expect(exported.status == 0)
        #expect(Data(exported.stdoutBytes) == expected, "export of the migrated ledger differs from the v3 export")
    }
}
