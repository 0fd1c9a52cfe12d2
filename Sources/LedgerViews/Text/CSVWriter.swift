/// RFC 4180 CSV: fields quoted when they hold a comma, quote or line break.
public enum CSVWriter {
    /// One CSV line, fields quoted where needed.
    public static func line(_ fields: [String]) -> String {
        fields.map { field in
            guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",")
    }

    /// A header line and one line per row.
    public static func document(_ header: [String], _ rows: [[String]]) -> String {
        ([header] + rows).map(line).joined(separator: "\n")
    }
}
