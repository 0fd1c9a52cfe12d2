import Foundation
import GRDB
@testable import LedgerCore
@testable import LedgerStore

// Builders for literal test data; they trap only on malformed literals in the tests themselves.

func day(_ text: String) -> LedgerDate {
    guard let date = try? LedgerDate(parsing: text) else { fatalError("bad date literal \(text)") }
    return date
}

func dec(_ text: String) -> Decimal {
    guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else { fatalError("bad decimal literal \(text)") }
    return value
}

func usd(_ amount: String) -> Money { Money(amount: dec(amount), currency: "USD") }

/// Events as one batch, each located like the CLI locates them: file and 1-based index.
func batch(_ events: [Event], file: String = "batch.jsonl") -> [SourcedEvent] {
    events.enumerated().map { SourcedEvent($1, file: file, index: $0 + 1) }
}

func batch(_ events: Event...) -> [SourcedEvent] { batch(events) }

func party(_ id: String, kind: PartyKind = .company) -> Event {
    Event(id: "party-\(id)", date: day("2000-01-01"), body: .party(PartyRegistration(party: id, name: id.capitalized, kind: kind)))
}

func partnership(_ id: String, _ parties: [String], terms: [String: JSONValue] = [:], date: String = "2001-01-01") -> Event {
    Event(id: "partnership-\(id)", date: day(date), body: .partnership(PartnershipRegistration(partnership: id, parties: parties, terms: terms)))
}

func round(_ id: String, company: String, date: String, investments: [(String, Money)], postMoney: Money? = nil,
           instrument: Instrument = .equity, partnership: String? = nil) -> Event {
    Event(id: id, date: day(date), body: .fundingRound(FundingRound(
        company: company, round: id, instrument: instrument,
        investments: investments.map { Investment(investor: $0.0, amount: $0.1) },
        postMoney: postMoney, partnership: partnership)))
}

func valuation(_ id: String, company: String, date: String, _ value: Money, status: EventStatus = .confirmed) -> Event {
    Event(id: id, date: day(date), status: status, body: .valuation(ValuationReport(company: company, value: value, basis: .secondary)))
}

func revenue(_ id: String, company: String, date: String, _ amount: Money, basis: RevenueBasis = .annualizedRunRate) -> Event {
    Event(id: id, date: day(date), body: .revenue(RevenueReport(company: company, amount: amount, basis: basis)))
}

func recap(_ id: String, company: String, date: String, _ stakes: [(String, Decimal)]) -> Event {
    Event(id: id, date: day(date), body: .recapitalization(Recapitalization(
        company: company, stakes: stakes.map { Holding(holder: $0.0, stake: $0.1) })))
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

/// The parties most tests need: a company, its founders and three investors.
let registrations: [Event] = [
    party("acme"), party("founders", kind: .person), party("alpha", kind: .investor),
    party("beta", kind: .investor), party("gamma", kind: .fund),
    partnership("alpha-acme", ["alpha", "acme"], terms: ["exclusivity": .bool(true)]),
]

/// A cap table as `holder: stake` pairs.
func stakes(_ state: LedgerState, _ company: String, asOf: String) -> [String: Decimal] {
    Dictionary(uniqueKeysWithValues: state.capTable(of: company, asOf: day(asOf)).holders.map { ($0.holder, $0.stake) })
}

/// The ids of the stored events, in seq order.
func storedIDs(_ store: EventStore, _ filter: LogFilter = LogFilter()) throws -> [String] {
    var ids: [String] = []
    try store.forEachEvent(filter) { ids.append($0.id) }
    return ids
}

// MARK: - Temporary files

/// A fresh directory for one test's database files, removed afterwards.
func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("ledger-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try await body(directory)
}

/// Runs `body` with the path of a fresh ledger file, removed afterwards.
func withTemporaryLedger<T>(_ body: (String) async throws -> T) async throws -> T {
    try await withTemporaryDirectory { directory in
        try await body(directory.appendingPathComponent("ledger.sqlite").path)
    }
}

/// A raw SQLite connection to a ledger file, outside the store, for tampering.
func rawConnection(_ path: String) throws -> DatabaseQueue {
    try DatabaseQueue(path: path)
}
