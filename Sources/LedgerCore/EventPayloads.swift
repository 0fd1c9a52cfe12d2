import Foundation

/// Registers a party: a company, investor, nonprofit, fund or person.
public struct PartyRegistration: Hashable, Sendable {
    public var party: String
    public var name: String
    public var kind: PartyKind
    public init(party: String, name: String, kind: PartyKind) {
        self.party = party; self.name = name; self.kind = kind
    }
}

/// What kind of party a party is.
public enum PartyKind: String, CaseIterable, Hashable, Sendable {
    case company, investor, nonprofit, fund, person
}

/// Registers a partnership between two or more parties, with its initial terms.
public struct PartnershipRegistration: Hashable, Sendable {
    public var partnership: String
    public var parties: [String]
    /// Term name → value (any JSON).
    public var terms: [String: JSONValue]
    public init(partnership: String, parties: [String], terms: [String: JSONValue]) {
        self.partnership = partnership; self.parties = parties; self.terms = terms
    }
}

/// Money invested in a company, possibly at a stated valuation.
public struct FundingRound: Hashable, Sendable {
    public var company: String
    public var round: String
    public var instrument: Instrument
    public var investments: [Investment]
    public var preMoney: Money?
    public var postMoney: Money?
    /// The partnership this round belongs to, if any.
    public var partnership: String?

    public init(company: String, round: String, instrument: Instrument, investments: [Investment],
                preMoney: Money? = nil, postMoney: Money? = nil, partnership: String? = nil) {
        self.company = company; self.round = round; self.instrument = instrument
        self.investments = investments; self.preMoney = preMoney; self.postMoney = postMoney
        self.partnership = partnership
    }

    /// The round's total, in its (single) currency.
    public var total: Money? {
        guard let first = investments.first else { return nil }
        return Money(amount: investments.reduce(Decimal(0)) { $0 + $1.amount.amount }, currency: first.amount.currency)
    }

    /// The post-money valuation: stated, or pre-money plus the round's total.
    public var impliedPostMoney: Money? {
        if let postMoney { return postMoney }
        guard let preMoney, let total else { return nil }
        return Money(amount: preMoney.amount + total.amount, currency: preMoney.currency)
    }
}

/// One investor's part of a funding round.
public struct Investment: Hashable, Sendable, Codable {
    public var investor: String
    public var amount: Money
    public init(investor: String, amount: Money) { self.investor = investor; self.amount = amount }
}

/// The security a round bought.
public enum Instrument: String, CaseIterable, Hashable, Sendable {
    case equity, convertible
    case profitParticipation = "profit-participation"
    case cloudCredits = "cloud-credits"
    case mixed
}

/// A valuation of a company outside (or beside) a priced round.
public struct ValuationReport: Hashable, Sendable {
    public var company: String
    public var value: Money
    public var basis: ValuationBasis
    public init(company: String, value: Money, basis: ValuationBasis) {
        self.company = company; self.value = value; self.basis = basis
    }
}

/// Where a valuation figure comes from.
public enum ValuationBasis: String, CaseIterable, Hashable, Sendable {
    case postMoney = "post-money"
    case tenderOffer = "tender-offer"
    case secondary, reported
}

/// A reported revenue figure.
public struct RevenueReport: Hashable, Sendable {
    public var company: String
    public var amount: Money
    public var basis: RevenueBasis
    public var period: DatePeriod?
    public init(company: String, amount: Money, basis: RevenueBasis, period: DatePeriod? = nil) {
        self.company = company; self.amount = amount; self.basis = basis; self.period = period
    }
}

/// What a revenue figure measures.
public enum RevenueBasis: String, CaseIterable, Hashable, Sendable {
    case annualizedRunRate = "annualized-run-rate"
    case fiscalYear = "fiscal-year"
    case period
}

/// An inclusive range of dates.
public struct DatePeriod: Hashable, Sendable, Codable {
    public var from: LedgerDate
    public var to: LedgerDate
    public init(from: LedgerDate, to: LedgerDate) { self.from = from; self.to = to }
}

/// Changes to who holds which governance role.
public struct GovernanceChange: Hashable, Sendable {
    public var company: String
    public var changes: [RoleChange]
    public init(company: String, changes: [RoleChange]) { self.company = company; self.changes = changes }
}

/// One change to one role: replace its holders, add one, or remove one.
public struct RoleChange: Hashable, Sendable {
    public enum Action: Hashable, Sendable {
        /// Replace the holders; an empty list leaves the role vacant.
        case set([String])
        case add(String)
        case remove(String)
    }
    public var role: String
    public var action: Action
    public init(role: String, action: Action) { self.role = role; self.action = action }
}

/// Changes to a partnership's terms.
public struct Renegotiation: Hashable, Sendable {
    public var partnership: String
    public var changes: [TermChange]
    public init(partnership: String, changes: [TermChange]) { self.partnership = partnership; self.changes = changes }
}

/// One change to one term: set a new value, or remove the term.
public struct TermChange: Hashable, Sendable {
    public enum Action: Hashable, Sendable {
        case set(JSONValue)
        case remove
    }
    public var term: String
    public var action: Action
    public init(term: String, action: Action) { self.term = term; self.action = action }
}

/// A new cap table that replaces the company's previous one.
public struct Recapitalization: Hashable, Sendable {
    public var company: String
    public var stakes: [Holding]
    public var basis: String?
    public init(company: String, stakes: [Holding], basis: String? = nil) {
        self.company = company; self.stakes = stakes; self.basis = basis
    }
}

/// A holder's fraction of a company.
public struct Holding: Hashable, Sendable {
    public var holder: String
    public var stake: Decimal
    public init(holder: String, stake: Decimal) { self.holder = holder; self.stake = stake }
}

/// Replaces an earlier event's content; the original stays in the log.
public struct Correction: Hashable, Sendable {
    public var corrects: String
    /// The corrected event; its `id` is the corrected event's id.
    public var replacement: Event
    public var reason: String
    public init(corrects: String, replacement: Event, reason: String) {
        self.corrects = corrects; self.replacement = replacement; self.reason = reason
    }
}

/// Withdraws an earlier event's effect; the original stays in the log.
public struct Retraction: Hashable, Sendable {
    public var retracts: String
    public var reason: String
    public init(retracts: String, reason: String) { self.retracts = retracts; self.reason = reason }
}
