import Foundation

/// One investor's money promised and paid into one company, per currency (CONTRACT §4).
///
/// `committed` counts firm pledges, `conditional` pledges whose condition is
/// not yet met, `funded` what was paid. Money paid beyond the firm part comes
/// out of the conditional part first: committed grows and conditional shrinks
/// by as much.
///
/// ```swift
/// var position = FundingPosition()
/// position.pledge(firm: Money(amount: 1, currency: "USD"), conditional: Money(amount: 3, currency: "USD"))
/// position.pay(Money(amount: 2, currency: "USD"))   // committed 2, conditional 2, funded 2
/// ```
public struct FundingPosition: Hashable, Sendable, Codable {
    /// The four figures in one currency.
    public struct Amounts: Hashable, Sendable, Codable {
        public var committed: ExactDecimal = 0
        public var conditional: ExactDecimal = 0
        public var funded: ExactDecimal = 0
        /// committed − funded, never below zero.
        public var outstanding: ExactDecimal { max(0, committed - funded) }
        public init(committed: ExactDecimal = 0, conditional: ExactDecimal = 0, funded: ExactDecimal = 0) {
            self.committed = committed; self.conditional = conditional; self.funded = funded
        }
    }

    /// The figures per ISO 4217 code.
    public var byCurrency: [String: Amounts] = [:]

    public init(byCurrency: [String: Amounts] = [:]) { self.byCurrency = byCurrency }

    /// Adds a pledge: `firm` to committed, `conditional` (same currency) to conditional; false, and the
    /// position unchanged, when a total would be beyond the exact range (±1.7 × 10^18).
    @discardableResult
    public mutating func pledge(firm: Money, conditional: Money?) -> Bool {
        var amounts = byCurrency[firm.currency, default: Amounts()]
        guard let committed = amounts.committed.adding(firm.amount) else { return false }
        amounts.committed = committed
        if let conditional {
            var other = conditional.currency == firm.currency ? amounts : byCurrency[conditional.currency, default: Amounts()]
            guard let sum = other.conditional.adding(conditional.amount) else { return false }
            other.conditional = sum
            if conditional.currency == firm.currency { amounts = other } else { byCurrency[conditional.currency] = other }
        }
        byCurrency[firm.currency] = amounts
        settle(firm.currency)
        return true
    }

    /// Adds a payment; false, and the position unchanged, when the total paid would be beyond the exact range.
    @discardableResult
    public mutating func pay(_ money: Money) -> Bool {
        guard let funded = byCurrency[money.currency, default: Amounts()].funded.adding(money.amount) else { return false }
        byCurrency[money.currency, default: Amounts()].funded = funded
        settle(money.currency)
        return true
    }

    /// Sets the total paid so far (a filing's paid-to-date figure).
    public mutating func setFunded(_ money: Money) {
        byCurrency[money.currency, default: Amounts()].funded = money.amount
        settle(money.currency)
    }

    /// Money paid beyond the firm part means its condition was met: move it from conditional to committed.
    private mutating func settle(_ currency: String) {
        guard var amounts = byCurrency[currency], amounts.funded > amounts.committed, amounts.conditional > 0 else { return }
        let moved = min(amounts.funded - amounts.committed, amounts.conditional)
        amounts.committed += moved
        amounts.conditional -= moved
        byCurrency[currency] = amounts
    }

    /// One figure as Money in `currency`, or nil when nothing is recorded in it.
    public func money(_ figure: KeyPath<Amounts, ExactDecimal>, in currency: String) -> Money? {
        byCurrency[currency].map { Money(amount: $0[keyPath: figure], currency: currency) }
    }

    /// Whether this position is `invested` committed and paid in full, with nothing conditional: what rounds alone give.
    public func matches(_ invested: MoneyTotals) -> Bool {
        guard Set(byCurrency.keys) == Set(invested.byCurrency.keys) else { return false }
        return byCurrency.allSatisfy { currency, amounts in
            amounts.conditional == 0 && amounts.committed == amounts.funded && amounts.committed == invested.byCurrency[currency]
        }
    }

    /// The currencies recorded, sorted.
    public var currencies: [String] { byCurrency.keys.sorted() }
}

/// A purchase commitment as applied: buyer → seller, for `commitments` and `flows`.
public struct PurchaseRecord: Hashable, Sendable, Codable {
    public var date: LedgerDate
    public var eventId: String
    public var status: EventStatus
    public var sources: [String]
    public var buyer: String
    public var seller: String
    public var amount: Money
    public var upTo: Bool
    public var period: DatePeriod?
    public var years: ExactDecimal?
    public var capacity: String?
    public var scope: String
    public var partnership: String?
}

/// A warrant as applied: what it grants and how much of it was exercised.
public struct WarrantRecord: Hashable, Sendable, Codable {
    public var date: LedgerDate
    public var eventId: String
    public var status: EventStatus
    public var holder: String
    /// The stake on full exercise, when stated.
    public var stake: ExactDecimal?
    /// The shares on full exercise, when stated.
    public var shares: ExactDecimal?
    public var conditions: String?
    public var exercisedStake: ExactDecimal
    public var exercisedShares: ExactDecimal

    /// The stake not yet exercised (zero when no stake is stated).
    public var unexercisedStake: ExactDecimal { max(0, (stake ?? 0) - exercisedStake) }
}

/// One negotiation thread about a company's round or a partnership's terms, with its stages.
public struct NegotiationThread: Hashable, Sendable, Codable {
    /// One event of the thread.
    public struct Stage: Hashable, Sendable, Codable {
        public var date: LedgerDate
        public var eventId: String
        public var status: EventStatus
        public var sources: [String]
        /// `talks`, `proposal`, `agreed-in-principle` or `abandoned`.
        public var stage: String
        public var party: String?
        /// The proposed term changes (a partnership's thread), as written.
        public var proposals: [JSONValue]
        /// The proposed round's size and valuation (a company's thread).
        public var amount: Money?
        public var valuation: Money?
    }

    public var thread: String
    /// The stages in (date, seq) order.
    public var stages: [Stage]
    /// When the thread closed (an abandoned stage or its settling event took effect), if it did.
    public var closedOn: LedgerDate?
    /// The event that closed it.
    public var closedBy: String?

    /// Whether the thread is open (not closed) in this state.
    public var isOpen: Bool { closedOn == nil }
}
