import Foundation

/// Parses the amounts and fractions people type on a command line.
///
/// Money: `10B`, `1.25B`, `750M`, `12.5k`, `2T`, `$2,000,000`, `2000000`
/// (suffixes K, M, B/bn, T, any case; an optional `$`; commas as thousands
/// separators). Fractions: `27%`, `0.27`. Exact decimal arithmetic only.
///
/// ```swift
/// try QuantityText.amount("1.25B") // 1250000000
/// try QuantityText.fraction("27%") // 0.27
/// ```
public enum QuantityText {
    /// Parses a money amount with an optional scale suffix.
    public static func amount(_ text: String) throws(LedgerError) -> ExactDecimal {
        var body = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
        if body.hasPrefix("$") { body.removeFirst() }
        let scales = [("bn", 9), ("t", 12), ("b", 9), ("m", 6), ("k", 3)]
        var power = 0
        for (suffix, digits) in scales where body.lowercased().hasSuffix(suffix) {
            body.removeLast(suffix.count)
            power = digits
            break
        }
        let value: ExactDecimal
        do { value = try ExactDecimal.parse(body, what: "an amount") } catch {
            throw LedgerError("\"\(text)\" is not an amount (examples: 10B, 1.25B, 750M, $2,000,000)")
        }
        guard let scaled = value.timesPowerOfTen(power), scaled < ExactDecimal.integerLimit else {
            throw LedgerError("\"\(text)\" has more than \(ExactDecimal.maxIntegerDigits) digits before the decimal point")
        }
        return scaled
    }

    /// Parses a stake or rate: `27%` or `0.27`, within 0…1.
    public static func fraction(_ text: String) throws(LedgerError) -> ExactDecimal {
        var body = text.trimmingCharacters(in: .whitespaces)
        let percent = body.hasSuffix("%")
        if percent { body.removeLast() }
        let parsed: ExactDecimal
        do { parsed = try ExactDecimal.parse(body, what: "a fraction") } catch {
            throw LedgerError("\"\(text)\" is not a stake or rate (examples: 27%, 0.27)")
        }
        let value = percent ? parsed / 100 : parsed
        guard value <= 1 else { throw LedgerError("\"\(text)\" is more than 100%") }
        return value
    }
}
