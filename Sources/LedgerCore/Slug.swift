/// Validation of the ledger's identifiers: event, party, company and partnership ids.
///
/// A slug is `[a-z0-9][a-z0-9._-]*`, at most 128 characters, so ids are safe in
/// file names, URLs, shells and SQL without quoting games.
///
/// ```swift
/// Slug.isValid("microsoft-openai") // true
/// Slug.isValid("Robert'); DROP TABLE") // false
/// ```
public enum Slug {
    /// Longest accepted id.
    public static let maxLength = 128

    /// Whether `text` is a valid slug.
    public static func isValid(_ text: String) -> Bool {
        let bytes = text.utf8
        guard let first = bytes.first, bytes.count <= maxLength, isAlphanumeric(first) else { return false }
        return bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    /// Throws a plain error naming `what` when `text` is not a valid slug.
    public static func validate(_ text: String, what: String) throws(LedgerError) {
        guard isValid(text) else {
            throw LedgerError("\(what) \"\(text.prefix(80))\" is not a valid id (lower-case letters, digits, '.', '_' and '-', starting with a letter or digit, at most \(maxLength) characters)")
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }
}
