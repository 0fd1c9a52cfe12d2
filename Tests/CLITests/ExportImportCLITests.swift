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
