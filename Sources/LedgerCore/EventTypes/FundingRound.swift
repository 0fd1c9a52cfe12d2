import Foundation

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
        return Money(amount: investments.reduce(ExactDecimal.zero) { $0 + $1.amount.amount }, currency: first.amount.currency)
    }

    /// The post-money valuation: stated, or pre-money plus the round's total.
    public var impliedPostMoney: Money? {
        if let postMoney { return postMoney }
        guard let preMoney, let total else { return nil }
        return Money(amount: preMoney.amount + total.amount, currency: preMoney.currency)
    }
}

/// One investor's part of a funding round.
///
/// `amount` is what the investor commits; `funded` (paid at close, when less),
/// `upTo` and `conditional` / `conditions` say how much of it was paid and how
/// much depends on a condition (CONTRACT §4). Without them the entry is
/// committed and paid in full on the round's date.
public struct Investment: Hashable, Sendable, Codable {
    public var investor: String
    public var amount: Money
    /// Paid at close, when less than `amount`; nil means the firm part was paid in full.
    public var funded: Money?
    /// Whether `amount` is a ceiling ("up to").
    public var upTo: Bool
    /// The part pledged only on a condition; nil when none.
    public var conditional: Money?
    /// The condition, in words.
    public var conditions: String?
    public init(investor: String, amount: Money, funded: Money? = nil, upTo: Bool = false, conditional: Money? = nil, conditions: String? = nil) {
        self.investor = investor; self.amount = amount; self.funded = funded; self.upTo = upTo
        self.conditional = conditional; self.conditions = conditions
    }

    /// The part committed firmly: `amount` less the conditional part.
    public var firm: Money { Money(amount: amount.amount - (conditional?.amount ?? 0), currency: amount.currency) }
    /// What was paid at close: `funded`, else the firm part.
    public var paidAtClose: Money { funded ?? firm }
}

/// The security a round bought.
public enum Instrument: String, CaseIterable, Hashable, Sendable {
    case equity, convertible
    case profitParticipation = "profit-participation"
    case cloudCredits = "cloud-credits"
    case mixed
}

extension FundingRound: EventPayload {
    static let eventType = EventType.fundingRound
    static let summary = "Money invested in a company by one or more investors, possibly at a stated valuation; an equity round with a known post-money dilutes earlier holders."
    static let fields = [
        EventField("company", "the registered party id of the company raising"),
        EventField("round", "the round's name, e.g. \"Series F\""),
        EventField("instrument", "equity, convertible, profit-participation, cloud-credits or mixed"),
        EventField("investments", "array of {investor, amount: Money, optional funded: Money (paid at close, when less), upTo: bool, conditional: Money, conditions: text}, one line per investor, one currency"),
        .optional("preMoney", "Money: the valuation before the round"),
        .optional("postMoney", "Money: the valuation after the round (preMoney plus the round's total when both are given)"),
        .optional("partnership", "the registered partnership this round belongs to"),
    ]
    static let example = #"{"type": "funding-round", "id": "2025-03-03-anthropic-series-e-lead", "date": "2025-03-03", "status": "confirmed", "company": "anthropic", "round": "Series E", "instrument": "equity", "investments": [{"investor": "lightspeed", "amount": {"amount": "1000000000", "currency": "USD"}}], "preMoney": {"amount": "60500000000", "currency": "USD"}, "postMoney": {"amount": "61500000000", "currency": "USD"}, "partnership": "amazon-anthropic", "sources": ["https://www.anthropic.com/news/anthropic-raises-series-e-at-usd61-5b-post-money-valuation"]}"#

