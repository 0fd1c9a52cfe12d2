/// Word-wrapping and counting for the history views' plain-text output.
public enum TextWrap {
    /// `prefix` + `text`, wrapped at `limit` columns, continuation lines aligned under the text.
    ///
    /// ```text
    ///     revenue-share   rate: 20.00% → 8.00%; until: 2030 → AGI verified by
    ///                     the expert panel
    /// ```
    public static func lines(_ prefix: String, _ text: String, limit: Int = 110) -> [String] {
        let room = max(limit - prefix.count, 30)
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if !current.isEmpty, current.count + 1 + word.count > room {
                lines.append(current)
                current = String(word)
            } else {
                current = current.isEmpty ? String(word) : current + " " + word
            }
        }
        lines.append(current)
        let indent = String(repeating: " ", count: prefix.count)
        return lines.enumerated().map { ($0.offset == 0 ? prefix : indent) + $0.element }
    }

}
