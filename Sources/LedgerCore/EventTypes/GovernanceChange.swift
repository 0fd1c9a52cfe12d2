/// Changes to who holds which governance role.
public struct GovernanceChange: Hashable, Sendable {
    public var company: String
    public var changes: [RoleChange]
    public init(company: String, changes: [RoleChange]) { self.company = company; self.changes = changes }
}

/// One change to one role: replace its holders, add one, or remove one.
public struct RoleChange: Hashable, Sendable {
    public enum Action: Hashable, Sendable {
        /// Replace the holders; an empty list leaves the role vacant.
        case set([String])
        case add(String)
        case remove(String)
    }
    public var role: String
    public var action: Action
    public init(role: String, action: Action) { self.role = role; self.action = action }

    /// The JSON form `{"role": …, "set"|"add"|"remove": …}`.
    public var json: JSONValue {
        switch action {
        case .set(let names):
            let value: JSONValue = names.isEmpty ? .null : names.count == 1 ? .string(names[0]) : .array(names.map(JSONValue.string))
            return .object(["role": .string(role), "set": value])
        case .add(let name): return .object(["role": .string(role), "add": .string(name)])
        case .remove(let name): return .object(["role": .string(role), "remove": .string(name)])
        }
    }

    init<R: EventFieldReader>(reading c: inout R, path: @autoclosure () -> String) throws(LedgerError) {
        let role = try c.string("role")
        try c.validateTermName(role, field: c.fieldPath("role"), what: "role")
        let verbs = ["set", "add", "remove"].filter { c.has($0) }
        guard verbs.count == 1 else {
            throw LedgerError("must have exactly one of \"set\", \"add\" or \"remove\"", field: path())
        }
        let action: Action
        if verbs[0] == "add" {
            action = .add(try c.nonEmptyString("add"))
        } else if verbs[0] == "remove" {
            action = .remove(try c.nonEmptyString("remove"))
        } else {
            let value = try c.json("set") ?? .null
            switch value {
            case .null: action = .set([])
            case .string(let name): action = .set([name])
            case .array(let names):
                var list: [String] = []
                for (offset, name) in names.enumerated() {
                    guard case .string(let text) = name, !text.isEmpty else {
                        throw LedgerError("must be a non-empty string", field: c.fieldPath("set[\(offset)]"))
                    }
                    list.append(text)
                }
                action = .set(list)
            case .bool, .number, .object:
                throw LedgerError("must be a name, an array of names or null, not \(value.kindName)", field: c.fieldPath("set"))
            }
        }
        self.init(role: role, action: action)
    }

    func write(into w: inout CanonicalEventWriter) {
        w.object { w in
            switch action {
            case .add(let name): w.key("add"); w.string(name)
            case .remove(let name): w.key("remove"); w.string(name)
            case .set: break
            }
            w.key("role"); w.string(role)
            if case .set(let names) = action {
                w.key("set")
                switch names.count {
                case 0: w.literal("null")
                case 1: w.string(names[0])
                default: w.array(names) { w, name in w.string(name) }
                }
            }
        }
    }
}

extension GovernanceChange: EventPayload {
    static let eventType = EventType.governance
    static let summary = "Changes to who holds a company's governance roles (ceo, chair, board, observer, structure, …)."
    static let fields = [
        EventField("company", "the registered party id of the company"),
        EventField("changes", "array of {role, set: name | [names] | null} or {role, add: name} or {role, remove: name}"),
    ]
    static let example = #"{"type": "governance", "id": "2023-11-29-openai-ceo-and-observer", "date": "2023-11-29", "company": "openai", "changes": [{"role": "ceo", "set": "Sam Altman"}, {"role": "observer", "add": "Microsoft"}]}"#

    init<R: EventFieldReader>(reading r: inout R) throws(LedgerError) {
        let company = try r.slug("company", what: "company id")
        var changes: [RoleChange] = []
        let path = r.fieldPath("changes")
        try r.objects("changes", what: "an object {\"role\": name, \"set\"|\"add\"|\"remove\": value}", nonEmpty: true) {
            (c: inout R, offset: Int) throws(LedgerError) in
            changes.append(try RoleChange(reading: &c, path: "\(path)[\(offset)]"))
        }
        self.init(company: company, changes: changes)
    }

    func write(into w: inout CanonicalEventWriter) {
        w.key("changes"); w.array(changes) { w, change in change.write(into: &w) }
        w.key("company"); w.string(company)
    }

    func appendNamedIDs(to ids: inout [String]) { ids.append(company) }

    func checkReferences(_ checker: ReferenceChecker, _ context: ReferenceContext) throws(LedgerError) {
        try checker.requireParty(company, context.field("company"))
    }

    var body: EventBody { .governance(self) }
}
