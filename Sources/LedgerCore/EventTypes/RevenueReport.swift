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

extension RevenueReport: EventPayload {
    static let eventType = EventType.revenue
    static let summary = "A reported revenue figure of a company: a run rate, a fiscal year or a period."
    static let fields = [
        EventField("company", "the registered party id of the company"),
        EventField("amount", "Money: the revenue"),
        EventField("basis", "annualized-run-rate, fiscal-year or period"),
        .optional("period", "{from, to}: the dates the figure covers (from not after to)"),
    ]
    static let example = #"{"type": "revenue", "id": "2024-12-31-openai-fy2024-revenue", "date": "2024-12-31", "status": "reported", "company": "openai", "amount": {"amount": "3700000000", "currency": "USD"}, "basis": "fiscal-year", "period": {"from": "2024-01-01", "to": "2024-12-31"}}"#

    init<R: EventFieldReader>(reading r: inout R) throws(LedgerError) {
        let company = try r.slug("company", what: "company id")
        let amount = try r.money("amount")
        let basis = try r.enumeration("basis", RevenueBasis.self)
        self.init(company: company, amount: amount, basis: basis, period: try r.optionalPeriod("period"))
    }

    func write(into w: inout CanonicalEventWriter) {
        w.key("amount"); w.money(amount)
        w.key("basis"); w.string(basis.rawValue)
        w.key("company"); w.string(company)
        if let period {
            w.key("period")
            w.object { w in
                w.key("from"); w.date(period.from)
                w.key("to"); w.date(period.to)
            }
        }
    }

    func appendNamedIDs(to ids: inout [String]) { ids.append(company) }

    func checkReferences(_ checker: ReferenceChecker, _ context: ReferenceContext) throws(LedgerError) {
        try checker.requireParty(company, context.field("company"))
    }

    var body: EventBody { .revenue(self) }
}
