import Foundation
@testable import LedgerCore
import Testing

/// Every event type's one definition (`Sources/LedgerCore/EventTypes/`) holds for every path:
/// the general decoder, the stored-payload fast path, the canonical writer and the field table.
@Suite struct EventDefinitionTests {
    private func exampleObject(_ type: EventType) throws -> [String: JSONValue] {
        guard case .object(let members) = try JSONParser.parse(type.example) else {
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
        let event = try EventDecoder.decode(JSONParser.parse(type.example))
        #expect(event.type == type)
        let text = event.canonicalText
        #expect(event.json.canonicalText == text, "the writer's keys are not in canonical order")
        let fast = try #require(CanonicalDecoder.event(from: Array(text.utf8)), "the fast path declined \(text)")
        #expect(fast == event)
        #expect(try EventDecoder.decode(JSONParser.parse(text)) == event, "the canonical text loses a field: \(text)")
        #expect(fast.canonicalText == text)
    }

    @Test(arguments: EventType.allCases)
    func fieldTableListsExactlyTheFieldsTheDecoderReads(type: EventType) throws {
        let members = try exampleObject(type)
        let common = Set(Event.commonFields.map(\.name))
        let names = type.fields.map(\.name)
        #expect(Set(names).count == names.count, "a field is listed twice")
        #expect(Set(names).isDisjoint(with: common))
        // The example uses every field, so the reference can show them all.
        #expect(Set(members.keys).subtracting(common) == Set(names))
        for field in type.fields {
            var without = members
            without[field.name] = nil
            if field.required {
                let error = try #require(throws: LedgerError.self, "\(type.rawValue) decodes without \(field.name)") { try decode(without) }
                #expect(error.field == field.name, "\(error)")
                #expect(error.message.contains("required"), "\(error)")
            } else {
                #expect(throws: Never.self, "\(type.rawValue) requires \(field.name)") { try decode(without) }
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
