import Foundation

/// Colours, dash patterns and marker shapes that tell series apart on screen and on paper.
///
/// Colours are the Okabe–Ito palette (distinguishable with colour-blindness);
/// each series also gets its own dash pattern and marker shape, so a
/// black-and-white printout still separates the lines.
///
/// ```swift
/// ChartStyle.series(2).color // "#009E73"
/// ```
enum ChartStyle {
    struct Series {
        var color: String
        var dash: String?
        var marker: Marker
    }

    enum Marker: CaseIterable { case circle, square, triangle, diamond }

    private static let colors = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#7F7F7F"]
    private static let dashes: [String?] = [nil, "7 3", "2 3", "9 3 2 3"]

    /// The style of the `index`-th series of a chart.
    static func series(_ index: Int) -> Series {
        Series(color: colors[index % colors.count],
               dash: dashes[(index / colors.count + index) % dashes.count],
               marker: Marker.allCases[index % Marker.allCases.count])
    }

    /// An SVG element drawing `marker` centred on (`x`, `y`), with `attributes` added.
    static func marker(_ marker: Marker, x: Double, y: Double, size: Double, attributes: String) -> String {
        let s = size
        switch marker {
        case .circle:
            return "<circle cx=\"\(px(x))\" cy=\"\(px(y))\" r=\"\(px(s))\" \(attributes)"
        case .square:
            return "<rect x=\"\(px(x - s))\" y=\"\(px(y - s))\" width=\"\(px(2 * s))\" height=\"\(px(2 * s))\" \(attributes)"
        case .triangle:
            return "<path d=\"M\(px(x)) \(px(y - s * 1.2))L\(px(x + s * 1.1)) \(px(y + s * 0.9))L\(px(x - s * 1.1)) \(px(y + s * 0.9))Z\" \(attributes)"
        case .diamond:
            return "<path d=\"M\(px(x)) \(px(y - s * 1.3))L\(px(x + s * 1.1)) \(px(y))L\(px(x)) \(px(y + s * 1.3))L\(px(x - s * 1.1)) \(px(y))Z\" \(attributes)"
        }
    }

    /// The closing tag of the element ``marker(_:x:y:size:attributes:)`` opens for `marker`.
    static func closing(_ marker: Marker) -> String {
        switch marker {
        case .circle: "</circle>"
        case .square: "</rect>"
        case .triangle, .diamond: "</path>"
        }
    }

    /// A pixel coordinate with one decimal, the precision SVG needs here.
    static func px(_ value: Double) -> String { String(format: "%.1f", value) }

    /// The approximate width of `text` at 12px, for laying out legends without a browser.
    static func textWidth(_ text: String, size: Double = 12) -> Double { Double(text.count) * size * 0.58 }
}
