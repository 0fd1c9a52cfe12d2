import Foundation
import LedgerCore
import LedgerStore
import LedgerViews
import SyntheticHistory
import TestSupport
import Testing

/// `investments` writes its JSON and CSV line by line as the replay produces them; the text must be the page's,
/// and its rows every round's investments in (date, company) order, as the page listed them when it held them all.
@Suite struct InvestmentsStreamingTests {
    /// The streamed text of `investments` in `format`.
    static func streamed(_ store: EventStore, company: String?, investor: String?, at point: ReplayPoint, _ format: ViewFormat) throws -> String {
        var out = ""
        try InvestmentsPage.write(store, company: company, investor: investor, at: point, format: format) { out += $0 }
        return out
    }

    /// "date company investor eventId" of every investment CompanyHistory recorded, by date then company (a stable
    /// sort, so one company's lines of a date stay in round then investment order).
    static func expectedRows(_ store: EventStore, company: String?, investor: String?, asOf: LedgerDate) throws -> [String] {
        let state = try store.state(asOf: asOf)
        var history = CompanyHistory()
        try store.forEachEffective(asOf: asOf, knownAt: nil) { history.record($0) }
        var rows: [(date: LedgerDate, company: String, text: String)] = []
        for id in company.map({ [$0] }) ?? state.companyIDs {
            for round in history.rounds(of: id) {
                for investment in round.investments where investor == nil || investment.investor == investor {
                    rows.append((round.date, id, "\(round.date.text) \(id) \(investment.investor) \(round.eventId)"))
                }
            }
        }
        rows.sort { ($0.date, $0.company) < ($1.date, $1.company) }
        return rows.map(\.text)
    }

    @Test(arguments: [(UInt64(3), "2026-06-30"), (UInt64(11), "1999-12-31")])
    func theStreamedJSONAndCSVAreThePagesAndListEveryInvestmentInOrder(seed: UInt64, date: String) throws {
        let store = try EventStore.inMemory()
        _ = try store.importEvents(try HistoryGenerator(count: 3_000, seed: seed).events().map { SourcedEvent($0) })
        let asOf = try LedgerDate(parsing: date)
        let all = try Self.expectedRows(store, company: nil, investor: nil, asOf: asOf)
        let first = try #require(all.first?.split(separator: " "), "the generated history has no investment by \(date)")
        for (company, investor) in [(nil, nil), (String(first[1]), nil), (nil, String(first[2]))] as [(String?, String?)] {
            let point = ReplayPoint(asOf: asOf)
            let page = try InvestmentsPage.load(store, company: company, investor: investor, at: point)
            let json = try Self.streamed(store, company: company, investor: investor, at: point, .json)
            #expect(json == page.json.prettyText() + "\n")
            guard case .array(let rows) = try JSONParser.parse(json)["investments"] else { Issue.record("no investments array"); return }
            let listed = rows.map { row in
                ["date", "company", "investor", "eventId"].map { key in
                    if case .string(let text) = row[key] { text } else { "?" }
                }.joined(separator: " ")
            }
            let expected = try Self.expectedRows(store, company: company, investor: investor, asOf: asOf)
            try #require(!expected.isEmpty)
            #expect(listed == expected, "company \(company ?? "-"), investor \(investor ?? "-")")
            let csv = try Self.streamed(store, company: company, investor: investor, at: point, .csv)
            #expect(csv == page.text(.csv) + "\n")
            #expect(csv.split(separator: "\n").count == expected.count + 1)
        }
    }
}
