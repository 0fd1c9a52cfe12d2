import Foundation
import LedgerCore
import LedgerReport

/// The `audit COMPANY --stakes` table: each holder's stake and implied value, before → after, per event.
public enum StakeAuditText {
    /// The whole stake audit of `company`.
    public static func render(company: String, state: LedgerState, changes: [StakeChange], asOf: LedgerDate) -> String {
        let head = "\(state.name(of: company)) (\(company)): how the stakes moved, as of \(asOf)"
        guard !changes.isEmpty else {
            return head + "\n\nno stake recorded (no priced equity round or recapitalization by this date)"
        }
        var table = TextTable(["DATE", "EVENT", "HOLDER", "STAKE", "IMPLIED VALUE", "VALUATION"])
        var lastEvent: String?
        for change in changes {
            let newEvent = change.cause.eventId != lastEvent
            lastEvent = change.cause.eventId
            let event = change.cause.eventId + (change.cause.correctedBy.map { " (corrected by \($0))" } ?? "") + " (\(change.cause.type.rawValue))"
            table.add([newEvent ? change.cause.date.text : "", newEvent ? event : "", change.holder,
                       "\(percent(change.stakeFrom)) → \(percent(change.stakeTo))",
                       "\(money(change.valueFrom)) → \(money(change.valueTo))",
                       newEvent ? money(change.valuation) : ""])
        }
        return "\(head)\n\(ValueText.count(changes.count, "move")) from \(ValueText.count(Set(changes.map(\.cause.eventId)).count, "event"))\n\n\(table.rendered)"
    }

    private static func percent(_ value: ExactDecimal?) -> String { value.map(HumanNumbers.percent) ?? "-" }
    private static func money(_ value: Money?) -> String { value.map { HumanNumbers.money($0) } ?? "-" }

    /// The CSV columns of a stake move.
    public static let csvHeader = ["date", "eventId", "type", "status", "holder", "stakeFrom", "stakeTo",
                            "valueFrom", "valueTo", "valuation", "currency", "correctedBy"]

    /// One stake move as CSV fields, values exact.
    public static func csvFields(_ change: StakeChange) -> [String] {
        let amount = { (money: Money?) in money.map { ExactDecimal.text($0.amount) } ?? "" }
        return [change.cause.date.text, change.cause.eventId, change.cause.type.rawValue, change.cause.status.rawValue, change.holder,
                change.stakeFrom.map(ExactDecimal.text) ?? "", change.stakeTo.map(ExactDecimal.text) ?? "",
                amount(change.valueFrom), amount(change.valueTo), amount(change.valuation),
                (change.valuation ?? change.valueTo ?? change.valueFrom)?.currency ?? "", change.cause.correctedBy ?? ""]
    }
}
