/// One immutable fact of partnership history: a funding round, a governance
/// change, a renegotiation, …
///
/// The common fields of CONTRACT.md §1 live here; what differs by type lives
/// in ``body``. Events are values: decoding validates them completely, and
/// ``json`` gives back the normalized object the store keeps.
///
/// ```swift
/// let event = try EventDecoder.decode(JSONParser.parse(text))
/// event.type // .fundingRound
/// ```
public struct Event: Hashable, Sendable {
    /// Unique slug; generated from the content when the input has none.
    public var id: String
    /// Effective date: when the fact took effect in the world.
    public var date: LedgerDate
    /// When the fact became public, if known.
    public var announced: LedgerDate?
    /// How certain the fact is.
    public var status: EventStatus
    /// URLs or citations backing the fact.
    public var sources: [String]
    /// Free text.
    public var note: String?
    /// The type-specific content.
    public var body: EventBody

    public init(id: String, date: LedgerDate, announced: LedgerDate? = nil, status: EventStatus = .confirmed,
                sources: [String] = [], note: String? = nil, body: EventBody) {
        self.id = id
        self.date = date
        self.announced = announced
        self.status = status
        self.sources = sources
        self.note = note
        self.body = body
    }

    /// The event's type.
    public var type: EventType { body.type }
}

/// The kinds of event in CONTRACT.md §1.
///
/// Each is defined once, in `EventTypes/<Payload>.swift` (see ``EventPayload``
/// and docs/ARCHITECTURE.md, "Adding an event type").
public enum EventType: String, CaseIterable, Hashable, Sendable, Comparable {
    case party
    case partnership
    case fundingRound = "funding-round"
    case valuation
    case revenue
    case governance
    case renegotiation
    case recapitalization
    case correction
    case retraction

    public static func < (lhs: EventType, rhs: EventType) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// How certain a fact is; when facts disagree, the surer one is shown.
public enum EventStatus: String, CaseIterable, Hashable, Sendable {
    case confirmed
    case reported
    case estimate

    /// Higher wins: confirmed beats reported beats estimate.
    public var precedence: Int {
        switch self {
        case .confirmed: 3
        case .reported: 2
        case .estimate: 1
        }
    }
}

/// The type-specific content of an ``Event``: one case per ``EventType``, holding that type's payload.
public indirect enum EventBody: Hashable, Sendable {
    case party(PartyRegistration)
    case partnership(PartnershipRegistration)
    case fundingRound(FundingRound)
    case valuation(ValuationReport)
    case revenue(RevenueReport)
    case governance(GovernanceChange)
    case renegotiation(Renegotiation)
    case recapitalization(Recapitalization)
    case correction(Correction)
    case retraction(Retraction)
}

extension EventType {
    /// Calls `visitor` with this type's definition. The one switch from a type name to its definition.
    func accept<V: EventDefinitionVisitor>(_ visitor: inout V) throws(LedgerError) -> V.Result {
        switch self {
        case .party: try visitor.visit(PartyRegistration.self)
        case .partnership: try visitor.visit(PartnershipRegistration.self)
        case .fundingRound: try visitor.visit(FundingRound.self)
        case .valuation: try visitor.visit(ValuationReport.self)
        case .revenue: try visitor.visit(RevenueReport.self)
        case .governance: try visitor.visit(GovernanceChange.self)
        case .renegotiation: try visitor.visit(Renegotiation.self)
        case .recapitalization: try visitor.visit(Recapitalization.self)
        case .correction: try visitor.visit(Correction.self)
        case .retraction: try visitor.visit(Retraction.self)
        }
    }
}

extension EventBody {
    /// Calls `visitor` with this body's payload. The one switch from a body to its definition.
    func accept<V: EventPayloadVisitor>(_ visitor: inout V) throws(V.Failure) -> V.Result {
        switch self {
        case .party(let p): try visitor.visit(p)
        case .partnership(let p): try visitor.visit(p)
        case .fundingRound(let p): try visitor.visit(p)
        case .valuation(let p): try visitor.visit(p)
        case .revenue(let p): try visitor.visit(p)
        case .governance(let p): try visitor.visit(p)
        case .renegotiation(let p): try visitor.visit(p)
        case .recapitalization(let p): try visitor.visit(p)
        case .correction(let p): try visitor.visit(p)
        case .retraction(let p): try visitor.visit(p)
        }
    }
}
