import Foundation
import LedgerCore
import TestSupport
import Testing

/// CONTRACT §4: the order of files in a folder never decides what is shown. The bundled `Events/` copied
/// under shuffled file names (so `import` appends them in another order) answers every query with the same JSON.
@Suite struct ShuffledImportCLITests {
    static let dates = ["2023-12-31", "2025-01-21", "2025-10-28", "2026-06-30"]
    static let partnerships = ["microsoft-openai", "amazon-anthropic", "google-anthropic", "stargate"]
    static let companies = ["openai", "anthropic"]

    /// Every query whose answer is a projection (not the log, whose order is the recording order by definition).
    static var queries: [[String]] {
        var all: [[String]] = [["diff", "--from", "2023-01-01", "--to", "2026-06-30"], ["check"]]
        for partnership in partnerships { all.append(["audit", partnership]) }
        for date in dates {
            all.append(["state", "--as-of", date])
            all.append(["investments", "--as-of", date])
            for partnership in partnerships { all.append(["terms", partnership, "--as-of", date]) }
            for company in companies {
                for command in ["shares", "revenue", "governance"] { all.append([command, company, "--as-of", date]) }
            }
        }
        return all
    }

    /// Copies `Events/` into `folder`, renaming the dated event files by `permutation` of their sorted order.
    ///
    /// Registrations (`0000-party-…`, `0001-partnership-…`) keep their names and so come first: every
    /// event must name parties already registered, which holds in any order of the dated files.
    static func copyEvents(to folder: URL, permutation: (Int, Int) -> Int) throws {
        let source = LedgerCLI.root.appendingPathComponent("Events")
        let manager = FileManager.default
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        var files: [String] = []
        for name in try manager.contentsOfDirectory(atPath: source.path).sorted() {
            var isDirectory: ObjCBool = false
            _ = manager.fileExists(atPath: source.appendingPathComponent(name).path, isDirectory: &isDirectory)
            if name.hasPrefix("20") && !isDirectory.boolValue {
                files.append(name)
            } else {
                try manager.copyItem(at: source.appendingPathComponent(name), to: folder.appendingPathComponent(name))
            }
        }
        for (index, name) in files.enumerated() {
            let place = permutation(index, files.count)
            let ext = (name as NSString).pathExtension
            let renamed = "9" + String(format: "%05d", place) + "-shuffled." + ext
            try manager.copyItem(at: source.appendingPathComponent(name), to: folder.appendingPathComponent(renamed))
        }
    }

    func answers(_ cli: LedgerCLI, events: URL) throws -> [String: JSONValue] {
        let imported = try cli.run(["import", events.path, "--db", cli.db])
        try #require(imported.status == 0, "import failed: \(imported.stderr)")
        var answers: [String: JSONValue] = [:]
        for query in Self.queries {
            let result = try cli.run(query + ["--db", cli.db, "--format", "json"])
            try #require(result.status == 0, "\(query) failed: \(result.stderr)")
            answers[query.joined(separator: " ")] = try JSONParser.parse(result.stdout)
        }
        return answers
    }

    @Test(arguments: ["reversed", "interleaved"])
    func theSameFolderUnderShuffledNamesAnswersEveryQueryAlike(shuffle: String) throws {
        let original = try LedgerCLI()
        let shuffled = try LedgerCLI()
        let folder = shuffled.folder.appendingPathComponent("Events")
        try Self.copyEvents(to: folder) { index, count in
            // Interleaved: the even positions first, in order, then the odd ones from the last back.
            shuffle == "reversed" ? count - 1 - index : index % 2 == 0 ? index / 2 : count - 1 - index / 2
        }
        let expected = try answers(original, events: LedgerCLI.root.appendingPathComponent("Events"))
        let actual = try answers(shuffled, events: folder)
        // The shuffle really changed the recording order (else the test proves nothing).
        let first = try shuffled.run(["log", "--db", shuffled.db, "--format", "json"])
        let second = try original.run(["log", "--db", original.db, "--format", "json"])
        let ids = { (text: String) throws -> [JSONValue] in
            guard case .array(let events) = try JSONParser.parse(text) else { return [] }
            return events.compactMap { $0["id"] }
        }
        #expect(try ids(first.stdout) != ids(second.stdout))
        #expect(try Set(ids(first.stdout)) == Set(ids(second.stdout)))
        for query in Self.queries.map({ $0.joined(separator: " ") }) {
            #expect(actual[query] == expected[query], "\(query) differs after importing under \(shuffle) file names")
        }
    }
}
