import Foundation

/// Strict parsing and plain printing of exact decimals.
///
/// Foundation's `Decimal(string:)` accepts trailing garbage ("12abc" is 12)
/// and exponents; the ledger accepts only plain decimal text so that what a
/// user typed is exactly what is stored. Printing never uses scientific
/// notation.
///
/// ```swift
/// try ExactDecimal.parse("0.27") // 0.27
/// ExactDecimal.text(Decimal(string: "1e3")!) // "1000"
/// ```
public enum ExactDecimal {
    /// Most significant digits accepted; `Decimal` holds 38.
    public static let maxDigits = 34
    /// Most digits accepted after the decimal point: ``text(_:)`` prints 20,
    /// so a longer fraction would be stored rounded, not as typed.
    public static let maxFractionDigits = 20

    /// Parses `[-]digits[.digits]`; `what` names the expected value in the error.
    public static func parse(_ text: String, allowNegative: Bool = false, what: String = "a decimal") throws(LedgerError) -> Decimal {
        var bytes = Substring(text).utf8[...]
        var negative = false
        if bytes.first == UInt8(ascii: "-") { negative = true; bytes = bytes.dropFirst() }
        let parts = bytes.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
        let isDigits = { (part: Substring.UTF8View.SubSequence) in
            !part.isEmpty && part.allSatisfy { $0 >= 48 && $0 <= 57 }
        }
        guard !parts.isEmpty, parts.count <= 2, parts.allSatisfy(isDigits) else {
            throw LedgerError("\"\(text)\" is not \(what) (plain digits with an optional decimal point, like \"1250000000\" or \"0.27\")")
        }
        let significant = parts.reduce(0) { $0 + $1.count } - (parts[0].prefix { $0 == 48 }.count)
        guard significant <= maxDigits else {
            throw LedgerError("\"\(text)\" has more than \(maxDigits) significant digits")
        }
        guard parts.count < 2 || parts[1].count <= maxFractionDigits else {
            throw LedgerError("\"\(text)\" has more than \(maxFractionDigits) digits after the decimal point")
        }
        guard !negative || allowNegative else { throw LedgerError("\(what) must not be negative (got \"\(text)\")") }
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            throw LedgerError("\"\(text)\" is not \(what)")
        }
        return value
    }

    /// Plain decimal text without exponent, trailing zeros trimmed: `"0.27"`, `"135000000000"`.
    public static func text(_ value: Decimal) -> String {
        var copy = value
        var rounded = Decimal()
        // Values with more than 20 fractional digits come only from division; 20 is exact enough.
        NSDecimalRound(&rounded, &copy, 20, .plain)
        let description = rounded.description
        guard description.utf8.contains(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) else { return description }
        return String(describing: NSDecimalNumber(decimal: rounded).stringValue)
    }

    /// `value` rounded half-up to `places` fractional digits.
    public static func rounded(_ value: Decimal, places: Int) -> Decimal {
        var copy = value
        var result = Decimal()
        NSDecimalRound(&result, &copy, places, .plain)
        return result
    }
}
