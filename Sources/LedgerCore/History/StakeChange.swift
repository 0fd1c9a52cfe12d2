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
/// ```
public struct StakeChange: Hashable, Sendable {
    /// Effective date of the event.
    public var date: LedgerDate
    /// The event that moved it (for a corrected event, its original id).
    public var eventId: String
    /// The correction whose replacement was applied, if any.
    public var correctedBy: String?
    /// The event's type.
    public var type: EventType
    /// How certain the fact is.
    public var status: EventStatus
    /// The event's sources.
    public var sources: [String]
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
    public init(date: LedgerDate, eventId: String, correctedBy: String? = nil, type: EventType, status: EventStatus,
                sources: [String], holder: String, stakeFrom: ExactDecimal?, stakeTo: ExactDecimal?,
                valueFrom: Money?, valueTo: Money?, valuation: Money?) {
        self.date = date; self.eventId = eventId; self.correctedBy = correctedBy; self.type = type
        self.status = status; self.sources = sources; self.holder = holder
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
        var object: [String: JSONValue] = [
            "date": .string(date.text), "holder": .string(holder),
            "from": stakeFrom.map(JSONValue.decimal) ?? .null, "to": stakeTo.map(JSONValue.decimal) ?? .null,
            "valueFrom": valueFrom?.json ?? .null, "valueTo": valueTo?.json ?? .null,
            "valuation": valuation?.json ?? .null,
            "eventId": .string(eventId), "type": .string(type.rawValue), "status": .string(status.rawValue),
            "sources": .array(sources.map(JSONValue.string)),
        ]
        if let correctedBy { object["correctedBy"] = .string(correctedBy) }
        return .object(object)
    }
}
