import Foundation
@testable import LedgerCore

// Small builders for literal test data. They trap on malformed literals,
// which are mistakes in the test source, never in the code under test.

/// A date from a `YYYY-MM-DD` literal.
func day(_ text: String) -> LedgerDate {
    guard let date = try? LedgerDate(parsing: text) else { fatalError("bad date literal \(text)") }
    return date
}

/// An exact decimal from a literal such as `"0.1875"`.
func dec(_ text: String) -> Decimal {
    guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else { fatalError("bad decimal literal \(text)") }
    return value
}

func usd(_ amount: String) -> Money { Money(amount: dec(amount), currency: "USD") }
func eur(_ amount: String) -> Money { Money(amount: dec(amount), currency: "EUR") }

/// Decodes one event from JSON text.
func decodeEvent(_ text: String) throws -> Event {
    try EventDecoder.decode(JSONParser.parse(text))
}

// MARK: - Event builders

func party(_ id: String, kind: PartyKind = .company, date: String = "2000-01-01") -> Event {
    Event(id: "party-\(id)", date: day(date), body: .party(PartyRegistration(party: id, name: id.capitalized, kind: kind)))
}

func partnership(_ id: String, _ parties: [String], terms: [String: JSONValue] = [:], date: String,
                 eventID: String? = nil, status: EventStatus = .confirmed) -> Event {
    Event(id: eventID ?? "partnership-\(id)", date: day(date), status: status,
          body: .partnership(PartnershipRegistration(partnership: id, parties: parties, terms: terms)))
}

func round(_ id: String, company: String, date: String, instrument: Instrument = .equity,
           investments: [(String, Money)], preMoney: Money? = nil, postMoney: Money? = nil,
           partnership: String? = nil, status: EventStatus = .confirmed) -> Event {
    Event(id: id, date: day(date), status: status, body: .fundingRound(FundingRound(
        company: company, round: id, instrument: instrument,
        investments: investments.map { Investment(investor: $0.0, amount: $0.1) },
        preMoney: preMoney, postMoney: postMoney, partnership: partnership)))
}

func valuation(_ id: String, company: String, date: String, _ value: Money,
               basis: ValuationBasis = .secondary, status: EventStatus = .confirmed) -> Event {
    Event(id: id, date: day(date), status: status,
          body: .valuation(ValuationReport(company: company, value: value, basis: basis)))
}

func revenue(_ id: String, company: String, date: String, _ amount: Money,
             basis: RevenueBasis = .annualizedRunRate, status: EventStatus = .confirmed) -> Event {
    Event(id: id, date: day(date), status: status,
          body: .revenue(RevenueReport(company: company, amount: amount, basis: basis)))
}

func recap(_ id: String, company: String, date: String, _ stakes: [(String, String)]) -> Event {
    Event(id: id, date: day(date), body: .recapitalization(Recapitalization(
        company: company, stakes: stakes.map { Holding(holder: $0.0, stake: dec($0.1)) })))
}

func governance(_ id: String, company: String, date: String, _ changes: [RoleChange]) -> Event {
    Event(id: id, date: day(date), body: .governance(GovernanceChange(company: company, changes: changes)))
}

func renegotiation(_ id: String, partnership: String, date: String, _ changes: [TermChange]) -> Event {
    Event(id: id, date: day(date), body: .renegotiation(Renegotiation(partnership: partnership, changes: changes)))
}

func correction(_ id: String, of target: String, date: String, replacement: Event, reason: String = "fix") -> Event {
    var replacement = replacement
    replacement.id = target
    return Event(id: id, date: day(date), body: .correction(Correction(corrects: target, replacement: replacement, reason: reason)))
}

func retraction(_ id: String, of target: String, date: String, reason: String = "wrong") -> Event {
    Event(id: id, date: day(date), body: .retraction(Retraction(retracts: target, reason: reason)))
}

// MARK: - A log replayed without a database

/// An in-memory log that replays like the store does: known-at by seq,
/// amendments resolved, events folded in (date, seq) order.
struct Log {
    private(set) var entries: [(seq: Int64, event: Event)] = []

    @discardableResult
    mutating func append(_ events: Event...) -> Int64 {
        for event in events { entries.append((Int64(entries.count + 1), event)) }
        return Int64(entries.count)
    }

    func state(asOf: String, knownAt: Int64 = .max) -> LedgerState {
        let asOf = day(asOf)
        let known = entries.filter { $0.seq <= knownAt }
        let amending = known.map(\.event).filter { $0.type == .correction || $0.type == .retraction }
        var targetSeqs: [String: Int64] = [:]
        for event in amending {
            if case .correction(let c) = event.body {
                targetSeqs[c.corrects] = known.first { $0.event.id == c.corrects }?.seq
            }
        }
        var replayer = Replayer(amendments: Amendments(amending, targetSeqs: targetSeqs), asOf: asOf)
        var state = LedgerState()
        let ordered = known.filter { $0.event.date <= asOf }
            .sorted { ($0.event.date, $0.seq) < ($1.event.date, $1.seq) }
        for entry in ordered {
            replayer.feed(seq: entry.seq, event: entry.event) { state.apply($0) }
        }
        replayer.finish { state.apply($0) }
        return state
    }
}

/// A cap table as `holder: stake` pairs, for compact comparisons.
func stakes(_ view: CapTableView) -> [String: Decimal] {
    Dictionary(uniqueKeysWithValues: view.holders.map { ($0.holder, $0.stake) })
}
