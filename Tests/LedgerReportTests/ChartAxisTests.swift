import Foundation
import LedgerCore
@testable import LedgerReport
import TestSupport
import Testing

/// Axes and value text: exact ticks, monotonic pixel mapping, readable changes.
@Suite struct ChartAxisTests {
    typealias F = Fixture

    @Test(arguments: [
        (["1000000000", "500000000000"], ["1000000000", "10000000000", "100000000000", "1000000000000"]),
        (["18400000000", "183000000000"], ["10000000000", "20000000000", "50000000000", "100000000000", "200000000000",
                                          "500000000000", "1000000000000"]),
        (["29000000000"], ["10000000000", "20000000000", "50000000000", "100000000000"]),
    ])
    func logAxisTicksAreExactPowersOfTen(values: [String], ticks: [String]) {
        let axis = ValueAxis.log(values: values.map(F.dec), bottom: 300, top: 0)
        #expect(axis.ticks.map(ExactDecimal.text) == ticks)
        #expect(axis.y(axis.low) == 300 && axis.y(axis.high) == 0)
        let ys = axis.ticks.map(axis.y)
        #expect(ys == ys.sorted(by: >), "higher values sit higher")
    }

    @Test(arguments: [(["0.27", "0.47"], "0.5"), (["0.9"], "1"), (["20000000"], "20000000"), (["13750000000"], "15000000000")])
    func linearAxisEndsAtARoundNumber(values: [String], high: String) {
        let axis = ValueAxis.linear(values: values.map(F.dec), bottom: 200, top: 0, cap: values[0].hasPrefix("0.") ? 1 : nil)
        #expect(ExactDecimal.text(axis.high) == high)
        #expect(axis.ticks.first == 0 && axis.ticks.last == axis.high)
    }

    @Test(arguments: [
        ("2019-07-22", "2026-11-26", ["2020", "2021", "2022", "2023", "2024", "2025", "2026"]),
        ("2025-03-03", "2026-11-26", ["Apr 2025", "Jul", "Oct", "Jan 2026", "Apr", "Jul", "Oct"]),
        ("2025-10-28", "2026-01-15", ["Nov 2025", "Dec", "Jan 2026"]),
    ])
    func dateTicksFitTheRange(from: String, to: String, labels: [String]) {
        let axis = DateAxis(from: F.day(from), to: F.day(to), left: 0, right: 800)
        #expect(axis.ticks.map(\.label) == labels)
        #expect(axis.ticks.allSatisfy { $0.date.day == 1 })
        #expect(axis.x(F.day(from)) == 0 && axis.x(F.day(to)) == 800)
    }

    @Test(arguments: [
        (#"{"rate":"0.20","payer":"openai"}"#, #"{"rate":"0.08","payer":"openai"}"#, "rate: 20.00% → 8.00%"),
        (#"{"rate":"0.20"}"#, #"{"rate":"0.20","cap":{"amount":"38000000000","currency":"USD"}}"#, "cap $38.0B (added)"),
        (#"{"rate":"0.20","until":"2030"}"#, #"{"rate":"0.20"}"#, "until 2030 (dropped)"),
        ("null", #"{"provider":"azure"}"#, "set: provider azure"),
        (#"{"provider":"azure"}"#, "null", "removed (was: provider azure)"),
        (#""until 2030""#, #""until 2032""#, "until 2030 → until 2032"),
        (#"{"a":"x"}"#, #"{"a":"x"}"#, "unchanged: a x"),
    ])
    func termChangesReadAsTheirDifference(from: String, to: String, text: String) throws {
        let parse = { (json: String) throws -> JSONValue? in json == "null" ? nil : try JSONParser.parse(json) }
        #expect(ValueText.change(from: try parse(from), to: try parse(to)) == text)
    }

    @Test(arguments: [("13000000000", "$13.0B"), ("1250000000", "$1.25B"), ("750000000", "$750.0M"), ("12500", "$12,500")])
    func moneyText(amount: String, text: String) {
        #expect(ValueText.money(F.usd(amount)) == text)
    }
}
