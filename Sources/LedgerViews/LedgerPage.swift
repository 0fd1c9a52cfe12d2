import LedgerCore

/// The output formats of a query: an aligned table for people, JSON and CSV for programs.
public enum ViewFormat: String, CaseIterable, Sendable {
    case table, json, csv
}

/// One query's answer, ready in every format: what a command prints, built without printing.
///
/// A front end loads a page (each page type has a `load` that reads the store) and prints
/// ``text(_:)`` in the format the user asked for. JSON follows CONTRACT.md §3.
public protocol LedgerPage {
    /// The table for people: a heading, aligned rows, notes.
    var table: String { get }
    /// The JSON value.
    var json: JSONValue { get }
    /// The CSV document, header line first.
    var csv: String { get }
}

extension LedgerPage {
    /// The page in `format` (JSON pretty-printed).
    public func text(_ format: ViewFormat) -> String {
        switch format {
        case .table: table
        case .json: json.prettyText()
        case .csv: csv
        }
    }
}
