import LedgerCore
import LedgerStore

/// `audit COMPANY --stakes`: how each holder's stake and implied value moved, event by event.
public struct StakeAuditPage: LedgerPage {
    /// The company.
    public var company: String
    /// The effective date.
    public var asOf: LedgerDate
    /// The recorded-time bound, echoed in the JSON.
    public var knownAt: String?
    /// The moves and the state they were read from.
    public var history: StakeHistory

    /// Checks `company` is a registered party and follows its cap table up to `point`.
    public static func load(_ store: EventStore, company: String, at point: ReplayPoint) throws -> StakeAuditPage {
        try store.requireRegistered(company, as: "party")
        var history = StakeHistory(company: company)
        try store.forEachEffective(asOf: point.asOf, knownAt: point.knownAt?.bound) { history.feed($0) }
        return StakeAuditPage(company: company, asOf: point.asOf, knownAt: point.knownAt?.text, history: history)
    }

    public var json: JSONValue {
        var object: [String: JSONValue] = ["company": .string(company), "asOf": .string(asOf.text), "changes": .array(history.changes.map(\.json))]
        if let knownAt { object["knownAt"] = .string(knownAt) }
        return .object(object)
    }

    public var csv: String { CSVWriter.document(StakeAuditText.csvHeader, history.changes.map(StakeAuditText.csvFields)) }

    public var table: String { StakeAuditText.render(company: company, state: history.state, changes: history.changes, asOf: asOf) }
}
