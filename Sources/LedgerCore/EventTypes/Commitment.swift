import Foundation

/// Money an investor pledged to a company: firm, "up to", or partly conditional (CONTRACT §4).
public struct Commitment: Hashable, Sendable {
    public var company: String
    public var investor: String
    /// The most pledged, conditional part included.
    public var amount: Money
    /// Whether `amount` is a ceiling ("up to") rather than a fixed sum.
    public var upTo: Bool
    /// The part that depends on a condition not yet met; nil when none.
    public var conditional: Money?
    /// The condition, in words.
    public var conditions: String?
    public var instrument: Instrument?
    /// The `funding-round` event this pledge belongs to, if any.
    public var round: String?
    public var partnership: String?
    /// When the pledge lapses, if it does.
    public var expires: LedgerDate?

    public init(company: String, investor: String, amount: Money, upTo: Bool = false, conditional: Money? = nil, conditions: String? = nil,
                instrument: Instrument? = nil, round: String? = nil, partnership: String? = nil, expires: LedgerDate? = nil) {
        self.company = company; self.investor = investor; self.amount = amount; self.upTo = upTo
        self.conditional = conditional; self.conditions = conditions; self.instrument = instrument
        self.round = round; self.partnership = partnership; self.expires = expires
    }

    /// The firm part: `amount` less the conditional part.
    public var firm: Money { Money(amount: amount.amount - (conditional?.amount ?? 0), currency: amount.currency) }
}

extension Commitment: EventPayload {
    static let eventType = EventType.commitment
    static let summary = "Money an investor pledges to a company, possibly \"up to\" an amount and partly conditional; it commits, it does not pay (see funding)."
    static let fields = [
        EventField("company", "the registered party id of the company"),
        EventField("investor", "the registered party id of the investor"),
        EventField("amount", "Money: the most pledged, the conditional part included"),
        .optional("upTo", default: "false", "true when amount is a ceiling (\"up to\")"),
        .optional("conditional", "Money: the part pledged only on a condition (at most amount)"),
        .optional("conditions", "the condition, in words"),
        .optional("instrument", "equity, convertible, profit-participation, cloud-credits or mixed"),
        .optional("round", "the id of the funding-round event this pledge belongs to"),
        .optional("partnership", "the registered partnership this pledge belongs to"),
        .optional("expires", "YYYY-MM-DD: when the pledge lapses"),
    ]
    static let example = #"{"type": "commitment", "id": "example-2023-09-25-amazon-commitment-4b", "date": "2023-09-25", "status": "confirmed", "company": "anthropic", "investor": "amazon", "amount": {"amount": "4000000000", "currency": "USD"}, "upTo": true, "conditional": {"amount": "2750000000", "currency": "USD"}, "conditions": "Amazon's option on a second tranche", "instrument": "convertible", "expires": "2024-03-31", "partnership": "amazon-anthropic", "sources": ["https://www.aboutamazon.com/news/company-news/amazon-aws-anthropic-ai"]}"#

    static let examples = [example, #"{"type": "commitment", "id": "example-2025-03-31-softbank-pledge", "date": "2025-03-31", "status": "confirmed", "company": "openai", "investor": "softbank", "amount": {"amount": "30000000000", "currency": "USD"}, "round": "2025-03-31-softbank-leads-40b", "sources": ["https://openai.com/index/march-funding-updates/"]}"#]

    init<R: EventFieldReader>(reading r: inout R) throws(LedgerError) {
        let company = try r.slug("company", what: "company id")
        let investor = try r.slug("investor", what: "investor id")
        guard investor != company else { throw LedgerError("is the company itself; an investor pledges to another party", field: r.fieldPath("investor")) }
        let amount = try r.money("amount")
        self.init(company: company, investor: investor, amount: amount, upTo: try r.optionalBool("upTo"),
                  conditional: try r.optionalMoney("conditional", atMost: amount, what: "the amount"),
                  conditions: try r.optionalString("conditions"),
                  instrument: r.isPresent("instrument") ? try r.enumeration("instrument", Instrument.self) : nil,
                  round: try r.optionalSlug("round", what: "event id"),
                  partnership: try r.optionalSlug("partnership", what: "partnership id"),
                  expires: try r.optionalDate("expires"))
    }

    func write(into w: inout CanonicalEventWriter) {
        w.key("amount"); w.money(amount)
        w.key("company"); w.string(company)
        if let conditional { w.key("conditional"); w.money(conditional) }
        if let conditions { w.key("conditions"); w.string(conditions) }
        if let expires { w.key("expires"); w.date(expires) }
        if let instrument { w.key("instrument"); w.string(instrument.rawValue) }
        w.key("investor"); w.string(investor)
        if let partnership { w.key("partnership"); w.string(partnership) }
        if let round { w.key("round"); w.string(round) }
        if upTo { w.key("upTo"); w.literal("true") }
    }

    func appendNamedIDs(to ids: inout [String]) {
        ids.append(company); ids.append(investor)
        if let partnership { ids.append(partnership) }
    }

    func checkReferences(_ checker: ReferenceChecker, _ context: ReferenceContext) throws(LedgerError) {
        try checker.requireParty(company, context.field("company"))
        try checker.requireParty(investor, context.field("investor"))
        if let partnership { try checker.requirePartnership(partnership, context.field("partnership")) }
        if let round { try checker.requireEvent(round, of: .fundingRound, context.field("round")) }
    }

    var body: EventBody { .commitment(self) }
}
