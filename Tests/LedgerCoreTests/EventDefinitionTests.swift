import Foundation
@testable import LedgerCore
import Testing

/// Every event type's one definition (`Sources/LedgerCore/EventTypes/`) holds for every path:
/// the general decoder, the stored-payload fast path, the canonical writer and the field table.
@Suite struct EventDefinitionTests {
    private func exampleObject(_ type: EventType) throws -> [String: JSONValue] {
        try exampleObject(type.example, type)
    }

    private func exampleObject(_ example: String, _ type: EventType) throws -> [String: JSONValue] {
        guard case .object(let members) = try JSONParser.parse(example) else {
            Issue.record("the example of \(type.rawValue) is not an object")
            return [:]
        }
        return members
    }

    private func decode(_ members: [String: JSONValue]) throws(LedgerError) -> Event {
        try EventDecoder.decode(.object(members))
    }

    @Test(arguments: EventType.allCases)
    func exampleTakesEveryPathToTheSameEvent(type: EventType) throws {
        #expect(type.examples.first == type.example)
        for example in type.examples {
            let event = try EventDecoder.decode(JSONParser.parse(example))
            #expect(event.type == type)
            let text = event.canonicalText
            #expect(event.json.canonicalText == text, "the writer's keys are not in canonical order")
            let fast = try #require(CanonicalDecoder.event(from: Array(text.utf8)), "the fast path declined \(text)")
            #expect(fast == event)
            #expect(try EventDecoder.decode(JSONParser.parse(text)) == event, "the canonical text loses a field: \(text)")
            #expect(fast.canonicalText == text)
        }
    }

    @Test(arguments: EventType.allCases)
    func fieldTableListsExactlyTheFieldsTheDecoderReads(type: EventType) throws {
        let examples = try type.examples.map { try exampleObject($0, type) }
        let members = examples[0]
        let common = Set(Event.commonFields.map(\.name))
        let names = type.fields.map(\.name)
        #expect(Set(names).count == names.count, "a field is listed twice")
        #expect(Set(names).isDisjoint(with: common))
        // The examples together use every field, so the reference can show them all.
        #expect(examples.reduce(Set<String>()) { $0.union($1.keys) }.subtracting(common) == Set(names))
        for example in examples {
            for field in type.fields where example[field.name] != nil || field.required {
                var without = example
                without[field.name] = nil
                if field.required {
                    let error = try #require(throws: LedgerError.self, "\(type.rawValue) decodes without \(field.name)") { try decode(without) }
                    #expect(error.field == field.name, "\(error)")
                    #expect(error.message.contains("required"), "\(error)")
                } else if let group = field.group {
                    // Interdependent fields: without one, the event is valid or the error names a field of its group.
                    let groupNames = Set(type.fields.filter { $0.group == group }.map(\.name))
                    do { _ = try decode(without) } catch {
                        #expect(error.field.map(groupNames.contains) == true, "\(error)")
                    }
                } else {
                    #expect(throws: Never.self, "\(type.rawValue) requires \(field.name)") { try decode(without) }
                }
            }
        }
        var extra = members
        extra["unlisted-field"] = .string("x")
        let error = try #require(throws: LedgerError.self) { try decode(extra) }
        #expect(error.field == "unlisted-field")
    }

    @Test(arguments: EventType.allCases)
    func everyTypeIsDocumented(type: EventType) {
        #expect(!type.summary.isEmpty)
        #expect(type.fields.allSatisfy { !$0.summary.isEmpty })
        #expect(Event.commonFields.filter(\.required).map(\.name) == ["type", "date"])
    }

    @Test(arguments: EventType.allCases)
    func namedIDsAndRegistrationComeFromTheDefinition(type: EventType) throws {
        let event = try EventDecoder.decode(JSONParser.parse(type.example))
        let text = event.canonicalText
        for id in event.namedIDs { #expect(text.contains("\"\(id)\""), "\(id) is not in \(text)") }
        #expect(Set(event.namedIDs).count == event.namedIDs.count)
        #expect((event.body.registration != nil) == (type == .party || type == .partnership))
        #expect((event.body.amendedEventID != nil) == type.isAmendment)
    }
}
