import Foundation
import LedgerCore

/// An SVG timeline: one row per partnership (term changes and proposals), per company in round talks and per company
/// (governance), numbered marks on a date axis.
///
/// Marks carry the number of their entry in the table under the chart,
/// where the details are; marks too close to fit side by side move to a
/// second lane of their row. Filled marks are confirmed facts, hollow ones
/// reported or estimated; struck (grey) marks are changes no longer believed.
///
/// ```swift
/// let svg = TimelineChart(rows: rows, start: first, end: asOf).svg()
/// ```
struct TimelineChart {
    struct Row {
        var label: String
        var entries: [TimelineEntry]
    }

    var rows: [Row]
    var start: LedgerDate
    var end: LedgerDate

    static let width = 880.0
    static let labelWidth = 170.0
    static let laneHeight = 22.0
    static let maxLanes = 6

    func svg() -> String {
        let left = Self.labelWidth, right = Self.width - 20
        let axis = DateAxis(from: start, to: end, left: left + 10, right: right - 10)
        var out: [String] = []
        var body: [String] = []
        var y = 10.0
        for (index, row) in rows.enumerated() {
            // Lanes: each mark goes to the first lane where it does not touch the previous mark.
            var laneEnds: [Double] = []
            var placed: [(entry: TimelineEntry, x: Double, lane: Int)] = []
            for entry in row.entries.sorted(by: { ($0.date, $0.number) < ($1.date, $1.number) }) {
                let x = axis.x(entry.date)
                // Crowded rows stop growing at `maxLanes`; the last lane then overlaps, the table below stays exact.
                let lane = laneEnds.firstIndex { $0 + 20 <= x } ?? min(laneEnds.count, Self.maxLanes - 1)
                if lane == laneEnds.count { laneEnds.append(x) } else { laneEnds[lane] = x }
                placed.append((entry, x, lane))
            }
            let height = Double(max(laneEnds.count, 1)) * Self.laneHeight + 8
            body.append("<g class=\"timeline-row\" data-row=\"\(HTML.escape(row.label))\">")
            if index % 2 == 0 {
                body.append("<rect class=\"band\" x=\"0\" y=\"\(ChartStyle.px(y))\" width=\"\(Int(Self.width))\" height=\"\(ChartStyle.px(height))\"/>")
            }
            body.append("<text class=\"row-label\" x=\"\(ChartStyle.px(left - 8))\" y=\"\(ChartStyle.px(y + height / 2))\" text-anchor=\"end\" dominant-baseline=\"middle\">\(HTML.escape(row.label))</text>")
            for item in placed {
                let cy = y + 4 + Self.laneHeight * (Double(item.lane) + 0.5)
                let entry = item.entry
                let confirmed = entry.status == .confirmed
                let withdrawn = entry.withdrawn != nil
                let classes = ["mark", entry.kind.rawValue, confirmed ? "confirmed" : "unconfirmed", withdrawn ? "withdrawn" : nil]
                    .compactMap { $0 }.joined(separator: " ")
                let tip = "#\(entry.number) \(entry.date.text) \(entry.eventId) (\(entry.type.rawValue), \(entry.status.rawValue)): \(entry.items.joined(separator: "; "))"
                body.append("<g class=\"\(classes)\" data-number=\"\(entry.number)\" data-date=\"\(entry.date.text)\" data-event=\"\(HTML.escape(entry.eventId))\">")
                body.append("<title>\(HTML.escape(tip))</title>")
                let shape = Self.shape(entry.kind)
                body.append(ChartStyle.marker(shape, x: item.x, y: cy, size: 8, attributes: "class=\"mark-shape\">") + ChartStyle.closing(shape))
                body.append("<text class=\"mark-number\" x=\"\(ChartStyle.px(item.x))\" y=\"\(ChartStyle.px(cy + 0.5))\" text-anchor=\"middle\" dominant-baseline=\"middle\">\(entry.number)</text>")
                body.append("</g>")
            }
            body.append("</g>")
            y += height
        }
        let bottom = y
        // Legend: what the mark shapes and fills mean, wrapped to the width.
        var legend: [(ChartStyle.Marker, String, String)] = [
            (.circle, "mark terms confirmed", "term change, confirmed"),
            (.circle, "mark terms unconfirmed", "term change, reported or estimate"),
            (.circle, "mark terms confirmed withdrawn", "no longer believed (corrected or retracted)"),
            (.diamond, "mark governance confirmed", "governance event"),
        ]
        // The negotiation mark is explained only where the timeline has one.
        if rows.contains(where: { $0.entries.contains { Self.shape($0.kind) == .square } }) {
            legend.append((.square, "mark proposed-terms confirmed", "negotiation stage (proposed, never in force)"))
        }
        var legendPlaces: [(x: Double, y: Double)] = []
        var lx = 20.0, ly = bottom + 40
        for (_, _, label) in legend {
            let width = 34 + ChartStyle.textWidth(label)
            if lx + width > right { lx = 20; ly += 22 }
            legendPlaces.append((lx, ly))
            lx += width
        }
        let height = ly + 16
        out.append("<svg class=\"chart timeline\" data-chart=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(Self.width)) \(Int(height.rounded(.up)))\" role=\"img\" aria-label=\"Timeline of term changes, negotiations and governance events\">")
        out.append("<title>Timeline of term changes, negotiations and governance events</title>")
        out.append("<g class=\"axis x-axis\">")
        for tick in axis.ticks {
            let x = ChartStyle.px(axis.x(tick.date))
            out.append("<line class=\"grid\" x1=\"\(x)\" x2=\"\(x)\" y1=\"10\" y2=\"\(ChartStyle.px(bottom))\"/>")
            out.append("<text class=\"tick-label\" x=\"\(x)\" y=\"\(ChartStyle.px(bottom + 16))\" text-anchor=\"middle\" data-date=\"\(tick.date.text)\">\(HTML.escape(tick.label))</text>")
        }
        out.append("<line class=\"axis-line\" x1=\"\(ChartStyle.px(left))\" x2=\"\(ChartStyle.px(right))\" y1=\"\(ChartStyle.px(bottom))\" y2=\"\(ChartStyle.px(bottom))\"/>")
        out.append("</g>")
        out += body
        out.append("<g class=\"legend\">")
        for ((shape, classes, label), place) in zip(legend, legendPlaces) {
            out.append("<g class=\"legend-item \(classes)\">" + ChartStyle.marker(shape, x: place.x + 8, y: place.y, size: 7, attributes: "class=\"mark-shape\">")
                       + ChartStyle.closing(shape)
                       + "<text x=\"\(ChartStyle.px(place.x + 20))\" y=\"\(ChartStyle.px(place.y))\" dominant-baseline=\"middle\">\(HTML.escape(label))</text></g>")
        }
        out.append("</g>")
        out.append("</svg>")
        return out.joined(separator: "\n")
    }

    /// The mark of an entry: circles for term changes, diamonds for governance, squares for negotiation stages.
    static func shape(_ kind: TimelineEntry.Kind) -> ChartStyle.Marker {
        switch kind {
        case .terms: .circle
        case .governance: .diamond
        case .proposedTerms, .proposedRound: .square
        }
    }
}
