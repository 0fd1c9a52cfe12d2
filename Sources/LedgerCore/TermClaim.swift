/// Where a claim comes from: its event, dates, status and evidence.
public struct ClaimOrigin: Hashable, Sendable, Codable {
    /// Effective date of the event.
    public var date: LedgerDate
    /// When the event became public, if known.
    public var announced: LedgerDate?
    /// How certain the event is.
    public var status: EventStatus
    /// The event's id.
    public var eventId: String
    /// The event's sources.
    public var sources: [String]

    /// The origin of anything `event` claims.
    public init(_ event: Event) {
        date = event.date; announced = event.announced; status = event.status; eventId = event.id; sources = event.sources
    }

    /// Creates an origin from its parts.
    public init(date: LedgerDate, announced: LedgerDate?, status: EventStatus, eventId: String, sources: [String]) {
        self.date = date; self.announced = announced; self.status = status; self.eventId = eventId; self.sources = sources
    }

    /// Its rank among claims of the same date.
    public var rank: ClaimRank { ClaimRank(status: status, date: date, announced: announced) }
}

/// What one event said about one term: set its whole value, merge members into it, or remove it.
///
/// A partnership keeps every claim about a term since the term's last
/// whole-value `set` or `remove` (that date's claims included), so claims of
/// the same date can be weighed against each other whatever order they were
/// recorded in (see ``TermState/resolve(_:)``).
public struct TermClaim: Hashable, Sendable, Codable {
    /// What the claim does.
    public enum Kind: String, Hashable, Sendable, Codable {
        case set, merge, remove
    }
    /// What the claim does.
    public var kind: Kind
    /// The value set, the members merged (an object), or null for a removal.
    public var value: JSONValue
    /// Where the claim comes from.
    public var origin: ClaimOrigin

    /// Creates a claim.
    public init(kind: Kind, value: JSONValue, origin: ClaimOrigin) {
        self.kind = kind; self.value = value; self.origin = origin
    }

    /// The claim one renegotiation change makes.
    public init(_ action: TermChange.Action, origin: ClaimOrigin) {
        switch action {
        case .set(let value): self.init(kind: .set, value: value, origin: origin)
        case .merge(let members): self.init(kind: .merge, value: .object(members), origin: origin)
        case .remove: self.init(kind: .remove, value: .null, origin: origin)
        }
    }
}

/// One member of a term's value, as one event gave it.
public struct MemberClaim: Hashable, Sendable, Codable {
    /// The member's value.
    public var value: JSONValue
    /// Where it comes from.
    public var origin: ClaimOrigin
}

extension TermState {
    /// The term in force given its claims (those since its last whole-value set or removal), or nil when removed.
    ///
    /// The rules of CONTRACT §4:
    /// - On the date of the last `set` or `remove`, the best-ranked of those
    ///   claims decides whether the term is in force. When it sets an object,
    ///   every same-date object `set` and `merge` contributes its members, so a
    ///   reported member stands where the confirmed claim is silent.
    /// - A `merge` sets the members it names; a member named again on a later
    ///   date takes that date's claims only.
    /// - Each member shows its best-ranked claim; the others are its
    ///   alternatives; an unsettled tie marks it `disputed`.
    public static func resolve(_ claims: [TermClaim]) -> TermState? {
        let whole = claims.filter { $0.kind != .merge }
        let baseDate = whole.map(\.origin.date).max()
        var present = false
        var scalar: ClaimChoice<TermClaim>?
        var blocker: ClaimRank?
        var wholeDisputed = false
        var lead: ClaimOrigin?
        var candidates: [String: [MemberClaim]] = [:]

        func consider(_ origin: ClaimOrigin) {
            guard let current = lead else { lead = origin; return }
            if (origin.date, origin.rank) > (current.date, current.rank)
                || ((origin.date, origin.rank) == (current.date, current.rank) && origin.eventId < current.eventId) {
                lead = origin
            }
        }
        func add(_ members: [String: JSONValue], _ origin: ClaimOrigin) {
            for (name, value) in members {
                let claim = MemberClaim(value: value, origin: origin)
                if let first = candidates[name]?.first, first.origin.date == origin.date {
                    candidates[name]!.append(claim)
                } else {
                    candidates[name] = [claim]
                }
            }
        }

        if let baseDate {
            let base = whole.filter { $0.origin.date == baseDate }
            let choice = ClaimPrecedence.choose(base, rank: \.origin.rank, key: \.origin.eventId,
                                                agree: { $0.kind == $1.kind && $0.value == $1.value })!
            let top = choice.shown.origin.rank
            consider(choice.shown.origin)
            switch (choice.shown.kind, choice.shown.value) {
            case (.set, .object):
                present = true
                for claim in base where claim.kind == .set {
                    if case .object(let members) = claim.value { add(members, claim.origin) }
                }
                wholeDisputed = choice.alternatives.contains { alternative in
                    guard alternative.origin.rank == top else { return false }
                    if alternative.kind == .set, case .object = alternative.value { return false }
                    return true
                }
            case (.set, _):
                present = true
                scalar = choice
                blocker = top
                wholeDisputed = choice.disputed
            case (.remove, _), (.merge, _):
                blocker = top
                wholeDisputed = choice.disputed
            }
        }
        let merges = claims.filter { $0.kind == .merge }.sorted {
            ($0.origin.date, $0.origin.eventId) < ($1.origin.date, $1.origin.eventId)
        }
        for claim in merges {
            if claim.origin.date == baseDate, let blocker, claim.origin.rank <= blocker { continue }
            if scalar != nil { scalar = nil; wholeDisputed = false }
            present = true
            if case .object(let members) = claim.value { add(members, claim.origin) }
        }
        guard present else { return nil }
        if let scalar {
            return TermState(value: scalar.shown.value, since: scalar.shown.origin.date, eventId: scalar.shown.origin.eventId,
                             status: scalar.shown.origin.status, disputed: wholeDisputed)
        }
        var members: [String: ClaimChoice<MemberClaim>] = [:]
        for (name, list) in candidates {
            let choice = ClaimPrecedence.choose(list, rank: \.origin.rank, key: \.origin.eventId, agree: { $0.value == $1.value })!
            members[name] = choice
            consider(choice.shown.origin)
        }
        let origin = lead!
        return TermState(value: .object(members.mapValues(\.shown.value)), since: origin.date, eventId: origin.eventId,
                         status: origin.status, members: members,
                         disputed: wholeDisputed || members.values.contains(where: \.disputed))
    }
}

extension PartnershipState {
    /// Records `claim` about `term` and recomputes the term in force.
    ///
    /// A whole-value `set` or `remove` makes every claim of an earlier date
    /// irrelevant; claims of the same date are kept to be weighed against it.
    public mutating func record(_ claim: TermClaim, about term: String) {
        var list = claims[term] ?? []
        if claim.kind != .merge { list.removeAll { $0.origin.date < claim.origin.date } }
        list.append(claim)
        // Kept in an order of their own, so the state is the same whatever order same-date events were recorded in.
        list.sort { ($0.origin.date, $0.origin.eventId, $0.kind.rawValue) < ($1.origin.date, $1.origin.eventId, $1.kind.rawValue) }
        claims[term] = list
        terms[term] = TermState.resolve(list)
    }
}
