import Foundation
import LedgerCore
import LedgerReport
import LedgerStore
import TestSupport
import Testing

/// The HTML report of a small ledger: one chart per section, the expected series and points, escaped text, no outside resources.
@Suite struct HTMLReportTests {
    typealias F = Fixture

    @Test func everySectionOnceWithItsCharts() throws {
        let probe = HTMLProbe(html: try F.reportHTML(F.acmeLedger()))
        let sections = probe.sections
        let expected: [(String, [String])] = [
            ("valuations", ["valuations"]), ("stakes", ["stakes-acme"]), ("investments", ["investments"]),
            ("funding", []), ("flows", []), ("timeline", ["timeline"]), ("terms", []),
        ]
        for (name, charts) in expected {
            #expect(probe.sectionCount(name) == 1, "section \(name)")
            #expect(HTMLProbe.charts(in: sections[name] ?? "") == charts, "charts of \(name)")
        }
    }

    @Test(arguments: [
        ("valuations", "acme", "Acme Corp", [("2020-06-01", "100000000"), ("2021-06-01", "200000000"), ("2022-06-01", "500000000")]),
        ("stakes", "fund", "Big Fund", [("2020-06-01", "0.1"), ("2021-06-01", "0.09")]),
        ("stakes", "bolt", "Bolt Inc", [("2021-06-01", "0.1")]),
        ("stakes", "other-holders", "Other holders", [("2020-06-01", "0.9"), ("2021-06-01", "0.81")]),
        ("investments", "bolt-in-acme", "Bolt Inc → Acme Corp", [("2021-06-01", "20000000")]),
        ("investments", "fund-in-acme", "Big Fund → Acme Corp", [("2020-06-01", "10000000")]),
    ])
    func seriesCarryTheExactPoints(section: String, series id: String, name: String, points: [(String, String)]) throws {
        let probe = HTMLProbe(html: try F.reportHTML(F.acmeLedger()))
        let series = try #require(HTMLProbe.series(in: probe.sections[section] ?? "")[id], "series \(id) in \(section)")
        #expect(series.name == HTML.escape(name))
        #expect(series.points.map(\.0) == points.map(\.0))
        #expect(series.points.map(\.1) == points.map(\.1))
    }

    /// Issue 16: Big Fund invested in Acme but is no party of a partnership with it; the chart used to leave it out.
    @Test func everyInvestorAppearsInTheInvestmentChart() throws {
        let probe = HTMLProbe(html: try F.reportHTML(F.acmeLedger()))
        #expect(Set(HTMLProbe.series(in: probe.sections["investments"] ?? "").keys) == ["bolt-in-acme", "fund-in-acme"])
    }

    @Test func chartsHaveAxesScalesAndLegends() throws {
        let sections = HTMLProbe(html: try F.reportHTML(F.acmeLedger())).sections
        #expect(HTMLProbe.attribute("data-scale", in: sections["valuations"]!) == ["log"])
        #expect(HTMLProbe.attribute("data-scale", in: sections["stakes"]!) == ["linear"])
        for name in ["valuations", "stakes", "investments", "timeline"] {
            let fragment = sections[name]!
            #expect(fragment.contains("class=\"axis x-axis\""), "\(name) has a date axis")
            #expect(fragment.contains("class=\"legend\""), "\(name) has a legend")
            #expect(!HTMLProbe.attribute("data-date", in: fragment).isEmpty, "\(name) has dated ticks")
        }
        #expect(sections["valuations"]!.contains(">$100M<") && sections["valuations"]!.contains(">$1B<"), "log ticks are labelled")
        #expect(sections["stakes"]!.contains(">Big Fund: 9.00%<"), "the legend shows the latest value")
    }

    /// One mark per event on the timeline: the partnership, r1 (superseded), fix, r2, r3 (retracted), drop, and two governance events.
    @Test func timelineMarksEveryTermChangeAndGovernanceEvent() throws {
        let timeline = HTMLProbe(html: try F.reportHTML(F.acmeLedger())).sections["timeline"]!
        let svg = String(timeline[..<timeline.range(of: "</svg>")!.lowerBound])
        #expect(HTMLProbe.attribute("data-event", in: svg) == ["partnership-acme-bolt", "r1", "fix", "r2", "r3", "drop", "ceo-ann", "ceo-bob"])
        #expect(svg.components(separatedBy: "withdrawn\" data-number").count - 1 == 2)
        #expect(timeline.contains("superseded: corrected on 2021-06-01 by fix"))
        #expect(timeline.contains("retracted: retracted on 2023-06-01 by drop"))
        #expect(timeline.contains("retraction of r3: never signed"))
        #expect(HTMLProbe.attribute("data-kind", in: timeline).count == 8)
    }

