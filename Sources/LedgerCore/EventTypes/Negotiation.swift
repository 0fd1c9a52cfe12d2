import Foundation

/// Talks, a proposal or an agreement in principle: what was sought or reported as under discussion (CONTRACT §4).
///
/// A negotiation never changes terms, valuations or stakes. Its events share a
/// `thread` (the first event's id when absent). A thread is open from its first
/// event until a later event of the thread has stage `abandoned`, or until the
/// event named by `settledBy` (a renegotiation, funding round, valuation,
/// commitment or recapitalization that settles it) takes effect. The settling
/// event may be appended later in the same batch; one event may settle
/// several threads.
public struct Negotiation: Hashable, Sendable {
    /// What the negotiation is about.
    public enum Subject: Hashable, Sendable {
        /// Proposed changes to a partnership's terms (none on an `abandoned` stage).
        case terms(partnership: String, proposals: [TermChange])
        /// A proposed round: its size and valuation, each optional.
        case round(company: String, amount: Money?, valuation: Money?)
    }

    /// How far the talks went.
    public enum Stage: String, CaseIterable, Hashable, Sendable {
        case talks, proposal
        case agreedInPrinciple = "agreed-in-principle"
        case abandoned
    }

    public var subject: Subject
    public var stage: Stage
    /// Who seeks it.
    public var party: String?
    /// The id shared by the events of one negotiation.
    public var thread: String?
    /// The event that settles the thread, closing it from that event's date.
    public var settledBy: String?

    public init(subject: Subject, stage: Stage, party: String? = nil, thread: String? = nil, settledBy: String? = nil) {
        self.subject = subject; self.stage = stage; self.party = party; self.thread = thread; self.settledBy = settledBy
    }

    /// The partnership or company the negotiation is about.
    public var subjectID: String {
        switch subject {
        case .terms(let partnership, _): partnership
        case .round(let company, _, _): company
        }
    }
}

extension Negotiation: EventPayload {
    static let eventType = EventType.negotiation
    static let summary = "Talks, a proposal or an agreement in principle about a partnership's terms or a company's round; never changes terms, valuations or stakes."
    static let fields = [
        .grouped("subject", "partnership", "the registered partnership whose terms are discussed (not with company)"),
        .grouped("subject", "proposals", "with partnership: array of {term, set}, {term, merge: {members}} or {term, remove: true}; may be absent on an abandoned stage"),
        .grouped("subject", "company", "the registered company whose round is discussed (not with partnership)"),
        .optional("amount", "with company: Money, the proposed round's size"),
        .optional("valuation", "with company: Money, the proposed valuation"),
        EventField("stage", "talks, proposal, agreed-in-principle or abandoned"),
        .optional("party", "the registered party who seeks it"),
        .optional("thread", "an id shared by the events of one negotiation (default: this event's id)"),
        .optional("settledBy", "the id of the renegotiation, funding-round, valuation, commitment or recapitalization that settles the thread (it may come later in the same batch); the thread closes on that event's date"),
    ]
    static let example = #"{"type": "negotiation", "id": "example-2024-09-11-openai-talks-150b", "date": "2024-09-11", "status": "reported", "company": "openai", "amount": {"amount": "6500000000", "currency": "USD"}, "valuation": {"amount": "150000000000", "currency": "USD"}, "stage": "talks", "thread": "openai-2024-round", "party": "thrive-capital", "settledBy": "2024-10-02-openai-valued-157b", "sources": ["Bloomberg, 2024-09-11"]}"#

