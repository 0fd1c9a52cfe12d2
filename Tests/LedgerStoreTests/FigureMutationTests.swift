import Foundation
import LedgerCore
import LedgerStore
import TestSupport
import Testing

/// The published-figure checks test the ledger, not the typing: every figure of every event in Events/, made
/// half as large again, must make some check fail (issue 13).
@Suite struct FigureMutationTests {
    static let eventsFolder = BundledHistoryTests.eventsFolder
    static let checksFolder = eventsFolder + "/checks"

    /// Fields whose figures the projection never folds, so no check can see them; keep this tiny and say why.
    static let unfoldedFields: [String: String] = [
        "exercisePrice": "a warrant's exercise price per share is recorded but folded into no figure (the fully diluted view uses the stake)",
    ]

    /// One figure-carrying event file, its figures multiplied by 1.5.
    struct Mutant: CustomTestStringConvertible {
        var file: String
        var value: JSONValue
        var figures: Int
        var testDescription: String { URL(fileURLWithPath: file).lastPathComponent }
    }

    /// Every event file of Events/ with at least one figure, mutated.
    static func mutants() throws -> [Mutant] {
        try EventFiles.collect([eventsFolder]).compactMap { file in
            let (value, figures) = scaled(try JSONParser.parse(EventFiles.read(file)))
            return figures == 0 ? nil : Mutant(file: file, value: value, figures: figures)
        }
    }

    /// `value` with every Money amount, stake and share count × 1.5, and how many it changed.
    static func scaled(_ value: JSONValue) -> (JSONValue, Int) {
        switch value {
        case .object(let members):
            if Set(members.keys) == ["amount", "currency"], case .string(let amount)? = members["amount"] {
                return (.object(members.merging(["amount": times1_5(amount)]) { $1 }), 1)
            }
            var out: [String: JSONValue] = [:], count = 0
            for (key, member) in members {
                if unfoldedFields[key] != nil {
                    out[key] = member
                } else if key == "stake" || key == "shares", case .string(let text) = member {
                    out[key] = times1_5(text); count += 1
                } else {
                    let (scaledMember, n) = scaled(member)
                    out[key] = scaledMember; count += n
                }
            }
            return (.object(out), count)
        case .array(let elements):
            let scaledElements = elements.map(scaled)
            return (.array(scaledElements.map(\.0)), scaledElements.reduce(0) { $0 + $1.1 })
        default:
            return (value, 0)
        }
    }

    static func times1_5(_ text: String) -> JSONValue {
        let number = (try? ExactDecimal.parse(text, what: "a figure")) ?? 0
        return .string(ExactDecimal.text(number * (try! ExactDecimal.parse("1.5"))))
    }

    static func expectations() throws -> [LedgerCore.Expectation] {
        try EventFiles.collectChecks(checksFolder).flatMap { try Expectation.decodeDocument(EventFiles.read($0), file: $0) }
    }

    /// The first check that fails on `items`, or nil when every check passes.
    static func firstFailure(_ items: [SourcedEvent], _ expectations: [LedgerCore.Expectation]) throws -> LedgerCore.Expectation? {
        let store = try EventStore.inMemory()
        _ = try store.importEvents(items)
        // Many checks share a date: replay each (as-of, known-at) once.
        var states: [String: LedgerState] = [:]
        for expectation in expectations {
            let key = "\(expectation.asOf.text) \(String(describing: expectation.knownAt))"
            let state = try states[key] ?? store.state(asOf: expectation.asOf, knownAt: expectation.knownAt)
            states[key] = state
            if !expectation.evaluate(in: state).passed { return expectation }
        }
        return nil
    }

    @Test func theUnmutatedHistoryPassesEveryCheck() throws {
        let expectations = try Self.expectations()
        #expect(expectations.count >= 100)
        let failure = try Self.firstFailure(try BundledHistoryTests.load(), expectations)
        #expect(failure == nil, "\(failure.map { "\($0.kind) \($0.label) at \($0.asOf)" } ?? "") fails on Events/ as shipped")
    }

    @Test func everyFigureCarryingEventIsCheckedSomewhere() throws {
        let mutants = try Self.mutants()
        #expect(mutants.count >= 80, "Events/ should hold the figure-carrying history")
        let items = try BundledHistoryTests.load()
        let expectations = try Self.expectations()
        var escapes: [String] = []
        for mutant in mutants {
            let mutated = try EventDecoder.decode(mutant.value)
            let index = try #require(items.firstIndex { $0.event.id == mutated.id }, "\(mutant.testDescription) is not among the loaded events")
            var changed = items
            changed[index] = SourcedEvent(mutated, file: mutant.file, index: 1)
            if try Self.firstFailure(changed, expectations) == nil { escapes.append(mutant.testDescription) }
        }
        #expect(escapes.isEmpty, "no check fails when these events' figures are × 1.5: \(escapes.joined(separator: ", "))")
    }
}
