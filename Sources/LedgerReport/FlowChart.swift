import Foundation
import LedgerCore

/// An SVG chart of money flowing both ways between pairs of parties: bars to the left for what the investor put into
/// the company (committed, and the funded part of it), bars to the right for the compute the company committed to buy
/// back from the investor.
///
/// One row per pair, one currency per chart, one linear scale for both sides so the bars compare. Bars carry their exact
/// values in `data-*` attributes and a `<title>` tooltip.
///
/// ```swift
/// let svg = FlowChart(id: "flows", currency: "USD", flows: state.flows().filter { $0.purchases > 0 }, names: state.name(of:)).svg()
/// ```
struct FlowChart {
    /// `data-chart` attribute.
    var id: String
    var currency: String
    var flows: [FlowView]
    /// The display name of a party id.
    var names: (String) -> String

    static let width = 880.0
    static let labelWidth = 200.0
    static let rowHeight = 34.0

    func svg() -> String {
        let left = Self.labelWidth + 10, right = Self.width - 20
        let middle = (left + right) / 2, half = (right - left) / 2 - 8
        let largest = flows.map { max($0.investment.committed, $0.investment.funded, $0.purchases) }.max() ?? 0
        let axis = ValueAxis.linear(values: [0, largest], bottom: 0, top: half)
        let top = 28.0
        let bottom = top + Self.rowHeight * Double(flows.count)
        func money(_ amount: ExactDecimal) -> String { ValueText.money(Money(amount: amount, currency: currency)) }
        let title = "Money in and compute bought back (\(currency))"

        var out: [String] = []
        let legendY = bottom + 40
        out.append("<svg class=\"chart flows\" data-chart=\"\(HTML.escape(id))\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(Self.width)) \(Int(legendY + 16))\" role=\"img\" aria-label=\"\(HTML.escape(title))\">")
        out.append("<title>\(HTML.escape(title))</title>")
        out.append("<text class=\"side-label\" x=\"\(ChartStyle.px(middle - 8))\" y=\"14\" text-anchor=\"end\">← money in: investor → company</text>")
        out.append("<text class=\"side-label\" x=\"\(ChartStyle.px(middle + 8))\" y=\"14\" text-anchor=\"start\">compute bought back: company → investor →</text>")
        out.append("<g class=\"axis x-axis\">")
        for tick in axis.ticks {
            for sign in [-1.0, 1.0] where tick > 0 || sign > 0 {
                let x = ChartStyle.px(middle + sign * axis.y(tick))
                out.append("<line class=\"grid\" x1=\"\(x)\" x2=\"\(x)\" y1=\"\(ChartStyle.px(top - 4))\" y2=\"\(ChartStyle.px(bottom))\"/>")
                out.append("<text class=\"tick-label\" x=\"\(x)\" y=\"\(ChartStyle.px(bottom + 16))\" text-anchor=\"middle\" data-value=\"\(ExactDecimal.text(tick))\">\(HTML.escape(ValueText.compactMoney(tick, currency: currency)))</text>")
            }
        }
        out.append("<line class=\"axis-line\" x1=\"\(ChartStyle.px(middle))\" x2=\"\(ChartStyle.px(middle))\" y1=\"\(ChartStyle.px(top - 4))\" y2=\"\(ChartStyle.px(bottom))\"/>")
        out.append("</g>")
        for (index, flow) in flows.enumerated() {
            let y = top + Self.rowHeight * Double(index)
            let pair = "\(names(flow.investor)) ⇄ \(names(flow.company))"
            out.append("<g class=\"flow\" data-investor=\"\(HTML.escape(flow.investor))\" data-company=\"\(HTML.escape(flow.company))\">")
            out.append("<text class=\"row-label\" x=\"\(ChartStyle.px(left - 10))\" y=\"\(ChartStyle.px(y + Self.rowHeight / 2))\" text-anchor=\"end\" dominant-baseline=\"middle\">\(HTML.escape(pair))</text>")
            let bars: [(kind: String, value: ExactDecimal, sign: Double, offset: Double, height: Double, text: String)] = [
                ("committed", flow.investment.committed, -1, 5, 24, "\(names(flow.investor)) committed \(money(flow.investment.committed)) to \(names(flow.company))"),
                ("funded", flow.investment.funded, -1, 11, 12, "\(names(flow.investor)) has paid \(money(flow.investment.funded)) into \(names(flow.company))"),
                ("purchases", flow.purchases, 1, 5, 24, "\(names(flow.company)) committed to buy \(money(flow.purchases)) of compute from \(names(flow.investor))"),
            ]
            for bar in bars where bar.value > 0 {
                let length = axis.y(bar.value)
                let x = bar.sign < 0 ? middle - length : middle
                out.append("<rect class=\"bar \(bar.kind)\" x=\"\(ChartStyle.px(x))\" y=\"\(ChartStyle.px(y + bar.offset))\" width=\"\(ChartStyle.px(max(length, 1)))\" height=\"\(ChartStyle.px(bar.height))\" data-value=\"\(ExactDecimal.text(bar.value))\"><title>\(HTML.escape(bar.text))</title></rect>")
            }
            out.append("</g>")
        }
        let legend = [("committed", "committed (money pledged)"), ("funded", "funded (money paid)"), ("purchases", "compute the company committed to buy back")]
        out.append("<g class=\"legend\">")
        var lx = 20.0
        for (kind, label) in legend {
            out.append("<g class=\"legend-item\"><rect class=\"bar \(kind)\" x=\"\(ChartStyle.px(lx))\" y=\"\(ChartStyle.px(legendY - 6))\" width=\"18\" height=\"12\"/>"
                + "<text x=\"\(ChartStyle.px(lx + 24))\" y=\"\(ChartStyle.px(legendY))\" dominant-baseline=\"middle\">\(HTML.escape(label))</text></g>")
            lx += 40 + ChartStyle.textWidth(label)
        }
        out.append("</g>")
        out.append("</svg>")
        return out.joined(separator: "\n")
    }
}
