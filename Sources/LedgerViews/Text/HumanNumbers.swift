import Foundation
import LedgerCore
import LedgerReport

/// Money and fractions in human form, for tables only (JSON and CSV stay exact).
///
/// The rules live in `ValueText` so the tables and the HTML report always agree.
public enum HumanNumbers {
    /// `$13.0B`, `$1.25B`, `$750.0M`, `€2.5M`, `$12,500`.
    public static func money(_ money: Money) -> String { ValueText.money(money) }

    /// `unknown` when there is no figure.
    public static func money(_ money: Money?) -> String { money.map { ValueText.money($0) } ?? "unknown" }

    /// Totals per currency joined with ` + `; `-` when none.
    public static func totals(_ totals: MoneyTotals) -> String {
        totals.amounts.isEmpty ? "-" : totals.amounts.map { ValueText.money($0) }.joined(separator: " + ")
    }

    /// `27.00%`, `18.75%`.
    public static func percent(_ fraction: ExactDecimal) -> String { ValueText.percent(fraction) }
}
