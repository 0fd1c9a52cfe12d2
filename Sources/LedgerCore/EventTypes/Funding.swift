import Foundation

/// Money paid in by an investor: an amount paid on the date, or the total paid so far as a filing states it.
public struct Funding: Hashable, Sendable {
    /// How the payment is stated.
    public enum Paid: Hashable, Sendable {
        /// Paid on the event's date; adds to the running total.
        case amount(Money)
        /// The total paid so far; sets the running total (a balance assignment).
        case toDate(Money)

        /// The money named, whichever way.
        public var money: Money {
            switch self {
            case .amount(let money), .toDate(let money): money
            }
        }
    }

    public var company: String
    public var investor: String
    public var paid: Paid
    /// The `commitment` event drawn on, if named.
    public var commitment: String?
    public var partnership: String?

    public init(company: String, investor: String, paid: Paid, commitment: String? = nil, partnership: String? = nil) {
        self.company = company; self.investor = investor; self.paid = paid; self.commitment = commitment; self.partnership = partnership
    }
}

extension Funding: EventPayload {
    static let eventType = EventType.funding
    static let summary = "Money an investor paid into a company: an amount paid on the date, or the total paid to date as a filing states it."
    static let fields = [
        EventField("company", "the registered party id of the company"),
        EventField("investor", "the registered party id of the investor"),
        .grouped("paid", "amount", "Money paid on the date (adds to the running total); exactly one of amount and fundedToDate"),
        .grouped("paid", "fundedToDate", "Money: the total paid so far (sets the running total); exactly one of amount and fundedToDate"),
        .optional("commitment", "the id of the commitment event drawn on (it may come later in the same batch)"),
        .optional("partnership", "the registered partnership this payment belongs to"),
    ]
    static let example = #"{"type": "funding", "id": "example-2025-09-30-microsoft-funded-to-date", "date": "2025-09-30", "announced": "2025-10-29", "status": "confirmed", "company": "openai", "investor": "microsoft", "fundedToDate": {"amount": "11600000000", "currency": "USD"}, "partnership": "microsoft-openai", "sources": ["Microsoft Form 10-Q for the quarter ended 2025-09-30"]}"#

    static let examples = [example, #"{"type": "funding", "id": "example-2023-09-25-amazon-funds-1-25b", "date": "2023-09-25", "company": "anthropic", "investor": "amazon", "amount": {"amount": "1250000000", "currency": "USD"}, "commitment": "example-2023-09-25-amazon-commitment-4b"}"#]

    init<R: EventFieldReader>(reading r: inout R) throws(LedgerError) {
        let company = try r.slug("company", what: "company id")
        let investor = try r.slug("investor", what: "investor id")
        guard investor != company else { throw LedgerError("is the company itself; an investor pays another party", field: r.fieldPath("investor")) }
        let amount = try r.optionalMoney("amount"), toDate = try r.optionalMoney("fundedToDate")
        let paid: Paid
        switch (amount, toDate) {
        case (let amount?, nil): paid = .amount(amount)
        case (nil, let toDate?): paid = .toDate(toDate)
        case (.some, .some):
            throw LedgerError("names both \"amount\" and \"fundedToDate\"; give the amount paid on the date or the total paid so far, not both", field: r.fieldPath("fundedToDate"))
        case (nil, nil):
            throw LedgerError("is required: give \"amount\" (paid on the date) or \"fundedToDate\" (the total paid so far)", field: r.fieldPath("amount"))
        }
        self.init(company: company, investor: investor, paid: paid, commitment: try r.optionalSlug("commitment", what: "event id"),
                  partnership: try r.optionalSlug("partnership", what: "partnership id"))
    }

    func write(into w: inout CanonicalEventWriter) {
        if case .amount(let money) = paid { w.key("amount"); w.money(money) }
        if let commitment { w.key("commitment"); w.string(commitment) }
        w.key("company"); w.string(company)
        if case .toDate(let money) = paid { w.key("fundedToDate"); w.money(money) }
        w.key("investor"); w.string(investor)
        if let partnership { w.key("partnership"); w.string(partnership) }
    }

    func appendNamedIDs(to ids: inout [String]) {
        ids.append(company); ids.append(investor)
        if let partnership { ids.append(partnership) }
    }

    func checkReferences(_ checker: ReferenceChecker, _ context: ReferenceContext) throws(LedgerError) {
        try checker.requireParty(company, context.field("company"))
        try checker.requireParty(investor, context.field("investor"))
        if let partnership { try checker.requirePartnership(partnership, context.field("partnership")) }
        // Like a settlement, the pledge drawn on may come later in the same batch (files are imported by name, in any order).
        if let commitment { try checker.requireEvent(commitment, ofOneOf: [.commitment], context.field("commitment"), mayFollowInBatch: true) }
    }

    var body: EventBody { .funding(self) }
}
