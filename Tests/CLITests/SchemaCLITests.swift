import Foundation
import LedgerCore
import TestSupport
import Testing

/// `schema [TYPE]`: the event reference, from the one definition of each type.
@Suite struct SchemaCLITests {
    @Test func schemaListsEveryType() throws {
        let cli = try LedgerCLI()
        let result = try cli.run(["schema"])
        #expect(result.status == 0, "\(result.stderr)")
        let listed = Set(result.stdoutLines.dropFirst(2).compactMap { $0.split(separator: " ").first.map(String.init) })
        #expect(Set(EventType.allCases.map(\.rawValue)).isSubset(of: listed), "\(result.stdout)")
    }

    @Test(arguments: EventType.allCases)
    func schemaOfATypeShowsItsFieldsAndAValidExample(type: EventType) throws {
        let cli = try LedgerCLI()
        let result = try cli.run(["schema", type.rawValue])
        #expect(result.status == 0, "\(result.stderr)")
        for field in type.fields + Event.commonFields {
            let row = try #require(result.stdoutLines.first { $0.hasPrefix(field.name + " ") }, "no row for \(field.name)")
            #expect(row.contains(field.required ? " yes " : " no") || row.contains(" depends "), "\(row)")
            if let value = field.defaultValue { #expect(row.contains(value), "\(row)") }
        }
        for example in type.examples { #expect(result.stdoutLines.contains(example)) }
    }

    /// `--db` is global, but the reference needs no ledger: none is opened or built.
    @Test(arguments: [["--db", "x.sqlite", "schema"], ["schema", "valuation", "--db", "x.sqlite"], ["schema"]])
    func schemaOpensNoLedger(arguments: [String]) throws {
        let cli = try LedgerCLI()
        let result = try cli.run(arguments)
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: cli.folder.path)
        #expect(!files.contains { $0.hasSuffix(".sqlite") }, "\(files)")
    }

    @Test func theMarkdownIsDocsEvents() throws {
        let cli = try LedgerCLI()
        let result = try cli.run(["schema", "--markdown"])
        #expect(result.status == 0, "\(result.stderr)")
        let docs = try String(contentsOf: LedgerCLI.root.appendingPathComponent("docs/EVENTS.md"), encoding: .utf8)
        #expect(result.stdout == docs, "regenerate: partnership-ledger schema --markdown > docs/EVENTS.md")
    }

    /// `schema TYPE --example | append -` works on a ledger built from the bundled events, type after type.
    @Test func everyExamplePipesIntoAppend() throws {
        let cli = try LedgerCLI()
        let built = try cli.run(["import", LedgerCLI.root.appendingPathComponent("Events").path, "--db", cli.db])
        try #require(built.status == 0, "\(built.stderr)")
        var expected = try cli.eventCount()
        for type in EventType.allCases {
            let example = try cli.run(["schema", type.rawValue, "--example"])
            try #require(example.status == 0, "\(example.stderr)")
            let appended = try cli.run(["append", "-", "--db", cli.db], stdin: example.stdout)
            #expect(appended.status == 0, "\(type.rawValue): \(appended.stderr)")
            expected += type.examples.count
        }
        #expect(try cli.eventCount() == expected)
    }

    @Test(arguments: [(["schema", "valuaton"], "valuation"), (["schema", "funding_round"], "funding-round")])
    func aMistypedTypeIsRefusedNamingTheClosest(arguments: [String], closest: String) throws {
        let cli = try LedgerCLI()
        let result = try cli.run(arguments)
        #expect(result.status == 1)
        #expect(result.stderrLines.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("did you mean \"\(closest)\"?"), "\(result.stderr)")
    }
}
