import Foundation
import LedgerCore

/// Money and fractions in human form, for tables only (JSON and CSV stay exact).
enum HumanNumbers {
    /// `$13.0B`, `$1.25B`, `$750M`, `€2.5M`, `$12,500`.
    static func money(_ money: Money) -> String {
        let symbol = ["USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"][money.currency] ?? money.currency + " "
        let amount = money.amount
        let scales: [(Decimal, String)] = [(1_000_000_000_000, "T"), (1_000_000_000, "B"), (1_000_000, "M")]
        for (scale, suffix) in scales where amount >= scale {
            let scaled = ExactDecimal.rounded(amount / scale, places: 2)
            var text = ExactDecimal.text(scaled)
            if !text.contains(".") { text += ".0" }
            return symbol + text + suffix
        }
        return symbol + grouped(ExactDecimal.text(ExactDecimal.rounded(amount, places: 2)))
    }

    static func money(_ money: Money?) -> String { money.map { self.money($0) } ?? "unknown" }

    static func totals(_ totals: MoneyTotals) -> String {
        totals.amounts.isEmpty ? "-" : totals.amounts.map { money($0) }.joined(separator: " + ")
    }

    /// `27.00%`, `18.75%`.
    static func percent(_ fraction: Decimal) -> String {
        var text = ExactDecimal.text(ExactDecimal.rounded(fraction * 100, places: 2))
        if !text.contains(".") { text += ".00" } else if text.split(separator: ".")[1].count == 1 { text += "0" }
        return text + "%"
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
