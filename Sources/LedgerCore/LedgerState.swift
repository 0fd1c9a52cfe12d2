import Foundation

/// The state of the world at one effective date, as far as the ledger knew.
///
/// Built by folding events in (date, seq) order with ``apply(_:)``. A pure
/// value: no database, no clock. Queries over it (cap tables, terms,
/// governance, revenue) live in `LedgerState+Queries`.
///
/// ```swift
/// var state = LedgerState()
/// for event in effectiveEvents { state.apply(event) }
/// let table = state.capTable(of: "openai")
/// ```
public struct LedgerState: Hashable, Sendable, Codable {
    /// Registered parties by id.
    public var parties: [String: PartyInfo] = [:]
    /// Partnerships by id.
    public var partnerships: [String: PartnershipState] = [:]
    /// Companies (any party something happened to) by id.
    public var companies: [String: CompanyState] = [:]
    /// The date of the last applied event.
    public var lastDate: LedgerDate?
    /// How many events were applied.
    public var appliedCount = 0

    public init() {}
}

/// What the ledger knows about a party.
public struct PartyInfo: Hashable, Sendable, Codable {
    public var name: String
    public var kind: PartyKind
    public var eventId: String
}

/// A partnership's parties, terms in force and invested capital.
public struct PartnershipState: Hashable, Sendable, Codable {
    public var id: String
    public var parties: [String]
    public var since: LedgerDate
    public var eventId: String
    /// Terms in force by name.
    public var terms: [String: TermState] = [:]
    /// Capital invested through rounds tagged with this partnership, by investor.
    public var invested: [String: MoneyTotals] = [:]
    /// Every claim about each term since its last whole-value set or removal; ``terms`` is resolved from these.
    public var claims: [String: [TermClaim]] = [:]
    /// Negotiation threads about these terms, by thread id.
    public var negotiations: [String: NegotiationThread] = [:]
    /// Thread ids by the id of the event named to settle them, until it takes effect (one event may settle several threads).
    public var pendingSettlements: [String: [String]] = [:]
}

/// One term's value and where it came from.
public struct TermState: Hashable, Sendable, Codable {
    /// The value in force: for an object, each member's shown claim.
    public var value: JSONValue
    /// Effective date of the latest claim shown.
    public var since: LedgerDate
    /// The event of that claim.
    public var eventId: String
    /// That event's status.
    public var status: EventStatus
    /// Each member of an object value: the claim shown and the claims passed over. Empty for other values.
    public var members: [String: ClaimChoice<MemberClaim>] = [:]
    /// True when equal-rank claims disagree about the term or one of its members.
    public var disputed = false
}

/// Everything the ledger knows about one company at the as-of date.
public struct CompanyState: Hashable, Sendable, Codable {
    public var id: String
    /// Stakes by holder, or nil while no cap table is known.
    public var capTable: [String: Stake]?
    /// The event that last moved the cap table.
    public var capTableEventId: String?
    /// The valuation figures of the latest date with any (several when sources disagree on it); earlier dates are
    /// dropped as later ones arrive, so the state does not grow with history.
    public var valuations: [LedgerDate: [Figure]] = [:]
    /// Cumulative invested capital by investor.
    public var invested: [String: MoneyTotals] = [:]
    /// Governance roles by name.
    public var roles: [String: RoleState] = [:]
    /// The revenue figures of each basis's latest date, grouped by (date, basis); every earlier figure is in
    /// ``CompanyHistory``, streamed from the log by the views that list it.
    public var revenue: [RevenueKey: [Figure]] = [:]
    /// Money promised and paid, by investor (CONTRACT §4).
    public var funding: [String: FundingPosition] = [:]
    /// Purchase commitments this company made as buyer, in (date, seq) order.
    public var purchases: [PurchaseRecord] = []
    /// Warrants on this company's equity, in (date, seq) order.
    public var warrants: [WarrantRecord] = []
    /// Negotiation threads about this company's rounds, by thread id.
    public var negotiations: [String: NegotiationThread] = [:]
    /// Thread ids by the id of the event named to settle them, until it takes effect (one event may settle several threads).
    public var pendingSettlements: [String: [String]] = [:]

    public init(id: String) { self.id = id }
}

/// One sourced figure: a valuation or a revenue claim.
public struct Figure: Hashable, Sendable, Codable {
    public var money: Money
    /// `post-money`, `secondary`, `annualized-run-rate`, …
    public var basis: String
    public var date: LedgerDate
    public var status: EventStatus
    public var seq: Int64
    public var eventId: String
    public var sources: [String]
    public var period: DatePeriod?
    /// When the event became public, if known (settles ties between equal-status figures).
    public var announced: LedgerDate?

    /// Its rank among figures of the same date (CONTRACT §4).
    public var rank: ClaimRank { ClaimRank(status: status, date: date, announced: announced) }
}

/// The group of revenue claims that describe the same figure.
public struct RevenueKey: Hashable, Sendable, Codable, Comparable {
    public var date: LedgerDate
    public var basis: RevenueBasis

    public static func < (lhs: RevenueKey, rhs: RevenueKey) -> Bool {
        (lhs.date, lhs.basis.rawValue) < (rhs.date, rhs.basis.rawValue)
    }
}

/// A funding round as applied, for the `investments` history (``CompanyHistory``).
public struct RoundRecord: Hashable, Sendable, Codable {
    public var date: LedgerDate
    public var eventId: String
    public var round: String
    public var instrument: Instrument
    public var investments: [Investment]
    public var postMoney: Money?
    public var partnership: String?
    public var status: EventStatus
}

/// Who holds a governance role, since when.
public struct RoleState: Hashable, Sendable, Codable {
    public var holders: [String]
    public var since: LedgerDate
    public var eventId: String
}

extension EventStatus: Codable {}
extension PartyKind: Codable {}
extension Instrument: Codable {}
extension RevenueBasis: Codable {}
extension LedgerDate: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = try LedgerDate(parsing: text)
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
extension LedgerDate: CodingKeyRepresentable {
    public var codingKey: any CodingKey { text.codingKey }
    public init?<T: CodingKey>(codingKey: T) {
        guard let date = try? LedgerDate(parsing: codingKey.stringValue) else { return nil }
        self = date
    }
}
extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = try JSONParser.parse(text)
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(canonicalText)
    }
}
