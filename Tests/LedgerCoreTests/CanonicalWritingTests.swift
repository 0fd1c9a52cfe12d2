import Foundation
import LedgerCore
import SyntheticHistory
import TestSupport
import Testing

@Suite struct CanonicalWritingTests {
    @Test(arguments: [UInt64(1), 5])
    func writesTheBytesOfTheJSONTree(seed: UInt64) throws {
        let events = try HistoryGenerator(count: 3_000, seed: seed).events()
        for event in events {
            #expect(event.canonicalText == event.json.canonicalText)
        }
        #expect(Set(events.map(\.type)) == Set(EventType.allCases))
    }

    @Test func escapesAndOptionalFieldsMatch() throws {
        let text = #"""
        {"type": "funding-round", "id": "r-1", "date": "2024-01-02", "announced": "2024-01-05", "status": "estimate",
         "sources": ["https://x.example/a?b=\"c\"", "Ünïcödé 報道"], "note": "tab\there\nnewline \u0001 and \\ backslash",
         "company": "acme", "round": "Series A \"bis\"", "instrument": "equity", "partnership": "p-1",
         "investments": [{"investor": "fund-1", "amount": {"amount": "1250000.50", "currency": "EUR"}}],
         "preMoney": {"amount": "10000000", "currency": "EUR"}, "postMoney": {"amount": "11250000.50", "currency": "EUR"}}
        """#
        let event = try EventDecoder.decode(JSONParser.parse(text))
        #expect(event.canonicalText == event.json.canonicalText)
        let roles = try EventDecoder.decode(JSONParser.parse(#"""
            {"type": "governance", "id": "g", "date": "2024-01-02", "company": "acme",
             "changes": [{"role": "board", "set": ["a", "b"]}, {"role": "ceo", "set": null}, {"role": "chair", "set": "x"},
                         {"role": "board", "add": "c"}, {"role": "board", "remove": "a"}]}
            """#))
        #expect(roles.canonicalText == roles.json.canonicalText)
        let terms = try EventDecoder.decode(JSONParser.parse(#"""
            {"type": "correction", "id": "c", "date": "2024-01-02", "corrects": "p", "reason": "typo",
             "replacement": {"type": "partnership", "date": "2020-01-01", "partnership": "p", "parties": ["a", "b"],
                             "terms": {"z": [1, 2.50, {"b": null, "a": true}], "a": "x"}}}
            """#))
        #expect(terms.canonicalText == terms.json.canonicalText)
    }
}
