/// An aligned plain-text table: a header row, a rule, then the rows.
///
/// Columns listed in `rightAligned` (by index) are right-aligned, for numbers.
/// Cells longer than `wrapWidth` are word-wrapped onto continuation lines, so
/// long term values stay readable in an 80–120 column terminal.
public struct TextTable {
    /// The column titles.
    public var headers: [String]
    /// The rows, one cell per column.
    public var rows: [[String]] = []
    /// Indexes of right-aligned columns.
    public var rightAligned: Set<Int> = []
    /// Cells wider than this are word-wrapped.
    public var wrapWidth = 56

    /// A table with these column titles.
    public init(_ headers: [String], rightAligned: Set<Int> = []) {
        self.headers = headers
        self.rightAligned = rightAligned
    }

    /// Adds a row.
    public mutating func add(_ row: [String]) { rows.append(row) }

    /// The aligned text, trailing spaces trimmed.
    public var rendered: String {
        let wrappedRows = rows.map { row in headers.indices.map { column in wrap(column < row.count ? row[column] : "") } }
        let widths = headers.indices.map { column in
            ([headers[column].count] + wrappedRows.flatMap { $0[column].map(\.count) }).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            let text = cells.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: max(0, widths[column] - cell.count))
                return rightAligned.contains(column) ? pad + cell : cell + pad
            }.joined(separator: "  ")
            return String(text.reversed().drop { $0 == " " }.reversed())
        }
        var lines = [line(headers), line(widths.map { String(repeating: "-", count: $0) })]
        for row in wrappedRows {
            let height = row.map(\.count).max() ?? 1
            for offset in 0..<height { lines.append(line(row.map { offset < $0.count ? $0[offset] : "" })) }
        }
        return lines.joined(separator: "\n")
    }

    private func wrap(_ text: String) -> [String] {
        guard text.count > wrapWidth else { return [text] }
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if !current.isEmpty && current.count + 1 + word.count > wrapWidth {
                lines.append(current)
                current = String(word)
            } else {
                current = current.isEmpty ? String(word) : current + " " + word
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
