/// Registers a partnership between two or more parties, with its initial terms.
public struct PartnershipRegistration: Hashable, Sendable {
    public var partnership: String
    public var parties: [String]
    /// Term name → value (any JSON).
    public var terms: [String: JSONValue]
    public init(partnership: String, parties: [String], terms: [String: JSONValue]) {
        self.partnership = partnership; self.parties = parties; self.terms = terms
    }
}

extension PartnershipRegistration: EventPayload {
    static let eventType = EventType.partnership
    static let summary = "Registers a partnership between two or more registered parties, with its initial terms."
    static let fields = [
        EventField("partnership", "the partnership id (a slug) being registered"),
        EventField("parties", "array of at least 2 registered party ids"),
        EventField("terms", "object of term name (a slug) to any JSON value: the terms in force from this date"),
    ]
    static let example = #"{"type": "partnership", "id": "partnership-google-openai", "date": "2025-06-10", "status": "reported", "partnership": "google-openai", "parties": ["google", "openai"], "terms": {"cloud-capacity": {"provider": "google", "scope": "additional computing capacity for OpenAI"}}, "sources": ["Reuters, 2025-06-10"]}"#

    init<R: EventFieldReader>(reading r: inout R) throws(LedgerError) {
        let id = try r.slug("partnership", what: "partnership id")
        let parties = try r.slugs("parties", what: "party id")
        guard parties.count >= 2 else { throw LedgerError("must name at least 2 parties", field: r.fieldPath("parties")) }
        guard let termsValue = try r.json("terms"), termsValue != .null else {
            throw LedgerError("is required", field: r.fieldPath("terms"))
        }
        guard case .object(let terms) = termsValue else {
            throw LedgerError("must be an object of term name to value, not \(termsValue.kindName)", field: r.fieldPath("terms"))
        }
        var normalized = terms
        for name in terms.keys.sorted() {
            let path = r.fieldPath("terms.\(name)")
            try r.validateTermName(name, field: path)
            normalized[name] = try TermMembers.normalize(terms[name]!, path: path)
        }
        self.init(partnership: id, parties: parties, terms: normalized)
    }

    func write(into w: inout CanonicalEventWriter) {
        w.key("parties"); w.array(parties) { w, party in w.string(party) }
        w.key("partnership"); w.string(partnership)
        w.key("terms"); w.json(.object(terms))
    }

    func appendNamedIDs(to ids: inout [String]) {
        ids.append(partnership)
        ids.append(contentsOf: parties)
    }

    func checkReferences(_ checker: ReferenceChecker, _ context: ReferenceContext) throws(LedgerError) {
        if let corrected = context.correcting {
            try checker.requirePartnership(partnership, context.field("partnership"))
            try checker.requireSameRegistration(corrected, partnership, field: context.field("partnership"))
        } else {
            try checker.requireUnregistered(partnership, context.field("partnership"), hint: "use a renegotiation or a correction to change it")
        }
        for (offset, id) in parties.enumerated() { try checker.requireParty(id, context.field("parties[\(offset)]")) }
    }

    var registration: Registration? { Registration(kind: .partnership, id: partnership) }

    var body: EventBody { .partnership(self) }
}
