import Foundation
import LedgerCore
import LedgerStore
import Testing
import TestSupport

/// A term member stored before term members were checked (`"rate": "20 percent"`) keeps its stored text when the
/// ledger is read, instead of making every query on that ledger fail; new input with it is still refused.
@Suite struct StoredTermMemberTests {
    @Test func aMemberStoredBeforeTheRuleStillReads() throws {
        let scratch = try ScratchFolder("stored-term-member")
        let path = scratch.file("old.sqlite")
        let store = try EventStore.open(path: path)
        _ = try store.append(batch(party("a"), party("b"),
                                   partnership("a-b", ["a", "b"], terms: ["revenue-share": .object(["rate": .string("0.2")])])))
        try store.close()
        // What an earlier version, without the rule, could have stored.
        try Attacker.execute(path, #"UPDATE event SET payload = replace(payload, '"rate":"0.2"', '"rate":"20 percent"') WHERE id = 'partnership-a-b'"#)

        let reopened = try EventStore.open(path: path)
        let state = try reopened.state(asOf: day("2030-01-01"), useSnapshots: false)
        let term = try #require(state.terms(of: "a-b").first { $0.term == "revenue-share" })
        #expect(term.value == .object(["rate": .string("20 percent")]))

        // New input with the same member is refused, naming it.
        #expect(throws: LedgerError.self) {
            _ = try EventDecoder.decode(JSONParser.parse(
                #"{"type": "partnership", "id": "c", "date": "2024-01-01", "partnership": "a-b2", "parties": ["a", "b"], "terms": {"revenue-share": {"rate": "20 percent"}}}"#))
        }
    }
}
