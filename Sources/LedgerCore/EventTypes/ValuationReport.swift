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

extension ValuationReport: EventPayload {
    static let eventType = EventType.valuation
    static let summary = "A valuation of a company outside (or beside) a priced round."
    static let fields = [
        EventField("company", "the registered party id of the company valued"),
        EventField("value", "Money: the valuation"),
        EventField("basis", "post-money, tender-offer, secondary or reported"),
    ]
    static let example = #"{"type": "valuation", "id": "2025-10-02-openai-employee-share-sale", "date": "2025-10-02", "status": "reported", "company": "openai", "value": {"amount": "500000000000", "currency": "USD"}, "basis": "secondary"}"#

    init<R: EventFieldReader>(reading r: inout R) throws(LedgerError) {
        self.init(company: try r.slug("company", what: "company id"), value: try r.money("value"),
                  basis: try r.enumeration("basis", ValuationBasis.self))
    }

    func write(into w: inout CanonicalEventWriter) {
        w.key("basis"); w.string(basis.rawValue)
        w.key("company"); w.string(company)
        w.key("value"); w.money(value)
    }

    func appendNamedIDs(to ids: inout [String]) { ids.append(company) }

    func checkReferences(_ checker: ReferenceChecker, _ context: ReferenceContext) throws(LedgerError) {
        try checker.requireParty(company, context.field("company"))
    }

    var body: EventBody { .valuation(self) }
}
