import Foundation

/// A pledge by one party to buy from another over a period, typically compute bought back from an investor (CONTRACT §4).
public struct PurchaseCommitment: Hashable, Sendable {
    public var buyer: String
    public var seller: String
    /// The total over the period.
    public var amount: Money
    /// Whether `amount` is a ceiling ("up to").
    public var upTo: Bool
    public var period: DatePeriod?
    /// The length in years, when no period is given (a positive decimal).
    public var years: ExactDecimal?
    /// Capacity in words, e.g. "1 GW".
    public var capacity: String?
    /// What is bought.
    public var scope: String
    public var partnership: String?

    public init(buyer: String, seller: String, amount: Money, upTo: Bool = false, period: DatePeriod? = nil, years: ExactDecimal? = nil,
                capacity: String? = nil, scope: String, partnership: String? = nil) {
        self.buyer = buyer; self.seller = seller; self.amount = amount; self.upTo = upTo; self.period = period
        self.years = years; self.capacity = capacity; self.scope = scope; self.partnership = partnership
    }
}

extension PurchaseCommitment: EventPayload {
    static let eventType = EventType.purchaseCommitment
    static let summary = "A pledge by a buyer to purchase from a seller (compute, cloud) a total amount over a period."
    static let fields = [
        EventField("buyer", "the registered party id of the buyer"),
        EventField("seller", "the registered party id of the seller"),
        EventField("amount", "Money: the total over the period"),
        .optional("upTo", default: "false", "true when amount is a ceiling (\"up to\")"),
        .optional("period", "{from, to}: the dates the purchases run (not with years)"),
        .optional("years", "a positive number: how many years the purchases run (not with period)"),
        .optional("capacity", "capacity in words, e.g. \"1 GW\""),
        EventField("scope", "what is bought, in words"),
        .optional("partnership", "the registered partnership this belongs to"),
    ]
    static let example = #"{"type": "purchase-commitment", "id": "example-2025-11-03-openai-aws-38b", "date": "2025-11-03", "status": "confirmed", "buyer": "openai", "seller": "amazon", "amount": {"amount": "38000000000", "currency": "USD"}, "years": 7, "scope": "AWS infrastructure", "sources": ["https://openai.com/index/aws-and-openai-partnership/"]}"#

    static let examples = [example, #"{"type": "purchase-commitment", "id": "example-2026-05-03-anthropic-spacex-colossus", "date": "2026-05-03", "status": "estimate", "buyer": "anthropic", "seller": "spacex", "amount": {"amount": "45000000000", "currency": "USD"}, "upTo": true, "period": {"from": "2026-06-01", "to": "2029-05-31"}, "capacity": "more than 300 MW", "scope": "compute capacity on Colossus", "partnership": "spacex-anthropic"}"#]

    init<R: EventFieldReader>(reading r: inout R) throws(LedgerError) {
        let buyer = try r.slug("buyer", what: "party id")
        let seller = try r.slug("seller", what: "party id")
        guard buyer != seller else { throw LedgerError("is the buyer itself; a purchase commitment is between two parties", field: r.fieldPath("seller")) }
        let amount = try r.money("amount")
        let upTo = try r.optionalBool("upTo")
        let period = try r.optionalPeriod("period")
        var years: ExactDecimal?
        switch try r.json("years") {
        case nil, .null?: years = nil
        case .number(let text)?:
            let value: ExactDecimal
            do { value = try ExactDecimal.parse(text, what: "a number of years") } catch { throw error.at(r.fieldPath("years")) }
            guard value > 0 else { throw LedgerError("must be more than zero", field: r.fieldPath("years")) }
            years = value
        case let other?: throw LedgerError("must be a number, not \(other.kindName)", field: r.fieldPath("years"))
        }
        if period != nil, years != nil {
            throw LedgerError("names both \"period\" and \"years\"; give one", field: r.fieldPath("years"))
        }
        self.init(buyer: buyer, seller: seller, amount: amount, upTo: upTo, period: period, years: years,
                  capacity: try r.optionalString("capacity"), scope: try r.nonEmptyString("scope"),
                  partnership: try r.optionalSlug("partnership", what: "partnership id"))
    }

    func write(into w: inout CanonicalEventWriter) {
        w.key("amount"); w.money(amount)
        w.key("buyer"); w.string(buyer)
        if let capacity { w.key("capacity"); w.string(capacity) }
        if let partnership { w.key("partnership"); w.string(partnership) }
        if let period {
            w.key("period"); w.object { w in w.key("from"); w.date(period.from); w.key("to"); w.date(period.to) }
        }
        w.key("scope"); w.string(scope)
        w.key("seller"); w.string(seller)
        if upTo { w.key("upTo"); w.literal("true") }
        if let years { w.key("years"); w.json(.number(ExactDecimal.text(years))) }
    }

    func appendNamedIDs(to ids: inout [String]) {
        ids.append(buyer); ids.append(seller)
        if let partnership { ids.append(partnership) }
    }

    func checkReferences(_ checker: ReferenceChecker, _ context: ReferenceContext) throws(LedgerError) {
        try checker.requireParty(buyer, context.field("buyer"))
        try checker.requireParty(seller, context.field("seller"))
        if let partnership { try checker.requirePartnership(partnership, context.field("partnership")) }
    }

    var body: EventBody { .purchaseCommitment(self) }
}
