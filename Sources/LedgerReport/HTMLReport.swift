import LedgerCore

/// The self-contained HTML report: inline SVG charts and CSS, no network, no JavaScript.
///
/// Sections, each a `<section data-section="…">`: valuations over time
/// (log scale), each company's holders' stakes over time, cumulative
/// investment by investor, committed versus funded per investor and company,
/// money in beside compute bought back (purchase commitments), a timeline of
/// term changes, negotiations and governance events with its numbered table,
/// and the terms in force. Every text taken from
/// events is HTML-escaped (see ``HTML``).
///
/// ```swift
/// let html = HTMLReport(input).render()
/// try html.write(toFile: "report.html", atomically: true, encoding: .utf8)
/// ```
public struct HTMLReport: Sendable {
    /// What the report shows.
    public let input: ReportInput

    /// A report of `input`.
    public init(_ input: ReportInput) { self.input = input }

    /// The whole page.
    public func render() -> String {
        let title = HTML.escape(input.title)
        let known = input.knownAt.map { "as known at \(HTML.escape($0))" } ?? "everything recorded"
        var page: [String] = [
            "<!DOCTYPE html>",
            "<html lang=\"en\">",
            "<head>",
            "<meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<meta name=\"generator\" content=\"partnership-ledger report\">",
            "<title>\(title) — as of \(input.asOf.text)</title>",
            "<style>\n\(ReportStyle.css)\n</style>",
            "</head>",
            "<body>",
            "<main>",
            "<header>",
            "<h1>\(title)</h1>",
            "<p class=\"meta\">As of <strong>\(input.asOf.text)</strong> (effective date), \(known); \(ValueText.count(input.state.appliedCount, "event")) applied; "
                + "\(ValueText.count(input.state.partnerships.count, "partnership")), "
                + "\(ValueText.count(input.series.valuations.count, "company", plural: "companies")) valued.</p>",
            "<p class=\"note\">Figures are as recorded in the ledger, with their status: <em>reported</em> and <em>estimate</em> "
                + "figures come from press or secondary sources. Hover a point for its exact value and event.</p>",
            "</header>",
        ]
        page += valuationsSection()
        page += stakesSection()
        page += investmentsSection()
        page += fundingSection()
        page += flowsSection()
        page += timelineSection()
        page += termsSection()
        page += ["</main>", "</body>", "</html>", ""]
        return page.joined(separator: "\n")
    }

    /// Most entries the timeline shows (the latest ones); the audit command lists them all.
    public static let timelineLimit = 300

    /// A `<figure>` holding a chart and its caption.
    func figure(_ svg: String, caption: String) -> [String] {
        ["<figure>", svg, "<figcaption>\(caption)</figcaption>", "</figure>"]
    }

    /// Splits series by currency, so each chart has one money axis.
    func byCurrency(_ series: [ChartSeries]) -> [(currency: String?, series: [ChartSeries])] {
        var order: [String?] = []
        var groups: [String?: [ChartSeries]] = [:]
        for s in series {
            let key: String? = if case .money(let currency) = s.unit { currency } else { nil }
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(s)
        }
        return order.map { ($0, groups[$0]!) }
    }
}
