import Foundation
import LedgerCore
import LedgerStore
import TestSupport
import Testing

/// The real history shipped in Events/: it must decode, carry evidence, import, verify and pass its checks.
@Suite struct BundledHistoryTests {
    static let root = LedgerProcess.repositoryRoot
    static let eventsFolder = root.appendingPathComponent("Events").path
    static let files = (try? EventFiles.collect([eventsFolder])) ?? []

    static func load() throws -> [SourcedEvent] { try EventFiles.load(files) }

    @Test func theHistoryIsThere() throws {
        #expect(Self.files.count >= 70)
        let items = try Self.load()
        let types = Set(items.map(\.event.type))
        for type in [EventType.party, .partnership, .fundingRound, .valuation, .revenue, .governance, .renegotiation, .recapitalization] {
            #expect(types.contains(type), "no \(type.rawValue) event in Events/")
        }
    }

    @Test(arguments: files)
    func everyFileHoldsOneSourcedEventNamedAfterIt(_ file: String) throws {
        let events = try EventDecoder.decodeDocument(EventFiles.read(file), file: file)
        let event = try #require(events.first)
        #expect(events.count == 1)
        #expect(!event.sources.isEmpty, "\(file) has no source")
        let name = URL(fileURLWithPath: file).lastPathComponent
        if event.type == .party || event.type == .partnership {
            #expect(name.hasPrefix("0000-") || name.hasPrefix("0001-"), "registrations must sort first: \(name)")
        } else {
            #expect(name == "\(event.id).json", "file \(name) should be named after its id \(event.id)")
            #expect(name.hasPrefix(event.date.text), "file \(name) should start with its date \(event.date.text)")
        }
        // The stored form is what the file says: no field silently dropped.
        let raw = try JSONParser.parse(EventFiles.read(file))
        #expect(try EventDecoder.decode(raw).canonicalText == event.canonicalText)
    }

    @Test func itImportsIntoAFreshLedgerAndVerifies() throws {
        let store = try EventStore.inMemory()
        let items = try Self.load()
        let result = try store.importEvents(items)
        #expect(result.appended.count == items.count)
        #expect(result.skipped.isEmpty)
        let report = try store.verify(deep: true)
        #expect(report.isIntact, "\(String(describing: report.problem))")
        #expect(report.count == Int64(items.count))
        // Importing again is a no-op.
        let again = try store.importEvents(items)
        #expect(again.appended.isEmpty)
        #expect(again.skipped.count == items.count)
    }

    @Test func itReproducesThePublishedFigures() throws {
        let store = try EventStore.inMemory()
        _ = try store.importEvents(Self.load())
        let checkFiles = try EventFiles.collectChecks(Self.eventsFolder + "/checks")
        let expectations = try checkFiles.flatMap { try Expectation.decodeDocument(EventFiles.read($0), file: $0) }
        #expect(expectations.count >= 20)
        for expectation in expectations {
            let outcome = expectation.evaluate(in: try store.state(asOf: expectation.asOf, knownAt: expectation.knownAt))
            #expect(outcome.passed, "\(expectation.kind) \(expectation.label) at \(expectation.asOf): expected \(expectation.expected.json.canonicalText), got \(outcome.actual?.json.canonicalText ?? "nothing") (\(outcome.reason ?? ""))")
        }
    }

    @Test func disputedFiguresAreKeptAsAlternatives() throws {
        let store = try EventStore.inMemory()
        _ = try store.importEvents(Self.load())
        var history = CompanyHistory()
        try store.forEachEffective(of: "openai", asOf: try LedgerDate(parsing: "2024-12-31"), knownAt: nil) { history.record($0) }
        let disputed = history.revenue(of: "openai").filter { !$0.figure.alternatives.isEmpty }
        #expect(!disputed.isEmpty, "the research lists disagreeing OpenAI revenue figures; each should be its own event")
        for (_, figure) in disputed {
            #expect(figure.alternatives.allSatisfy { $0.eventId != figure.chosen.eventId })
        }
        // Which figure wins: December 2023 run-rate, two reported claims, $1.6B (The Information) and
        // $2B (FT, announced 2024-02-09). The FT claim wins (it is announced, and recorded later); the other is
        // its alternative.
        let december = try #require(disputed.first { $0.key.date == day("2023-12-01") && $0.key.basis == .annualizedRunRate },
                                    "the December 2023 run-rate dispute is missing")
        #expect(december.figure.chosen.eventId == "2023-12-01-openai-arr-2b-ft")
        #expect(december.figure.chosen.money == usd("2000000000"))
        #expect(december.figure.alternatives.map(\.eventId) == ["2023-12-01-openai-arr-1600m-the-information"])
        // Fiscal 2024: the NYT's reported $3.7B (announced 2024-09-27) against the actual figure reported after the
        // year closed (announced 2025-03-26, recorded later): the later one wins, the other is its alternative.
        let fy2024 = try #require(disputed.first { $0.key.date == day("2024-12-31") && $0.key.basis == .fiscalYear },
                                  "the fiscal 2024 dispute is missing")
        #expect(fy2024.figure.chosen.eventId == "2024-12-31-openai-fy2024-revenue-actual-3700m")
        #expect(fy2024.figure.alternatives.map(\.eventId) == ["2024-12-31-openai-fy2024-revenue-3700m-nyt"])
    }

    @Test func openAIsCapTableIsUnknownBeforeTheRecapitalization() throws {
        let store = try EventStore.inMemory()
        _ = try store.importEvents(Self.load())
        let before = try store.state(asOf: try LedgerDate(parsing: "2025-10-27")).capTable(of: "openai", asOf: try LedgerDate(parsing: "2025-10-27"))
        #expect(!before.isKnown, "the public record gives no OpenAI cap table before October 2025; the ledger must not invent one")
        let after = try store.state(asOf: try LedgerDate(parsing: "2025-10-28")).capTable(of: "openai", asOf: try LedgerDate(parsing: "2025-10-28"))
        #expect(after.isKnown)
    }
}