    init<R: EventFieldReader>(reading r: inout R) throws(LedgerError) {
        let company = try r.slug("company", what: "company id")
        let round = try r.nonEmptyString("round")
        let instrument = try r.enumeration("instrument", Instrument.self)
        var investments: [Investment] = []
        try r.objects("investments", what: "an object {\"investor\": id, \"amount\": money}", nonEmpty: true) {
            (i: inout R, _: Int) throws(LedgerError) in
            let investor = try i.slug("investor", what: "investor id")
            guard !investments.contains(where: { $0.investor == investor }) else {
                throw LedgerError("investor \"\(investor)\" is listed twice; give one line with the total", field: i.fieldPath("investor"))
            }
            let amount = try i.money("amount")
            investments.append(Investment(investor: investor, amount: amount,
                                          funded: try i.optionalMoney("funded", atMost: amount, what: "the amount"),
                                          upTo: try i.optionalBool("upTo"),
                                          conditional: try i.optionalMoney("conditional", atMost: amount, what: "the amount"),
                                          conditions: try i.optionalString("conditions")))
        }
        let preMoney = try r.optionalMoney("preMoney")
        let postMoney = try r.optionalMoney("postMoney")
        let partnership = try r.optionalSlug("partnership", what: "partnership id")
        self.init(company: company, round: round, instrument: instrument, investments: investments,
                  preMoney: preMoney, postMoney: postMoney, partnership: partnership)
        let currency = investments[0].amount.currency
        if let offset = investments.firstIndex(where: { $0.amount.currency != currency }) {
            throw LedgerError("is in \(investments[offset].amount.currency) but the round's first investment is in \(currency); one round, one currency", field: r.fieldPath("investments[\(offset)].amount.currency"))
        }
        for (key, money) in [("preMoney", preMoney), ("postMoney", postMoney)] {
            if let money, money.currency != currency {
                throw LedgerError("is in \(money.currency) but the investments are in \(currency)", field: r.fieldPath("\(key).currency"))
            }
        }
        if let postMoney, let total, postMoney.amount < total.amount {
            throw LedgerError("\(ExactDecimal.text(postMoney.amount)) is less than the round's total \(ExactDecimal.text(total.amount))", field: r.fieldPath("postMoney"))
        }
        if let postMoney, let preMoney, let total, preMoney.amount + total.amount != postMoney.amount {
            throw LedgerError("preMoney plus the round's total (\(ExactDecimal.text(preMoney.amount + total.amount))) does not equal postMoney (\(ExactDecimal.text(postMoney.amount)))", field: r.fieldPath("postMoney"))
        }
        if instrument == .equity, let post = impliedPostMoney, post.amount == 0 {
            throw LedgerError("must be more than zero for an equity round", field: r.fieldPath("postMoney"))
        }
    }

    func write(into w: inout CanonicalEventWriter) {
        w.key("company"); w.string(company)
        w.key("instrument"); w.string(instrument.rawValue)
        w.key("investments")
        w.array(investments) { w, investment in
            w.object { w in
                w.key("amount"); w.money(investment.amount)
                if let conditional = investment.conditional { w.key("conditional"); w.money(conditional) }
                if let conditions = investment.conditions { w.key("conditions"); w.string(conditions) }
                if let funded = investment.funded { w.key("funded"); w.money(funded) }
                w.key("investor"); w.string(investment.investor)
                if investment.upTo { w.key("upTo"); w.literal("true") }
            }
        }
        if let partnership { w.key("partnership"); w.string(partnership) }
        if let postMoney { w.key("postMoney"); w.money(postMoney) }
        if let preMoney { w.key("preMoney"); w.money(preMoney) }
        w.key("round"); w.string(round)
    }

    func appendNamedIDs(to ids: inout [String]) {
        ids.append(company)
        for investment in investments { ids.append(investment.investor) }
        if let partnership { ids.append(partnership) }
    }

    func checkReferences(_ checker: ReferenceChecker, _ context: ReferenceContext) throws(LedgerError) {
        try checker.requireParty(company, context.field("company"))
        for (offset, investment) in investments.enumerated() {
            try checker.requireParty(investment.investor, context.field("investments[\(offset)].investor"))
        }
        if let partnership { try checker.requirePartnership(partnership, context.field("partnership")) }
    }

    var body: EventBody { .fundingRound(self) }
}
