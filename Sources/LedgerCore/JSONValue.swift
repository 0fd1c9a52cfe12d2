/// A JSON value that keeps numbers as their exact source text.
///
/// The ledger never routes money through `Double`, so numbers are carried as
/// the literal text that appeared in the input and only turned into `ExactDecimal`
/// where a field asks for one. Objects keep their keys in a dictionary; the
/// canonical encoder sorts them, so two equal values always encode to the
/// same bytes.
///
/// ```swift
/// let value = try JSONValue.parse(#"{"amount": "10", "n": 1.50}"#)
/// value["n"] // .number("1.50")
/// ```
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    /// A number, as the exact text of its literal.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The member named `key` when this is an object, else `nil`.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// A short name of this value's JSON kind, for error messages.
    public var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
