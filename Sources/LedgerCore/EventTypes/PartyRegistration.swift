/// Registers a party: a company, investor, nonprofit, fund or person.
public struct PartyRegistration: Hashable, Sendable {
    public var party: String
    public var name: String
    public var kind: PartyKind
    public init(party: String, name: String, kind: PartyKind) {
        self.party = party; self.name = name; self.kind = kind
    }
}

/// What kind of party a party is.
public enum PartyKind: String, CaseIterable, Hashable, Sendable {
    case company, investor, nonprofit, fund, person
}

extension PartyRegistration: EventPayload {
    static let eventType = EventType.party
    static let summary = "Registers a party (a company, investor, nonprofit, fund or person) so other events may name it."
    static let fields = [
        EventField("party", "the party id (a slug) being registered"),
        EventField("name", "the party's display name"),
        EventField("kind", "company, investor, nonprofit, fund or person"),
    ]
    static let example = #"{"type": "party", "id": "party-meta", "date": "2004-02-04", "party": "meta", "name": "Meta Platforms", "kind": "company", "sources": ["https://about.fb.com/company-info/"]}"#

    init<R: EventFieldReader>(reading r: inout R) throws(LedgerError) {
        self.init(party: try r.slug("party", what: "party id"), name: try r.nonEmptyString("name"),
                  kind: try r.enumeration("kind", PartyKind.self))
    }

    func write(into w: inout CanonicalEventWriter) {
        w.key("kind"); w.string(kind.rawValue)
        w.key("name"); w.string(name)
        w.key("party"); w.string(party)
    }

    func appendNamedIDs(to ids: inout [String]) { ids.append(party) }

    func checkReferences(_ checker: ReferenceChecker, _ context: ReferenceContext) throws(LedgerError) {
        if let corrected = context.correcting {
            // A corrected registration changes content, never which id is registered.
            try checker.requireParty(party, context.field("party"))
            try checker.requireSameRegistration(corrected, party, field: context.field("party"))
        } else {
            try checker.requireUnregistered(party, context.field("party"), hint: "use a correction to change it")
        }
    }

    var registration: Registration? { Registration(kind: .party, id: party) }

    var body: EventBody { .party(self) }
}
