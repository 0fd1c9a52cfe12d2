import LedgerCore
import LedgerStore

/// Shared checks for query commands.
enum QuerySupport {
    /// Fails with a plain message when `id` is not registered as `kind` (party or partnership).
    static func requireRegistered(_ id: String, as kind: String, in store: EventStore) throws {
        let found = try store.registeredKind(of: id)
        guard found == kind else {
            if let found { throw LedgerError("\"\(id)\" is a \(found), not a \(kind)") }
            throw LedgerError("no \(kind) \"\(id)\" is registered in this ledger (see `partnership-ledger log --type \(kind)`)")
        }
    }

    /// Opens the ledger read-only, checks `id` is a registered `kind`, and replays to the query's point.
    static func replay(_ ledger: LedgerOptions, _ query: QueryOptions, subject id: String, as kind: String) throws -> (LedgerState, LedgerDate) {
        let store = try ledger.openForReading()
        try requireRegistered(id, as: kind, in: store)
        return try query.replay(store, subject: id)
    }

    /// The `valuation` line of a table header.
    static func valuationLine(_ valuation: ChosenFigure?) -> String {
        guard let valuation else { return "valuation: unknown" }
        let figure = valuation.chosen
        var line = "valuation: \(HumanNumbers.money(figure.money)) (\(figure.basis), \(figure.date), \(figure.status.rawValue), event \(figure.eventId))"
        if !valuation.alternatives.isEmpty {
            line += "\n  other figures for that date: " + valuation.alternatives.map {
                "\(HumanNumbers.money($0.money)) (\($0.status.rawValue), event \($0.eventId))"
            }.joined(separator: "; ")
        }
        return line
    }
}
