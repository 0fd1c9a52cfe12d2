/// Escaping for text placed into HTML and SVG.
///
/// Every string that comes from an event (ids, names, terms, notes,
/// sources) passes through here before it reaches the page, so an event
/// cannot inject markup into a report.
///
/// ```swift
/// HTML.escape("<b>R&D</b>") // "&lt;b&gt;R&amp;D&lt;/b&gt;"
/// ```
public enum HTML {
    /// Escapes `&`, `<`, `>`, `"` and `'`: safe in text and in quoted attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A source as HTML: a link when it is an http(s) URL, else escaped text.
    ///
    /// Only `http:` and `https:` become links, so a `javascript:` source stays inert text.
    public static func source(_ source: String) -> String {
        let lower = source.lowercased()
        guard (lower.hasPrefix("https://") || lower.hasPrefix("http://")), !source.contains(where: \.isWhitespace) else {
            return escape(source)
        }
        return "<a href=\"\(escape(source))\">\(breakable(source))</a>"
    }

    /// A URL as escaped text with line-break opportunities (`<wbr>`) after `/`, `.`, `-`, `?`, `&`, `=`
    /// and `_`, so a long address wraps between its parts, never in the middle of a word.
    static func breakable(_ url: String) -> String {
        var out = ""
        for character in url {
            out += escape(String(character))
            if "/.-?&=_".contains(character) { out += "<wbr>" }
        }
        return out
    }
}
