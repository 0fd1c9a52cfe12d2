@testable import LedgerCore
import Testing

/// "Did you mean …?": the one edit-distance helper behind every refusal of an unknown name.
@Suite struct SuggestionTests {
    static let parties = ["acme", "anthropic", "microsoft", "microsoft-openai", "openai", "openai-foundation"]

    @Test(arguments: [
        ("acmee", "acme"), ("opneai", "openai"), ("antropic", "anthropic"), ("microsfot", "microsoft"),
        ("microsoft-opnai", "microsoft-openai"), ("OpenAI", "openai"), ("openai-fundation", "openai-foundation"),
    ])
    func aTypoGetsTheClosestName(typed: String, expected: String) {
        #expect(Suggestion.closest(to: typed, among: Self.parties) == expected)
        #expect(Suggestion.hint(for: typed, among: Self.parties) == " (did you mean \"\(expected)\"?)")
    }

    @Test(arguments: ["xyz", "google", "a", "totally-unrelated-name", ""])
    func aNameFarFromEveryCandidateGetsNoSuggestion(typed: String) {
        #expect(Suggestion.closest(to: typed, among: Self.parties) == nil)
        #expect(Suggestion.hint(for: typed, among: Self.parties) == "")
    }

    @Test func theKnownNameItselfIsNeverSuggested() {
        #expect(Suggestion.closest(to: "acme", among: ["acme"]) == nil)
    }

    @Test(arguments: [("kitten", "sitting", 3), ("ab", "ba", 1), ("", "abc", 3), ("flaw", "lawn", 2), ("same", "same", 0)])
    func editDistanceCountsInsertionsDeletionsSubstitutionsAndSwaps(a: String, b: String, distance: Int) {
        #expect(Suggestion.editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars)) == distance)
        #expect(Suggestion.editDistance(Array(b.unicodeScalars), Array(a.unicodeScalars)) == distance)
    }

    @Test(arguments: [("valuaton", "valuation"), ("fundinground", "funding-round"), ("renegociation", "renegotiation")])
    func eventTypesAreSuggestedByTheDecoder(typed: String, expected: String) throws {
        let text = #"{"type": "\#(typed)", "date": "2024-01-01"}"#
        let error = try #require(throws: LedgerError.self) { try EventDecoder.decode(JSONParser.parse(text)) }
        #expect(error.field == "type")
        #expect(error.message.contains("did you mean \"\(expected)\"?"), "\(error)")
    }

    @Test func enumerationValuesAreSuggestedByTheDecoder() throws {
        let text = #"{"type": "valuation", "date": "2024-01-01", "company": "acme", "value": {"amount": "1", "currency": "USD"}, "basis": "secundary"}"#
        let error = try #require(throws: LedgerError.self) { try EventDecoder.decode(JSONParser.parse(text)) }
        #expect(error.field == "basis")
        #expect(error.message.contains("did you mean \"secondary\"?"), "\(error)")
    }

    @Test(arguments: [
        (#"{"type": "funding-round", "date": "2024-01-01", "company": "a", "round": "A", "instrument": "equity", "investments": [{"investor": "b", "amount": {"amount": "1", "currency": "USD"}}], "postmoney": {"amount": "10", "currency": "USD"}}"#,
         "postmoney", "postMoney"),
        (#"{"type": "funding-round", "date": "2024-01-01", "company": "a", "round": "A", "instrument": "equity", "investments": [{"invester": "b", "investor": "b", "amount": {"amount": "1", "currency": "USD"}}]}"#,
         "investments[0].invester", "investor"),
        (#"{"type": "valuation", "date": "2024-01-01", "company": "a", "value": {"amount": "1", "currency": "USD", "curency": "EUR"}, "basis": "secondary"}"#,
         "value.curency", "currency"),
    ])
    func aMisspelledFieldIsAnsweredWithTheClosestField(text: String, field: String, expected: String) throws {
        let error = try #require(throws: LedgerError.self) { try EventDecoder.decode(JSONParser.parse(text)) }
        #expect(error.field == field, "\(error)")
        #expect(error.message.contains("unknown field (did you mean \"\(expected)\"?)"), "\(error)")
    }

    @Test func unknownPartiesAndPartnershipsAreSuggestedByTheReferenceChecker() throws {
        var checker = ReferenceChecker(parties: ["acme"], partnerships: [], eventType: { _ in nil },
                                       registry: { $0 == .party ? ["acme", "bolt"] : ["acme-bolt"] })
        let round = try EventDecoder.decode(JSONParser.parse(
            #"{"type": "valuation", "id": "v", "date": "2024-01-01", "company": "blot", "value": {"amount": "1", "currency": "USD"}, "basis": "secondary"}"#))
        let error = try #require(throws: LedgerError.self) { try checker.admit(round) }
        #expect(error.message.contains("party \"blot\" is not registered (did you mean \"bolt\"?)"), "\(error)")
        let reneg = try EventDecoder.decode(JSONParser.parse(
            #"{"type": "renegotiation", "id": "r", "date": "2024-01-01", "partnership": "acme-blot", "changes": [{"term": "x", "remove": true}]}"#))
        let second = try #require(throws: LedgerError.self) { try checker.admit(reneg) }
        #expect(second.message.contains("did you mean \"acme-bolt\"?"), "\(second)")
    }
}
