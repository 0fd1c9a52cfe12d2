import Foundation
import LedgerCore
import LedgerStore
import LedgerViews
import TestSupport
import Testing

/// `log` and `export` stream their text piece by piece; the pieces make one document.
@Suite struct LogPageTests {
    static func text(_ body: ((String) -> Void) throws -> Void) rethrows -> String {
        var out = ""
        try body { out += $0 }
        return out
    }

    @Test func logJSONIsOneArrayOfTheStoredEvents() throws {
        let store = try Fixture.moneyLedger()
        let filter = try LogPage.filter(store, types: [.funding, .commitment], party: "lab", from: nil, to: nil)
        let json = try JSONParser.parse(Self.text { try LogPage.write(store, filter, format: .json, $0) })
        guard case .array(let events) = json else { Issue.record("not an array: \(json)"); return }
        #expect(events.map { $0["id"] } == ["pledge-1", "pay-1", "pay-2", "pledge-2", "filing"].map(JSONValue.string))
        #expect(events.allSatisfy { $0["hash"] != nil && $0["seq"] != nil })
    }

    @Test func exportLinesAreTheStoredPayloadsAndReimport() throws {
        let store = try Fixture.moneyLedger()
        let lines = try Self.text { try LogPage.export(store, LogFilter(), format: .jsonl, withChain: false, $0) }
        #expect(lines.hasSuffix("}\n"))
        let copy = try EventStore.inMemory()
        let events = try EventDecoder.decodeDocument(Array(lines.utf8), file: "export.jsonl")
        _ = try copy.importEvents(events.map { SourcedEvent($0) })
        #expect(try Self.text { try LogPage.export(copy, LogFilter(), format: .jsonl, withChain: false, $0) } == lines)
        let csv = try Self.text { try LogPage.export(store, LogFilter(), format: .csv, withChain: false, $0) }
        #expect(csv.split(separator: "\n").count == 15)
        #expect(csv.hasPrefix(LogPage.csvHeader.joined(separator: ",") + "\n"))
    }

    @Test func anUnknownPartyIsRefusedNamingTheFlag() throws {
        let error = try #require(throws: LedgerError.self) {
            try LogPage.filter(Fixture.moneyLedger(), types: [], party: "nosuch", from: nil, to: nil)
        }
        #expect(error.message.hasPrefix("--party: no party or partnership \"nosuch\""))
    }
}
