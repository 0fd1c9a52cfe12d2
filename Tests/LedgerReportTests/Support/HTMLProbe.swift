import TestSupport
import Foundation

/// Reads back what the report wrote: sections, charts, series and their data points, from the HTML text.
///
/// The report marks its parts with `data-*` attributes for exactly this; the
/// probe uses plain regular expressions, no HTML parser, so it checks the
/// bytes a browser would receive.
struct HTMLProbe {
    let html: String

    /// The inner HTML of each `<section data-section="…">`, by name.
    var sections: [String: String] {
        var result: [String: String] = [:]
        for match in html.matches(of: try! Regex(#"<section id="[^"]*" data-section="([a-z-]+)">(.*?)</section>"#).dotMatchesNewlines()) {
            result[String(match.output[1].substring!)] = String(match.output[2].substring!)
        }
        return result
    }

    /// How many times `<section data-section="name"` occurs.
    func sectionCount(_ name: String) -> Int { html.components(separatedBy: "data-section=\"\(name)\"").count - 1 }

    /// The `data-chart` names of the SVG charts in `fragment`, in order.
    static func charts(in fragment: String) -> [String] {
        fragment.matches(of: try! Regex(#"<svg class="chart[^"]*" data-chart="([^"]+)""#)).map { String($0.output[1].substring!) }
    }

    /// Series in `fragment`: id → (name, points as (date, value)).
    static func series(in fragment: String) -> [String: (name: String, points: [(String, String)])] {
        var result: [String: (String, [(String, String)])] = [:]
        let block = try! Regex(#"<g class="series" data-series="([^"]*)" data-name="([^"]*)">(.*?)</g>"#).dotMatchesNewlines()
        let point = try! Regex(#"class="point"[^>]*data-date="([^"]+)" data-value="([^"]+)""#)
        for match in fragment.matches(of: block) {
            let points = String(match.output[3].substring!).matches(of: point).map {
                (String($0.output[1].substring!), String($0.output[2].substring!))
            }
            result[String(match.output[1].substring!)] = (String(match.output[2].substring!), points)
        }
        return result
    }

    /// The values of attribute `name` on every element that has it, in `fragment`.
    static func attribute(_ name: String, in fragment: String) -> [String] {
        fragment.matches(of: try! Regex(" \(name)=\"([^\"]*)\"")).map { String($0.output[1].substring!) }
    }
}
