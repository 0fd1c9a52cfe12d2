import Foundation
import LedgerCore
import LedgerReport

/// The `diff` table: differences grouped by company or partnership, each with the events that caused it.
///
/// ```text
/// openai (OpenAI)
///   valuation                $157.0B → $500.0B
///       2025-03-31  2025-03-31-softbank-leads-40b (funding-round, confirmed)
/// ```
public enum DiffText {
    /// The whole table, grouped by subject.
    public static func render(_ differences: [StateDifference], state: LedgerState, from: LedgerDate, to: LedgerDate, subjects: Set<String>?) -> String {
        let scope = subjects.map { " (\($0.sorted().joined(separator: ", ")))" } ?? ""
        var out = ["\(ValueText.count(differences.count, "difference")) between \(from) and \(to)\(scope)"]
        guard !differences.isEmpty else { return (out + ["", "nothing changed"]).joined(separator: "\n") }
        let width = min(differences.map { label($0.key).count }.max() ?? 0, 40)
        var subject: String?
        for difference in differences {
            if difference.key.subject != subject {
                subject = difference.key.subject
                let name = state.name(of: difference.key.subject)
                out += ["", difference.key.subject + (name != difference.key.subject ? " (\(name))" : "")]
            }
            let text = label(difference.key)
            out += TextWrap.lines("  " + text + String(repeating: " ", count: max(0, width - text.count)) + "  ", change(difference))
            for cause in difference.causes {
                out.append("      \(cause.date)  \(cause.eventId)" + (cause.correctedBy.map { " (corrected by \($0))" } ?? "")
                           + " (\(cause.type.rawValue), \(cause.status.rawValue))")
            }
        }
        return out.joined(separator: "\n")
    }

    /// `valuation`, `stake microsoft`: the aspect and, when it has one, the name.
    public static func label(_ key: FactKey) -> String {
        key.name.isEmpty ? key.aspect.rawValue : "\(key.aspect.rawValue) \(key.name)"
    }

    /// The change as text: `from → to`, term values member by member.
    public static func change(_ difference: StateDifference) -> String {
        if difference.key.aspect == .term {
            // A member's status is named when it is not confirmed, or when only the status changed.
            let statuses = difference.memberChanges.compactMap { member -> String? in
                guard let status = member.status, status != .confirmed || member.change.from == member.change.to else { return nil }
                return "\(member.change.key): \(status.rawValue)"
            }
            return ValueText.change(from: termValue(difference.from), to: termValue(difference.to))
                + (statuses.isEmpty ? "" : " [" + statuses.joined(separator: "; ") + "]")
        }
        return "\(text(difference.from)) → \(text(difference.to))"
    }

    private static func termValue(_ value: FactValue?) -> JSONValue? {
        if case .term(let json, _)? = value { return json }
        return nil
    }

    /// A value in human form; `(none)` when absent.
    public static func text(_ value: FactValue?) -> String {
        switch value {
        case nil: "(none)"
        case .fraction(let fraction)?: HumanNumbers.percent(fraction)
        case .money(let money)?: HumanNumbers.money(money)
        case .totals(let totals)?: HumanNumbers.totals(totals)
        case .holders(let holders)?: holders.joined(separator: ", ")
        case .term(let json, _)?: ValueText.term(json)
        case .funding(let position)?:
            position.currencies.map { currency in
                let amounts = position.byCurrency[currency]!
                func money(_ amount: ExactDecimal) -> String { HumanNumbers.money(Money(amount: amount, currency: currency)) }
                return "committed \(money(amounts.committed)), funded \(money(amounts.funded))"
                    + (amounts.conditional > 0 ? ", conditional \(money(amounts.conditional))" : "")
            }.joined(separator: "; ")
        case .warrant(let w)?:
            (w.stake.map { "\(w.holder) \(HumanNumbers.percent($0)), \(HumanNumbers.percent(w.exercisedStake)) exercised" }
                ?? "\(w.holder) \(ExactDecimal.text(w.shares ?? 0)) shares, \(ExactDecimal.text(w.exercisedShares)) exercised")
        case .negotiation(let stage, let status, let closedBy)?:
            "\(stage) (\(status.rawValue))" + (closedBy.map { ", closed by \($0)" } ?? "")
        }
    }

    /// The CSV columns of a difference.
    public static let csvHeader = ["subject", "aspect", "name", "from", "to", "causes"]

    /// One difference as CSV fields, values exact.
    public static func csvFields(_ difference: StateDifference) -> [String] {
        func plain(_ value: FactValue?) -> String {
            switch value {
            case nil: ""
            case .fraction(let fraction)?: ExactDecimal.text(fraction)
            case .money(let money)?: money.description
            case .totals(let totals)?: totals.amounts.map(\.description).joined(separator: "; ")
            case .holders(let holders)?: holders.joined(separator: "; ")
            case .term(let json, _)?: json.canonicalText
            case .funding?, .warrant?, .negotiation?: value?.json.canonicalText ?? ""
            }
        }
        return [difference.key.subject, difference.key.aspect.rawValue, difference.key.name,
                plain(difference.from), plain(difference.to), difference.causes.map(\.eventId).joined(separator: " ")]
    }
}
