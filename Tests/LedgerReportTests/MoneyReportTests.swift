import Foundation
import LedgerCore
import LedgerReport
import LedgerStore
import TestSupport
import Testing

/// The report's charts of money promised and paid, of compute bought back, and of negotiations (CONTRACT §4), on the
/// README's worked example, with known answers.
@Suite struct MoneyReportTests {
    typealias F = Fixture

    static func sections(asOf: String = "2026-01-31") throws -> [String: String] {
        HTMLProbe(html: try F.reportHTML(F.moneyLedger(), asOf: asOf)).sections
    }

    /// Committed grows when the conditional part is paid (2024-03-27) and with the second pledge; funded follows the
    /// payments and the filing's paid-to-date; pledged counts the conditional part from the start.
    @Test(arguments: [
        ("cloud-in-lab-committed", "committed", [("2023-09-25", "1250000000"), ("2024-03-27", "4000000000"), ("2024-11-22", "8000000000")]),
        ("cloud-in-lab-funded", "funded", [("2023-09-25", "1250000000"), ("2024-03-27", "4000000000"), ("2025-09-30", "6600000000")]),
        ("cloud-in-lab-pledged", "pledged, with the conditional part", [("2023-09-25", "4000000000"), ("2024-11-22", "8000000000")]),
    ])
    func committedAndFundedOverTime(series id: String, name: String, points: [(String, String)]) throws {
        let funding = try #require(try Self.sections()["funding"])
        #expect(HTMLProbe.charts(in: funding) == ["funding-cloud-in-lab"])
        let series = try #require(HTMLProbe.series(in: funding)[id], "series \(id)")
        #expect(series.name == HTML.escape(name))
        #expect(series.points.map(\.0) == points.map(\.0))
        #expect(series.points.map(\.1) == points.map(\.1))
    }

    /// A pair whose pledges were all paid in full at once gets no funding chart (its line would repeat the investment one).
    @Test func pairsPaidInFullHaveNoFundingChart() throws {
        let funding = try #require(HTMLProbe(html: try F.reportHTML(F.acmeLedger())).sections["funding"])
        #expect(HTMLProbe.charts(in: funding).isEmpty)
        #expect(funding.contains("paid in full"))
    }

    /// Money in to the left (committed, funded), compute bought back to the right, exact in the bars and the table.
    @Test func flowsShowBothWays() throws {
        let flows = try #require(try Self.sections()["flows"])
        #expect(HTMLProbe.charts(in: flows) == ["flows"])
        let bars = flows.matches(of: try Regex(#"<rect class="bar (committed|funded|purchases)" x="([0-9.]+)"[^>]*data-value="([0-9]+)""#))
            .map { (String($0.output[1].substring!), Double(String($0.output[2].substring!))!, String($0.output[3].substring!)) }
        #expect(bars.map(\.0) == ["committed", "funded", "purchases"])
        #expect(bars.map(\.2) == ["8000000000", "6600000000", "38000000000"])
        // Money in ends at the middle axis from the left; compute bought back starts there.
        #expect(bars[0].1 < bars[2].1 && bars[1].1 < bars[2].1)
        #expect(HTMLProbe.attribute("data-investor", in: flows).allSatisfy { $0 == "cloud" })
        #expect(flows.contains("<td class=\"num\">$38.0B</td><td>compute</td>"))
    }

    /// Before the purchase commitment there is nothing to show both ways.
    @Test func noFlowsBeforeAnyPurchaseCommitment() throws {
        let flows = try #require(try Self.sections(asOf: "2025-06-30")["flows"])
        #expect(HTMLProbe.charts(in: flows).isEmpty)
        #expect(flows.contains("No purchase commitment recorded by 2025-06-30."))
    }

    /// The reported proposal is on the timeline, marked proposed and closed by the renegotiation that settled it.
    @Test func negotiationsAreOnTheTimelineAsProposed() throws {
        let timeline = try #require(try Self.sections()["timeline"])
        let svg = String(timeline[..<timeline.range(of: "</svg>")!.lowerBound])
        #expect(HTMLProbe.attribute("data-event", in: svg) == ["cloud-lab", "talks", "new-terms"])
        #expect(svg.contains("class=\"mark proposed-terms unconfirmed\""))
        #expect(HTMLProbe.attribute("data-kind", in: timeline) == ["terms", "proposed-terms", "terms"])
        #expect(timeline.contains("proposed (proposal), not in force; sought by lab; thread share; closed on 2025-10-28 by new-terms"))
        #expect(timeline.contains("<li>revenue-share: rate 10.00%</li>"))
    }
}