    static let examples = [example, #"{"type": "negotiation", "id": "example-2025-05-06-microsoft-revenue-share-talks", "date": "2025-05-06", "status": "reported", "partnership": "microsoft-openai", "party": "openai", "proposals": [{"term": "revenue-share", "merge": {"projected-rate-2030": "0.10"}}], "stage": "proposal", "thread": "microsoft-revenue-share", "settledBy": "2025-10-28-microsoft-openai-definitive-agreement"}"#]

    /// The event types that may settle a thread.
    public static let settlingTypes: [EventType] = [.renegotiation, .fundingRound, .valuation, .commitment, .recapitalization]

    init<R: EventFieldReader>(reading r: inout R) throws(LedgerError) {
        let stage = try r.enumeration("stage", Stage.self)
        let partnership = try r.optionalSlug("partnership", what: "partnership id")
        let company = try r.optionalSlug("company", what: "company id")
        let subject: Subject
        switch (partnership, company) {
        case (let partnership?, nil):
            for key in ["amount", "valuation"] where r.isPresent(key) {
                throw LedgerError("belongs to a company's round; a partnership's negotiation names \"proposals\"", field: r.fieldPath(key))
            }
            var proposals: [TermChange] = []
            if r.isPresent("proposals") {
                let path = r.fieldPath("proposals")
                try r.objects("proposals", what: "an object {\"term\": name, \"set\"|\"merge\"|\"remove\": …}", nonEmpty: true) {
                    (c: inout R, offset: Int) throws(LedgerError) in
                    proposals.append(try TermChange(reading: &c, path: "\(path)[\(offset)]"))
                }
            } else if stage != .abandoned {
                throw LedgerError("is required for a partnership's negotiation (only an abandoned stage may omit it)", field: r.fieldPath("proposals"))
            }
            subject = .terms(partnership: partnership, proposals: proposals)
        case (nil, let company?):
            if r.isPresent("proposals") {
                throw LedgerError("belongs to a partnership's negotiation; a company's names \"amount\" and \"valuation\"", field: r.fieldPath("proposals"))
            }
            let amount = try r.optionalMoney("amount"), valuation = try r.optionalMoney("valuation")
            if let amount, let valuation, amount.currency != valuation.currency {
                throw LedgerError("is in \(valuation.currency) but the amount is in \(amount.currency)", field: r.fieldPath("valuation.currency"))
            }
            subject = .round(company: company, amount: amount, valuation: valuation)
        case (.some, .some):
            throw LedgerError("names both \"partnership\" and \"company\"; a negotiation is about one", field: r.fieldPath("company"))
        case (nil, nil):
            throw LedgerError("is required: give \"partnership\" (with proposals) or \"company\" (with amount or valuation)", field: r.fieldPath("partnership"))
        }
        self.init(subject: subject, stage: stage, party: try r.optionalSlug("party", what: "party id"),
                  thread: try r.optionalSlug("thread", what: "thread id"), settledBy: try r.optionalSlug("settledBy", what: "event id"))
    }

    func write(into w: inout CanonicalEventWriter) {
        switch subject {
        case .terms(let partnership, let proposals):
            w.key("partnership"); w.string(partnership)
            if let party { w.key("party"); w.string(party) }
            if !proposals.isEmpty { w.key("proposals"); w.array(proposals) { w, change in change.write(into: &w) } }
        case .round(let company, let amount, _):
            if let amount { w.key("amount"); w.money(amount) }
            w.key("company"); w.string(company)
            if let party { w.key("party"); w.string(party) }
        }
        if let settledBy { w.key("settledBy"); w.string(settledBy) }
        w.key("stage"); w.string(stage.rawValue)
        if let thread { w.key("thread"); w.string(thread) }
        if case .round(_, _, let valuation?) = subject { w.key("valuation"); w.money(valuation) }
    }

    func appendNamedIDs(to ids: inout [String]) {
        ids.append(subjectID)
        if let party { ids.append(party) }
    }

    func checkReferences(_ checker: ReferenceChecker, _ context: ReferenceContext) throws(LedgerError) {
        switch subject {
        case .terms(let partnership, _): try checker.requirePartnership(partnership, context.field("partnership"))
        case .round(let company, _, _): try checker.requireParty(company, context.field("company"))
        }
        if let party { try checker.requireParty(party, context.field("party")) }
        if let settledBy { try checker.requireEvent(settledBy, ofOneOf: Self.settlingTypes, context.field("settledBy"), mayFollowInBatch: true) }
    }

    var body: EventBody { .negotiation(self) }
}