    @Test func termsTableListsTheTermsInForce() throws {
        let terms = HTMLProbe(html: try F.reportHTML(F.acmeLedger())).sections["terms"]!
        #expect(HTMLProbe.attribute("data-term", in: terms) == ["ip-rights", "revenue-share"])
        #expect(terms.contains("rate 30.00%"))
    }

    @Test func asOfLimitsWhatIsShown() throws {
        let probe = HTMLProbe(html: try F.reportHTML(F.acmeLedger(), asOf: "2020-12-31"))
        #expect(HTMLProbe.series(in: probe.sections["valuations"]!)["acme"]?.points.count == 1)
        #expect(!probe.sections["timeline"]!.contains("data-event=\"r2\""))
        #expect(probe.html.contains("As of <strong>2020-12-31</strong>"))
    }

    @Test func textFromEventsIsEscaped() throws {
        var events = F.acmeEvents
        events[0] = F.party("acme", name: "<script>alert(1)</script> & Co")
        events.append(F.renegotiation("evil", "acme-bolt", date: "2023-02-01", sources: ["javascript:alert(2)", "https://x.test/?a=1&b=\"2\""],
                                      [F.set("note", .string("<img src=x onerror=alert(3)>"))]))
        let html = try F.reportHTML(F.store(events))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("href=\"javascript"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"))
        #expect(html.contains("href=\"https://x.test/?a=1&amp;b=&quot;2&quot;\""))
    }

    @Test func pageIsSelfContainedAndPrintable() throws {
        let html = try F.reportHTML(F.acmeLedger())
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        for outside in ["<script", "<link", " src=", "@import", "url("] { #expect(!html.contains(outside), "\(outside)") }
        #expect(html.contains("@media print"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
    }

    /// A long history keeps the page readable: the latest entries on the timeline, with a note saying how many there are.
    @Test func longTimelinesKeepTheLatestEntries() throws {
        var events = Array(F.acmeEvents.prefix(4))
        var date = F.day("2020-01-02")
        for index in 0..<(HTMLReport.timelineLimit + 20) {
            date = date.adding(days: 3)!
            events.append(F.renegotiation("bump-\(index)", "acme-bolt", date: date.text, [F.set("counter", .number(String(index)))]))
        }
        let store = try EventStore.inMemory()
        _ = try store.append(events.map { SourcedEvent($0) })
        let timeline = HTMLProbe(html: try F.reportHTML(store, asOf: "2030-01-01")).sections["timeline"]!
        #expect(HTMLProbe.attribute("data-kind", in: timeline).count == HTMLReport.timelineLimit)
        #expect(timeline.contains("Showing the latest \(HTMLReport.timelineLimit) of \(HTMLReport.timelineLimit + 21) entries"))
        #expect(timeline.contains("data-event=\"bump-\(HTMLReport.timelineLimit + 19)\""))
        #expect(!timeline.contains("data-event=\"partnership-acme-bolt\""))
    }

    @Test func anEmptyLedgerStillGivesAPage() throws {
        let probe = HTMLProbe(html: try F.reportHTML(F.store([])))
        for name in ["valuations", "stakes", "investments", "funding", "flows", "timeline", "terms"] { #expect(probe.sectionCount(name) == 1) }
        #expect(HTMLProbe.charts(in: probe.html).isEmpty)
    }

    @Test func bundledHistoryReportHasEveryChart() throws {
        let probe = HTMLProbe(html: try F.reportHTML(F.bundledLedger(), asOf: "2026-06-30"))
        let charts = HTMLProbe.charts(in: probe.html)
        // One committed-versus-funded chart per investor→company pair not paid in full at once, and the flows chart.
        #expect(charts == ["valuations", "stakes-anthropic", "stakes-openai", "investments",
                           "funding-amazon-in-anthropic", "funding-google-in-anthropic", "funding-microsoft-in-anthropic",
                           "funding-nvidia-in-anthropic", "funding-amazon-in-openai", "funding-microsoft-in-openai",
                           "funding-other-investors-2025-03-in-openai", "funding-softbank-in-openai", "flows", "timeline"])
        let valuations = HTMLProbe.series(in: probe.sections["valuations"]!)
        // OpenAI's latest price by mid-2026 is its $122B round at $852B post-money (2026-03-31).
        #expect(valuations["openai"]?.points.last?.1 == "852000000000")
        let investments = HTMLProbe.series(in: probe.sections["investments"]!)
        #expect(investments["microsoft-in-openai"]?.name == "Microsoft → OpenAI")
    }
}
