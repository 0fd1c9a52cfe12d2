import Foundation

/// The JSON shapes of CONTRACT.md §3. Building values, not printing them.
extension JSONValue {
    /// A decimal as a plain decimal string.
    public static func decimal(_ value: ExactDecimal) -> JSONValue { .string(ExactDecimal.text(value)) }
}

extension Figure {
    /// `{"amount", "currency", "basis", "eventId", "date", "status", "sources"}`.
    public var json: JSONValue {
        guard case .object(var object) = money.json else { return .null }
        object["basis"] = .string(basis)
        object["eventId"] = .string(eventId)
        object["date"] = .string(date.text)
        object["status"] = .string(status.rawValue)
        object["sources"] = .array(sources.map(JSONValue.string))
        if let period { object["period"] = .object(["from": .string(period.from.text), "to": .string(period.to.text)]) }
        if let announced { object["announced"] = .string(announced.text) }
        return .object(object)
    }
}

extension ChosenFigure {
    /// The chosen figure's JSON plus `alternatives` (the figures passed over) and `disputed`.
    public var json: JSONValue {
        guard case .object(var object) = chosen.json else { return .null }
        object["alternatives"] = .array(alternatives.map(\.json))
        object["disputed"] = .bool(disputed)
        return .object(object)
    }
}

extension CapTableView {
    /// `shares COMPANY --format json`.
    public var json: JSONValue {
        .object([
            "company": .string(company),
            "asOf": .string(asOf.text),
            "valuation": valuation?.json ?? .null,
            "capTableKnown": .bool(isKnown),
            "holders": .array(holders.map { holder in
                .object(["holder": .string(holder.holder), "stake": .decimal(holder.stake.rounded), "value": holder.value?.json ?? .null])
            }),
        ])
    }
}

extension TermView {
    /// One element of `terms PARTNERSHIP --format json`, with `members` (CONTRACT §4) and `disputed`.
    public var json: JSONValue {
        .object(["term": .string(term), "value": state.value, "since": .string(state.since.text),
                 "eventId": .string(state.eventId), "status": .string(state.status.rawValue),
                 "members": .object(state.members.mapValues(\.json)), "disputed": .bool(state.disputed)])
    }
}

extension MemberClaim {
    /// `{"value", "status", "eventId", "since", "announced"?, "sources"}`.
    public var json: JSONValue {
        var object: [String: JSONValue] = ["value": value, "status": .string(origin.status.rawValue),
                                           "eventId": .string(origin.eventId), "since": .string(origin.date.text),
                                           "sources": .array(origin.sources.map(JSONValue.string))]
        if let announced = origin.announced { object["announced"] = .string(announced.text) }
        return .object(object)
    }
}

extension ClaimChoice<MemberClaim> {
    /// The shown member claim plus `alternatives` and `disputed`.
    public var json: JSONValue {
        guard case .object(var object) = shown.json else { return .null }
        object["alternatives"] = .array(alternatives.map(\.json))
        object["disputed"] = .bool(disputed)
        return .object(object)
    }
}

extension MoneyTotals {
    /// An array of Money objects, one per currency.
    public var json: JSONValue { .array(amounts.map(\.json)) }
}
