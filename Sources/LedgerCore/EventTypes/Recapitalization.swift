import Foundation

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
    public var stake: ExactDecimal
    public init(holder: String, stake: ExactDecimal) { self.holder = holder; self.stake = stake }
}

extension Recapitalization: EventPayload {
    static let eventType = EventType.recapitalization
    static let summary = "A new cap table that replaces the company's previous one; whatever no listed holder owns is reported as other-holders."
    static let fields = [
        EventField("company", "the registered party id of the company"),
        EventField("stakes", "array of {holder: party id, stake: \"0.27\"}, each holder once, summing to at most 1"),
        .optional("basis", "free text: what the stakes are a fraction of"),
    ]
    static let example = #"{"type": "recapitalization", "id": "2025-10-28-openai-cap-table", "date": "2025-10-28", "company": "openai", "stakes": [{"holder": "microsoft", "stake": "0.27"}, {"holder": "openai-foundation", "stake": "0.26"}], "basis": "as-converted, fully diluted"}"#

    init<R: EventFieldReader>(reading r: inout R) throws(LedgerError) {
        let company = try r.slug("company", what: "company id")
        var stakes: [Holding] = []
        try r.objects("stakes", what: "an object {\"holder\": id, \"stake\": \"0.27\"}", nonEmpty: true) {
            (h: inout R, _: Int) throws(LedgerError) in
            let holder = try h.slug("holder", what: "holder id")
            guard !stakes.contains(where: { $0.holder == holder }) else {
                throw LedgerError("holder \"\(holder)\" is listed twice", field: h.fieldPath("holder"))
            }
            stakes.append(Holding(holder: holder, stake: try h.fraction("stake")))
        }
        let total = stakes.reduce(ExactDecimal.zero) { $0 + $1.stake }
        guard total <= 1 else {
            throw LedgerError("stakes sum to \(ExactDecimal.text(total)), more than 1", field: r.fieldPath("stakes"))
        }
        self.init(company: company, stakes: stakes, basis: try r.optionalString("basis"))
    }

    func write(into w: inout CanonicalEventWriter) {
        if let basis { w.key("basis"); w.string(basis) }
        w.key("company"); w.string(company)
        w.key("stakes")
        w.array(stakes) { w, holding in
            w.object { w in
                w.key("holder"); w.string(holding.holder)
                w.key("stake"); w.decimal(holding.stake)
            }
        }
    }

    func appendNamedIDs(to ids: inout [String]) {
        ids.append(company)
        for holding in stakes { ids.append(holding.holder) }
    }

    func checkReferences(_ checker: ReferenceChecker, _ context: ReferenceContext) throws(LedgerError) {
        try checker.requireParty(company, context.field("company"))
        for (offset, holding) in stakes.enumerated() { try checker.requireParty(holding.holder, context.field("stakes[\(offset)].holder")) }
    }

    var body: EventBody { .recapitalization(self) }
}
