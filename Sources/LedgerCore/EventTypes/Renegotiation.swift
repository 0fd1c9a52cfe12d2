/// Changes to a partnership's terms.
public struct Renegotiation: Hashable, Sendable {
    public var partnership: String
    public var changes: [TermChange]
    public init(partnership: String, changes: [TermChange]) { self.partnership = partnership; self.changes = changes }
}

/// One change to one term: set a new value, merge members into it, or remove the term.
public struct TermChange: Hashable, Sendable {
    /// What the change does to the term.
    public enum Action: Hashable, Sendable {
        /// Replaces the term's whole value.
        case set(JSONValue)
        /// Sets only the named members of the term's value (an object) and keeps the others.
        case merge([String: JSONValue])
        /// Removes the term.
        case remove
    }
    public var term: String
    public var action: Action
    public init(term: String, action: Action) { self.term = term; self.action = action }

    /// The JSON form `{"term": …, "set": value}`, `{"term": …, "merge": {members…}}` or `{"term": …, "remove": true}`.
    public var json: JSONValue {
        switch action {
        case .set(let value): .object(["term": .string(term), "set": value])
        case .merge(let members): .object(["term": .string(term), "merge": .object(members)])
        case .remove: .object(["term": .string(term), "remove": .bool(true)])
        }
    }

    init<R: EventFieldReader>(reading c: inout R, path: @autoclosure () -> String) throws(LedgerError) {
        let term = try c.string("term")
        try c.validateTermName(term, field: c.fieldPath("term"))
        let hasSet = c.has("set"), hasMerge = c.has("merge"), hasRemove = c.has("remove")
        guard [hasSet, hasMerge, hasRemove].filter({ $0 }).count == 1 else {
            throw LedgerError("must have exactly one of \"set\", \"merge\" or \"remove\"", field: path())
        }
        let action: Action
        if hasSet {
            action = .set(try TermMembers.normalize(c.json("set") ?? .null, path: c.fieldPath("set")))
        } else if hasMerge {
            guard case .object(let members)? = try c.json("merge"), !members.isEmpty else {
                throw LedgerError("must be a non-empty object of members, e.g. {\"rate\": \"0.20\"}", field: c.fieldPath("merge"))
            }
            for name in members.keys where name.isEmpty {
                throw LedgerError("member names must not be empty", field: c.fieldPath("merge"))
            }
            action = .merge(try TermMembers.normalize(members: members, path: c.fieldPath("merge")))
        } else {
            guard try c.json("remove") == .bool(true) else {
                throw LedgerError("must be true", field: c.fieldPath("remove"))
            }
            action = .remove
        }
        self.init(term: term, action: action)
    }

    func write(into w: inout CanonicalEventWriter) {
        w.object { w in
            switch action {
            case .merge(let members): w.key("merge"); w.json(.object(members))
            case .remove: w.key("remove"); w.literal("true")
            case .set(let value): w.key("set"); w.json(value)
            }
            w.key("term"); w.string(term)
        }
    }
}

extension Renegotiation: EventPayload {
    static let eventType = EventType.renegotiation
    static let summary = "Changes to a partnership's terms: each change sets a term's whole value, merges members into it (keeping the others) or removes the term."
    static let fields = [
        EventField("partnership", "the registered partnership id"),
        EventField("changes", "array of {term, set: any JSON}, {term, merge: {member: value, …}} or {term, remove: true}"),
    ]
    static let example = #"{"type": "renegotiation", "id": "2025-01-21-microsoft-openai-rofr", "date": "2025-01-21", "partnership": "microsoft-openai", "changes": [{"term": "right-of-first-refusal", "set": {"holder": "microsoft", "scope": "new compute capacity"}}, {"term": "cloud-exclusivity", "remove": true}]}"#

    init<R: EventFieldReader>(reading r: inout R) throws(LedgerError) {
        let partnership = try r.slug("partnership", what: "partnership id")
        var changes: [TermChange] = []
        let path = r.fieldPath("changes")
        try r.objects("changes", what: "an object {\"term\": name, \"set\": value}, {\"term\": name, \"merge\": {members}} or {\"term\": name, \"remove\": true}", nonEmpty: true) {
            (c: inout R, offset: Int) throws(LedgerError) in
            changes.append(try TermChange(reading: &c, path: "\(path)[\(offset)]"))
        }
        self.init(partnership: partnership, changes: changes)
    }

    func write(into w: inout CanonicalEventWriter) {
        w.key("changes"); w.array(changes) { w, change in change.write(into: &w) }
        w.key("partnership"); w.string(partnership)
    }

    func appendNamedIDs(to ids: inout [String]) { ids.append(partnership) }

    func checkReferences(_ checker: ReferenceChecker, _ context: ReferenceContext) throws(LedgerError) {
        try checker.requirePartnership(partnership, context.field("partnership"))
    }

    var body: EventBody { .renegotiation(self) }
}
