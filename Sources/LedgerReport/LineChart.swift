import Foundation
import LedgerCore

/// An SVG step chart of exact series over dates, with axes, ticks, a legend and data markers.
///
/// Each value holds until the next one (a valuation, a stake, a cumulative
/// amount stays in force until an event moves it), so lines are drawn as
/// steps and continue to the report's as-of date. Markers carry the exact
/// value, date and event in `data-*` attributes and a `<title>` tooltip, so
/// the page needs no JavaScript and tests can read the data back.
///
/// ```swift
/// let chart = LineChart(id: "valuations", title: "Valuations", series: series, scale: .log, end: asOf)
/// let svg = chart.svg()
/// ```
struct LineChart {
    /// `data-chart` attribute: what the chart shows.
    var id: String
    /// Accessible title.
    var title: String
    var series: [ChartSeries]
    var scale: ValueAxis.Scale
    /// Lines run up to this date.
    var end: LedgerDate
    /// Tallest a fraction axis may go (1 for stakes).
    var cap: ExactDecimal?

    static let width = 880.0
    /// Series longer than this are drawn without point markers.
    static let markerLimit = 400
    static let plotHeight = 260.0
    static let margin = (left: 76.0, right: 20.0, top: 14.0)

    func svg() -> String {
        let plotted = series.map { s in
            // A log axis cannot show zero or less; such points are left out of the line.
            ChartSeries(id: s.id, name: s.name, unit: s.unit, points: scale == .log ? s.points.filter { $0.value > 0 } : s.points)
        }.filter { !$0.points.isEmpty }
        let values = plotted.flatMap { $0.points.map(\.value) }
        let dates = plotted.flatMap { $0.points.map(\.date) }
        let left = Self.margin.left, right = Self.width - Self.margin.right
        let top = Self.margin.top, bottom = Self.margin.top + Self.plotHeight
        let xAxis = DateAxis(from: dates.min() ?? end, to: max(dates.max() ?? end, end), left: left + 8, right: right - 8)
        let yAxis = scale == .log ? ValueAxis.log(values: values, bottom: bottom, top: top)
            : ValueAxis.linear(values: values, bottom: bottom, top: top, cap: cap)
        let unit = plotted.first?.unit ?? .fraction

        var legendItems: [(x: Double, y: Double, index: Int)] = []
        var lx = left, ly = bottom + 46
        for index in plotted.indices {
            let width = 34 + ChartStyle.textWidth(legendLabel(plotted[index])) + 18
            if lx + width > right, lx > left { lx = left; ly += 20 }
            legendItems.append((lx, ly, index))
            lx += width
        }
        let height = (legendItems.last?.y ?? bottom + 46) + 14

        var out: [String] = []
        out.append("<svg class=\"chart\" data-chart=\"\(HTML.escape(id))\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(Self.width)) \(Int(height.rounded(.up)))\" role=\"img\" aria-label=\"\(HTML.escape(title))\">")
        out.append("<title>\(HTML.escape(title))</title>")
        // Grid and value axis.
        out.append("<g class=\"axis y-axis\" data-scale=\"\(scale == .log ? "log" : "linear")\">")
        for tick in yAxis.ticks {
            let y = ChartStyle.px(yAxis.y(tick))
            out.append("<line class=\"grid\" x1=\"\(ChartStyle.px(left))\" x2=\"\(ChartStyle.px(right))\" y1=\"\(y)\" y2=\"\(y)\"/>")
            out.append("<text class=\"tick-label\" x=\"\(ChartStyle.px(left - 6))\" y=\"\(y)\" text-anchor=\"end\" dominant-baseline=\"middle\">\(HTML.escape(tickLabel(tick, unit)))</text>")
        }
        out.append("<line class=\"axis-line\" x1=\"\(ChartStyle.px(left))\" x2=\"\(ChartStyle.px(left))\" y1=\"\(ChartStyle.px(top))\" y2=\"\(ChartStyle.px(bottom))\"/>")
        out.append("</g>")
        // Date axis.
        out.append("<g class=\"axis x-axis\">")
        out.append("<line class=\"axis-line\" x1=\"\(ChartStyle.px(left))\" x2=\"\(ChartStyle.px(right))\" y1=\"\(ChartStyle.px(bottom))\" y2=\"\(ChartStyle.px(bottom))\"/>")
        for tick in xAxis.ticks {
            let x = ChartStyle.px(xAxis.x(tick.date))
            out.append("<line class=\"tick\" x1=\"\(x)\" x2=\"\(x)\" y1=\"\(ChartStyle.px(bottom))\" y2=\"\(ChartStyle.px(bottom + 5))\"/>")
            out.append("<text class=\"tick-label\" x=\"\(x)\" y=\"\(ChartStyle.px(bottom + 18))\" text-anchor=\"middle\" data-date=\"\(tick.date.text)\">\(HTML.escape(tick.label))</text>")
        }
        out.append("</g>")
        // Series: a step line to the as-of date, then the markers on top.
        let xEnd = xAxis.x(max(end, dates.max() ?? end))
        for (index, s) in plotted.enumerated() {
            let style = ChartStyle.series(index)
            var path = ""
            for (offset, point) in s.points.enumerated() {
                let x = ChartStyle.px(xAxis.x(point.date)), y = ChartStyle.px(yAxis.y(point.value))
                path += offset == 0 ? "M\(x) \(y)" : "H\(x)V\(y)"
            }
            path += "H\(ChartStyle.px(xEnd))"
            out.append("<g class=\"series\" data-series=\"\(HTML.escape(s.id))\" data-name=\"\(HTML.escape(s.name))\">")
            let dash = style.dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
            out.append("<path class=\"line\" d=\"\(path)\" fill=\"none\" stroke=\"\(style.color)\" stroke-width=\"2\"\(dash)/>")
            // Hundreds of markers on one line would be an ink blot; the step line alone carries a long series.
            for point in s.points where s.points.count <= Self.markerLimit {
                let attributes = "class=\"point\" fill=\"\(style.color)\" data-date=\"\(point.date.text)\" data-value=\"\(ExactDecimal.text(point.value))\" data-event=\"\(HTML.escape(point.eventId))\">"
                    + "<title>\(HTML.escape("\(s.name): \(valueText(point.value, s.unit)) on \(point.date.text) (event \(point.eventId))"))</title>"
                out.append(ChartStyle.marker(style.marker, x: xAxis.x(point.date), y: yAxis.y(point.value), size: 3.5, attributes: attributes) + ChartStyle.closing(style.marker))
            }
            out.append("</g>")
        }
        // Legend: line sample, marker, name and the latest value.
        out.append("<g class=\"legend\">")
        for item in legendItems {
            let s = plotted[item.index], style = ChartStyle.series(item.index)
            let dash = style.dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
            out.append("<g class=\"legend-item\" data-series=\"\(HTML.escape(s.id))\">")
            out.append("<line x1=\"\(ChartStyle.px(item.x))\" x2=\"\(ChartStyle.px(item.x + 26))\" y1=\"\(ChartStyle.px(item.y))\" y2=\"\(ChartStyle.px(item.y))\" stroke=\"\(style.color)\" stroke-width=\"2\"\(dash)/>")
            out.append(ChartStyle.marker(style.marker, x: item.x + 13, y: item.y, size: 3.5, attributes: "fill=\"\(style.color)\">") + ChartStyle.closing(style.marker))
            out.append("<text x=\"\(ChartStyle.px(item.x + 32))\" y=\"\(ChartStyle.px(item.y))\" dominant-baseline=\"middle\">\(HTML.escape(legendLabel(s)))</text>")
            out.append("</g>")
        }
        out.append("</g>")
        out.append("</svg>")
        return out.joined(separator: "\n")
    }

    private func legendLabel(_ s: ChartSeries) -> String {
        guard let last = s.points.last else { return s.name }
        return "\(s.name): \(valueText(last.value, s.unit))"
    }

    private func valueText(_ value: ExactDecimal, _ unit: SeriesUnit) -> String {
        switch unit {
        case .money(let currency): ValueText.money(Money(amount: value, currency: currency))
        case .fraction: ValueText.percent(value)
        }
    }

    private func tickLabel(_ value: ExactDecimal, _ unit: SeriesUnit) -> String {
        switch unit {
        case .money(let currency): ValueText.compactMoney(value, currency: currency)
        case .fraction: ValueText.percent(value, places: 0)
        }
    }
}
