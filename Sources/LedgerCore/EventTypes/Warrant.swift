import Foundation

/// A right to future equity granted to a holder, or (with `exercises`) the exercise of such a right (CONTRACT §4).
///
/// A grant adds its `stake` to the fully diluted cap table only; an exercise
/// of a stake moves that stake into the cap table (earlier holders are diluted
/// by it, as by an issue of new shares).
public struct Warrant: Hashable, Sendable {
    public var company: String
    public var holder: String
    /// The stake on full exercise (a grant), or the stake exercised (an exercise).
    public var stake: ExactDecimal?
    /// The shares on full exercise, or exercised (a positive decimal).
    public var shares: ExactDecimal?
    public var exercisePrice: Money?
    public var conditions: String?
    public var expires: LedgerDate?
    /// The id of the warrant exercised; nil for a grant.
    public var exercises: String?

    public init(company: String, holder: String, stake: ExactDecimal? = nil, shares: ExactDecimal? = nil, exercisePrice: Money? = nil,
                conditions: String? = nil, expires: LedgerDate? = nil, exercises: String? = nil) {
        self.company = company; self.holder = holder; self.stake = stake; self.shares = shares; self.exercisePrice = exercisePrice
        self.conditions = conditions; self.expires = expires; self.exercises = exercises
    }
}

extension Warrant: EventPayload {
    static let eventType = EventType.warrant
    static let summary = "A warrant: a holder's right to a company's equity on conditions (fully diluted view only), or with exercises the exercise of one."
    static let fields = [
        EventField("company", "the registered party id whose equity the warrant is on"),
        EventField("holder", "the registered party id holding the warrant"),
        .grouped("kind", "stake", "fraction of the company on full exercise (a grant) or exercised (an exercise)"),
        .grouped("kind", "shares", "a positive decimal string: shares on full exercise, or exercised"),
        .optional("exercisePrice", "Money: the price per share"),
        .grouped("kind", "conditions", "the conditions, in words (required on a grant)"),
        .optional("expires", "YYYY-MM-DD: when the warrant lapses"),
        .grouped("kind", "exercises", "the id of the warrant event exercised; with it, stake or shares is required"),
    ]
    static let example = #"{"type": "warrant", "id": "example-2025-10-05-amd-warrant-to-openai", "date": "2025-10-05", "status": "confirmed", "company": "amd", "holder": "openai", "shares": "160000000", "stake": "0.1", "exercisePrice": {"amount": "0.01", "currency": "USD"}, "conditions": "vests in tranches as GPUs are delivered and AMD's share price rises", "expires": "2030-10-05", "sources": ["https://ir.amd.com/news-events/press-releases/detail/1260/amd-and-openai-announce-strategic-partnership"]}"#

    static let examples = [example, #"{"type": "warrant", "id": "2027-01-01-openai-exercises-amd-warrant", "date": "2027-01-01", "company": "amd", "holder": "openai", "stake": "0.01", "exercises": "example-2025-10-05-amd-warrant-to-openai", "expires": "2030-10-05"}"#]

    init<R: EventFieldReader>(reading r: inout R) throws(LedgerError) {
        let company = try r.slug("company", what: "company id")
        let holder = try r.slug("holder", what: "holder id")
        guard holder != company else { throw LedgerError("is the company itself; a warrant is held by another party", field: r.fieldPath("holder")) }
        let stake = r.isPresent("stake") ? try r.fraction("stake") : nil
        var shares: ExactDecimal?
        if let text = try r.optionalString("shares") {
            do { shares = try ExactDecimal.parse(text, what: "a number of shares") } catch { throw error.at(r.fieldPath("shares")) }
            guard shares! > 0 else { throw LedgerError("must be more than zero", field: r.fieldPath("shares")) }
        }
        let exercises = try r.optionalSlug("exercises", what: "event id")
        let conditions = try r.optionalString("conditions")
        if exercises != nil, stake == nil, shares == nil {
            throw LedgerError("is required on an exercise: give the exercised \"stake\" or \"shares\"", field: r.fieldPath("stake"))
        }
        if exercises == nil, (conditions ?? "").allSatisfy(\.isWhitespace) {
            throw LedgerError("is required on a warrant grant: say on what conditions it may be exercised", field: r.fieldPath("conditions"))
        }
        self.init(company: company, holder: holder, stake: stake, shares: shares, exercisePrice: try r.optionalMoney("exercisePrice"),
                  conditions: conditions, expires: try r.optionalDate("expires"), exercises: exercises)
    }

    func write(into w: inout CanonicalEventWriter) {
        w.key("company"); w.string(company)
        if let conditions { w.key("conditions"); w.string(conditions) }
        if let exercisePrice { w.key("exercisePrice"); w.money(exercisePrice) }
        if let exercises { w.key("exercises"); w.string(exercises) }
        if let expires { w.key("expires"); w.date(expires) }
        w.key("holder"); w.string(holder)
        if let shares { w.key("shares"); w.decimal(shares) }
        if let stake { w.key("stake"); w.decimal(stake) }
    }

    func appendNamedIDs(to ids: inout [String]) { ids.append(company); ids.append(holder) }

    func checkReferences(_ checker: ReferenceChecker, _ context: ReferenceContext) throws(LedgerError) {
        try checker.requireParty(company, context.field("company"))
        try checker.requireParty(holder, context.field("holder"))
        if let exercises { try checker.requireEvent(exercises, of: .warrant, context.field("exercises")) }
    }

    var body: EventBody { .warrant(self) }
}
