/// One line of a partnership's term audit: a term's value moving from one value to another.
///
/// Lines come from the `partnership` event (initial terms: from `nil`), from
/// renegotiations, and from amendments. A line the ledger no longer believes
/// stays in the audit, marked ``Effect-swift.enum/superseded`` or
/// ``Effect-swift.enum/retracted``, so the audit shows what was believed and
/// when it stopped being believed.
///
/// ```swift
/// // revenue-share: {"rate":"0.20"} → {"rate":"0.08"}, by renegotiation r2, in force
/// line.term == "revenue-share" && line.effect == .inForce
/// ```
public struct TermAuditLine: Hashable, Sendable {
    /// Whether the ledger still believes this line.
    public enum Effect: String, Hashable, Sendable, CaseIterable {
        /// Part of the history in force.
        case inForce = "in-force"
        /// Was believed until a correction replaced the event.
        case superseded
        /// Was believed until a retraction withdrew the event (or the correction it came from).
        case retracted
    }

    /// What the event did to the term.
    public enum Action: String, Hashable, Sendable {
        /// Gave the term a value (the initial terms of a `partnership` event count as `set`).
        case set
        /// Set some members of the term and kept the others.
        case merge
        /// Removed the term.
        case remove
        /// Undid a retracted line: the term went back to the value in force without it.
        case revert
    }

    /// Effective date of the change.
    public var date: LedgerDate
    /// The term's name.
    public var term: String
    /// The value before the change; nil when the term was not in force.
    public var from: JSONValue?
    /// The value after the change; nil when the term is no longer in force.
    public var to: JSONValue?
    /// What the event did.
    public var action: Action
    /// The event that made the change: the original, the correction, or the retraction.
    public var eventId: String
    /// That event's type (`partnership`, `renegotiation`, `correction`, `retraction`).
    public var type: EventType
    /// How certain the fact is.
    public var status: EventStatus
    /// The evidence: the event's sources (a correction's own sources follow its replacement's).
    public var sources: [String]
    /// Whether the ledger still believes this line.
    public var effect: Effect
    /// For correction and retraction lines: the event they amend.
    public var amends: String?
    /// For correction and retraction lines: the reason given.
    public var reason: String?
    /// For superseded and retracted lines: the amendment that withdrew the line.
    public var amendedBy: String?
    /// For superseded and retracted lines: that amendment's effective date ("corrected on …").
    public var amendedOn: LedgerDate?
    /// For superseded and retracted lines: when the ledger recorded that amendment.
    public var amendedRecordedAt: Timestamp?
    /// For object values: each member this line changed that is in force after it, with the claim shown for it
    /// (its own event and status: a same-date claim of higher rank may keep another event's member).
    public var members: [String: MemberClaim] = [:]
    /// True when the change takes effect after the as-of date of the audit (a change scheduled, not yet in force).
    public var scheduled = false

    /// Whether the line restates the value already in force (a new source for the same terms).
    public var isRestatement: Bool { (action == .set || action == .merge) && from == to }

    /// Creates a line; amendment details default to none.
    public init(date: LedgerDate, term: String, from: JSONValue?, to: JSONValue?, action: Action, eventId: String,
                type: EventType, status: EventStatus, sources: [String], effect: Effect = .inForce,
                amends: String? = nil, reason: String? = nil, amendedBy: String? = nil,
                amendedOn: LedgerDate? = nil, amendedRecordedAt: Timestamp? = nil) {
        self.date = date; self.term = term; self.from = from; self.to = to; self.action = action
        self.eventId = eventId; self.type = type; self.status = status; self.sources = sources
        self.effect = effect; self.amends = amends; self.reason = reason
        self.amendedBy = amendedBy; self.amendedOn = amendedOn; self.amendedRecordedAt = amendedRecordedAt
    }
}
