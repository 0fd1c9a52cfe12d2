import Foundation

/// One holder's stake or implied value moving, because of one event.
///
/// A priced equity round moves every stake (dilution); a valuation moves
/// every implied value; a recapitalization replaces the table. Values are
/// stake × the valuation in force, rounded to cents as in `shares`.
///
/// ```swift
/// // microsoft: 49% → 27%, $- → $135.0B, by 2025-10-28-openai-recapitalization
/// change.stakeFrom == nil // the holder had no recorded stake before
/// change.cause.eventId   // "2025-10-28-openai-recapitalization"
/// ```
public struct StakeChange: Hashable, Sendable {
    /// The event that moved it: date, id (for a corrected event, its original id), correction, type, status, sources.
    public var cause: DiffCause
    /// The holder (``LedgerState/otherHolders`` for the unattributed rest).
    public var holder: String
    /// Stake before; nil when the holder had none.
    public var stakeFrom: ExactDecimal?
    /// Stake after; nil when the holder has none.
    public var stakeTo: ExactDecimal?
    /// Implied value before; nil when stake or valuation was unknown.
    public var valueFrom: Money?
    /// Implied value after; nil when stake or valuation is unknown.
    public var valueTo: Money?
    /// The valuation in force after the event.
    public var valuation: Money?

    /// Creates a change.
    public init(cause: DiffCause, holder: String, stakeFrom: ExactDecimal?, stakeTo: ExactDecimal?,
                valueFrom: Money?, valueTo: Money?, valuation: Money?) {
        self.cause = cause; self.holder = holder
        self.stakeFrom = stakeFrom; self.stakeTo = stakeTo; self.valueFrom = valueFrom; self.valueTo = valueTo
        self.valuation = valuation
    }

    /// One element of `changes` in `audit COMPANY --stakes --format json`.
    ///
    /// ```json
    /// {"date": "2025-10-28", "holder": "microsoft", "from": "0.32", "to": "0.27",
    ///  "valueFrom": {…}, "valueTo": {…}, "valuation": {…}, "eventId": "…", "type": "recapitalization", …}
    /// ```
    public var json: JSONValue {
        guard case .object(var object) = cause.json else { return cause.json }
        object.merge(["holder": .string(holder),
                      "from": stakeFrom.map(JSONValue.decimal) ?? .null, "to": stakeTo.map(JSONValue.decimal) ?? .null,
                      "valueFrom": valueFrom?.json ?? .null, "valueTo": valueTo?.json ?? .null,
                      "valuation": valuation?.json ?? .null]) { _, own in own }
        return .object(object)
    }
}
