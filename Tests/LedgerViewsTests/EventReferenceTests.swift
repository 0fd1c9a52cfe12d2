import Foundation
import LedgerCore
import LedgerStore
import LedgerViews
import TestSupport
import Testing

/// The event reference (`schema`, docs/EVENTS.md) is written from the one definition of each type.
@Suite struct EventReferenceTests {
    @Test func docsEventsIsTheGeneratedReference() throws {
        let path = Fixture.repositoryRoot.appendingPathComponent("docs/EVENTS.md")
        let text = try String(contentsOf: path, encoding: .utf8)
        #expect(text == EventReference.markdown,
                "docs/EVENTS.md has drifted from Sources/LedgerCore/EventTypes; regenerate it: \(EventReference.generator)")
    }

    @Test(arguments: EventType.allCases)
    func everyTypeIsDescribedWithEveryFieldAndExample(type: EventType) throws {
        let markdown = EventReference.markdown
        let section = try #require(markdown.components(separatedBy: "\n## \(type.rawValue)\n").dropFirst().first,
                                   "docs has no section for \(type.rawValue)")
        let own = section.components(separatedBy: "\n## ").first ?? section
        for field in type.fields { #expect(own.contains("| `\(field.name)` | \(field.required ? "yes" : "")"), "\(field.name)") }
        for example in type.examples { #expect(own.contains(example)) }
        let described = EventReference.describe(type)
        #expect(described.hasPrefix("\(type.rawValue): \(type.summary)"))
        for field in type.fields + Event.commonFields { #expect(described.contains(field.name)) }
        #expect(EventReference.examples(type).split(separator: "\n").map(String.init) == type.examples)
    }

    /// Each type's examples, appended in the order of the reference, are valid events of the bundled ledger:
    /// they name registered parties and partnerships and existing events, and reuse no id.
    @Test func everyExampleAppendsToTheBundledLedger() throws {
        let store = try Fixture.bundledLedger()
        let before = try store.head().seq
        var appended = 0
        for type in EventType.allCases {
            let events = try EventDecoder.decodeDocument(Array(EventReference.examples(type).utf8), file: "schema \(type.rawValue) --example")
            let items = events.enumerated().map { SourcedEvent($1, file: "schema \(type.rawValue) --example", index: $0 + 1) }
            #expect(throws: Never.self, "the example of \(type.rawValue)") { _ = try store.append(items) }
            appended += events.count
        }
        #expect(try store.head().seq == before + Int64(appended))
    }
}
