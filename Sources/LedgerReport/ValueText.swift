import Foundation
import LedgerCore

/// Money, fractions and term values as short human text for the report.
///
/// The same conventions as the command line's tables (`$13.0B`, `27.00%`,
/// objects as `key value` lists, rate-like members as percents), kept here
/// because the report library cannot depend on the executable.
///
/// ```swift
/// ValueText.money(Money(amount: 13_000_000_000, currency: "USD")) // "$13.0B"
/// ValueText.percent(try ExactDecimal.parse("0.27"))              // "27.00%"
/// ```
public enum ValueText {
    /// A count with its noun in the right number: `1 event`, `3 events`; `plural` for irregular nouns
    /// (`ValueText.count(2, "company", plural: "companies")`), and invariant ones (`series`).
    public static func count(_ n: Int, _ noun: String, plural: String? = nil) -> String {
        "\(n) \(n == 1 ? noun : plural ?? noun + "s")"
    }

    /// `$13.0B`, `$1.25B`, `$750.0M`, `€2.5M`, `$12,500`.
    public static func money(_ money: Money) -> String {
        let symbol = ["USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"][money.currency] ?? money.currency + " "
        let scales = [(12, "T"), (9, "B"), (6, "M")]
        for (power, suffix) in scales where money.amount >= .powerOfTen(power) {
            var text = ExactDecimal.text(money.amount.dividedByPowerOfTen(power, places: 2))
            if !text.contains(".") { text += ".0" }
            return symbol + text + suffix
        }
        return symbol + grouped(ExactDecimal.text(ExactDecimal.rounded(money.amount, places: 2)))
    }

    /// Axis labels: `$1B`, `$250B`, `$1.5T`, `$0` (no forced decimal).
    public static func compactMoney(_ amount: ExactDecimal, currency: String) -> String {
        let symbol = ["USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"][currency] ?? currency + " "
        // Beyond a thousand trillion, suffixes stop helping; a power of ten stays short.
        if amount >= 1_000_000_000_000_000 {
            var exponent = 0
            while exponent < 18, amount >= .powerOfTen(exponent + 1) { exponent += 1 }
            return symbol + ExactDecimal.text(amount.dividedByPowerOfTen(exponent, places: 1)) + "e\(exponent)"
        }
        let scales = [(12, "T"), (9, "B"), (6, "M"), (3, "K")]
        for (power, suffix) in scales where amount >= .powerOfTen(power) {
            return symbol + ExactDecimal.text(amount.dividedByPowerOfTen(power, places: 2)) + suffix
        }
        return symbol + ExactDecimal.text(amount)
    }

    /// `27.00%` (with `places` decimals).
    public static func percent(_ fraction: ExactDecimal, places: Int = 2) -> String {
        var text = ExactDecimal.text(ExactDecimal.rounded(fraction * 100, places: places))
        if places > 0 {
            let decimals = text.split(separator: ".").dropFirst().first?.count ?? 0
            if decimals == 0 { text += "." }
            text += String(repeating: "0", count: places - decimals)
        }
        return text + "%"
    }

    /// A term value: rates as percents, money objects as money, objects as `key value` lists.
    public static func term(_ value: JSONValue?) -> String {
        guard let value else { return "(none)" }
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "yes" : "no"
        case .number(let text), .string(let text): return text
        case .array(let elements): return elements.map { term($0) }.joined(separator: ", ")
        case .object(let members):
            if let money = money(value) { return self.money(money) }
            return members.keys.sorted().map { key in member(key, members[key]!) }.joined(separator: ", ")
        }
    }

    /// One member of an object: `rate 20.00%`, `cap $38.0B`, `then (microsoft 49.00%, …)`.
    public static func member(_ key: String, _ value: JSONValue?) -> String {
        guard let value else { return "\(key) (none)" }
        if isFractionKey(key), case .string(let text) = value, let fraction = try? ExactDecimal.parse(text), fraction <= 1 {
            return "\(key) \(percent(fraction))"
        }
        if case .object = value, money(value) == nil { return "\(key) (\(term(value)))" }
        return "\(key) \(term(value))"
    }

    /// A term change: member-wise when both versions are objects.
    ///
    /// `rate 20.00% → 8.00%; cap added: $38.0B`, or `(none) → …` / `… → (removed)`.
    public static func change(from: JSONValue?, to: JSONValue?) -> String {
        if from == to { return "unchanged: \(term(to))" }
        if let members = MemberChange.between(from, to) {
            return members.map { change in
                switch (change.from, change.to) {
                case (nil, let to?): "\(member(change.key, to)) (added)"
                case (let from?, nil): "\(member(change.key, from)) (dropped)"
                default: "\(change.key): \(memberValue(change.key, change.from)) → \(memberValue(change.key, change.to))"
                }
            }.joined(separator: "; ")
        }
        switch (from, to) {
        case (nil, let to?): return "set: \(term(to))"
        case (let from?, nil): return "removed (was: \(term(from)))"
        default: return "\(term(from)) → \(term(to))"
        }
    }

    private static func memberValue(_ key: String, _ value: JSONValue?) -> String {
        let text = member(key, value)
        return String(text.dropFirst(key.count + 1))
    }

    private static func money(_ value: JSONValue) -> Money? {
        guard case .object(let members) = value, members.count == 2, case .string(let amount)? = members["amount"],
              case .string(let currency)? = members["currency"], Money.isCurrencyCode(currency),
              let decimal = try? ExactDecimal.parse(amount) else { return nil }
        return Money(amount: decimal, currency: currency)
    }

    private static func isFractionKey(_ key: String) -> Bool {
        let lower = key.lowercased()
        return lower.contains("rate") || lower.contains("share") || lower.contains("stake") || lower.contains("percent")
    }

    private static func grouped(_ digits: String) -> String {
        let parts = digits.split(separator: ".", maxSplits: 1)
        var whole = String(parts[0])
        var groups: [String] = []
        while whole.count > 3 {
            groups.insert(String(whole.suffix(3)), at: 0)
            whole.removeLast(3)
        }
        groups.insert(whole, at: 0)
        return groups.joined(separator: ",") + (parts.count > 1 ? "." + parts[1] : "")
    }
}
