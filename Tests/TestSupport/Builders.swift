import Foundation
import LedgerCore
import LedgerStore

// The one set of builders for literal test data, used by every test target.
// They trap on malformed literals, which are mistakes in the test source,
// never in the code under test.

/// A date from a `YYYY-MM-DD` literal.
public func day(_ text: String) -> LedgerDate {
    guard let date = try? LedgerDate(parsing: text) else { fatalError("bad date literal \(text)") }
    return date
}

/// An exact decimal from a literal such as `"0.1875"`.
public func dec(_ text: String) -> ExactDecimal {
    guard let value = try? ExactDecimal.parse(text, allowNegative: true) else { fatalError("bad decimal literal \(text)") }
    return value
}

/// US dollars from a decimal literal.
public func usd(_ amount: String) -> Money { Money(amount: dec(amount), currency: "USD") }
/// Euros from a decimal literal.
public func eur(_ amount: String) -> Money { Money(amount: dec(amount), currency: "EUR") }

/// Decodes one event from JSON text.
public func decodeEvent(_ text: String) throws -> Event {
    try EventDecoder.decode(JSONParser.parse(text))
}

// MARK: - Event builders

/// A `party` event with id `party-ID`.
public func party(_ id: String, name: String? = nil, kind: PartyKind = .company, date: String = "2000-01-01") -> Event {
    Event(id: "party-\(id)", date: day(date), body: .party(PartyRegistration(party: id, name: name ?? id.capitalized, kind: kind)))
}

/// A `partnership` event with id `partnership-ID` (or `eventID`).
public func partnership(_ id: String, _ parties: [String], terms: [String: JSONValue] = [:], date: String = "2001-01-01",
                        eventID: String? = nil, status: EventStatus = .confirmed, sources: [String] = []) -> Event {
    Event(id: eventID ?? "partnership-\(id)", date: day(date), status: status, sources: sources,
          body: .partnership(PartnershipRegistration(partnership: id, parties: parties, terms: terms)))
}

/// A `funding-round` event; the round's name is its id.
public func round(_ id: String, company: String, date: String, instrument: Instrument = .equity,
                  investments: [(String, Money)], preMoney: Money? = nil, postMoney: Money? = nil,
                  partnership: String? = nil, status: EventStatus = .confirmed) -> Event {
    Event(id: id, date: day(date), status: status, body: .fundingRound(FundingRound(
        company: company, round: id, instrument: instrument,
        investments: investments.map { Investment(investor: $0.0, amount: $0.1) },
        preMoney: preMoney, postMoney: postMoney, partnership: partnership)))
}

/// A `valuation` event.
public func valuation(_ id: String, company: String, date: String, _ value: Money,
                      basis: ValuationBasis = .secondary, status: EventStatus = .confirmed) -> Event {
    Event(id: id, date: day(date), status: status,
          body: .valuation(ValuationReport(company: company, value: value, basis: basis)))
}

/// A `revenue` event.
public func revenue(_ id: String, company: String, date: String, _ amount: Money,
                    basis: RevenueBasis = .annualizedRunRate, status: EventStatus = .confirmed) -> Event {
    Event(id: id, date: day(date), status: status,
          body: .revenue(RevenueReport(company: company, amount: amount, basis: basis)))
}

/// A `recapitalization` event; stakes are decimal literals.
public func recap(_ id: String, company: String, date: String, _ stakes: [(String, String)]) -> Event {
    Event(id: id, date: day(date), body: .recapitalization(Recapitalization(
        company: company, stakes: stakes.map { Holding(holder: $0.0, stake: dec($0.1)) })))
}

/// A `governance` event.
public func governance(_ id: String, company: String, date: String, _ changes: [RoleChange]) -> Event {
    Event(id: id, date: day(date), body: .governance(GovernanceChange(company: company, changes: changes)))
}

/// A `renegotiation` event.
public func renegotiation(_ id: String, partnership: String, date: String, status: EventStatus = .confirmed,
                          sources: [String] = [], _ changes: [TermChange]) -> Event {
    Event(id: id, date: day(date), status: status, sources: sources,
          body: .renegotiation(Renegotiation(partnership: partnership, changes: changes)))
}

/// A `correction` of `target`; the replacement takes the target's id.
public func correction(_ id: String, of target: String, date: String, replacement: Event, reason: String = "fix") -> Event {
    var replacement = replacement
    replacement.id = target
    return Event(id: id, date: day(date), body: .correction(Correction(corrects: target, replacement: replacement, reason: reason)))
}

/// A `retraction` of `target`.
public func retraction(_ id: String, of target: String, date: String, reason: String = "wrong") -> Event {
    Event(id: id, date: day(date), body: .retraction(Retraction(retracts: target, reason: reason)))
}

/// Events as one batch, each located like the CLI locates them: file and 1-based index.
public func batch(_ events: [Event], file: String = "batch.jsonl") -> [SourcedEvent] {
    events.enumerated().map { SourcedEvent($1, file: file, index: $0 + 1) }
}

/// Events as one batch.
public func batch(_ events: Event...) -> [SourcedEvent] { batch(events) }

/// The parties most store tests need: a company, its founders and three investors, and one partnership.
public let registrations: [Event] = [
    party("acme"), party("founders", kind: .person), party("alpha", kind: .investor),
    party("beta", kind: .investor), party("gamma", kind: .fund),
    partnership("alpha-acme", ["alpha", "acme"], terms: ["exclusivity": .bool(true)]),
]

// MARK: - Reading results compactly

/// A cap table as `holder: stake` pairs.
public func stakes(_ view: CapTableView) -> [String: ExactDecimal] {
    Dictionary(uniqueKeysWithValues: view.holders.map { ($0.holder, $0.stake.rounded) })
}

/// A company's cap table in `state` as `holder: stake` pairs.
public func stakes(_ state: LedgerState, _ company: String, asOf: String) -> [String: ExactDecimal] {
    stakes(state.capTable(of: company, asOf: day(asOf)))
}

/// The ids of the stored events, in seq order.
public func storedIDs(_ store: EventStore, _ filter: LogFilter = LogFilter()) throws -> [String] {
    var ids: [String] = []
    try store.forEachEvent(filter) { ids.append($0.id) }
    return ids
}
