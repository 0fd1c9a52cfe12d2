import LedgerCore
import LedgerStore

/// `governance COMPANY`: who holds which role at a date.
public struct GovernancePage: LedgerPage {
    /// The company.
    public var company: String
    /// The effective date.
    public var asOf: LedgerDate
    /// The roles by name.
    public var roles: [String: RoleState]
    /// The company's display name.
    public var name: String
    /// Why the subject is not in the state at this point (registered later, or not yet recorded), shown instead of the table.
    public var absence: String?

    /// Checks `company` is a registered party and replays what it needs.
    public static func load(_ store: EventStore, company: String, at point: ReplayPoint) throws -> GovernancePage {
        let (state, absence) = try store.subjectState(company, as: "party", at: point)
        return GovernancePage(company: company, asOf: point.asOf, roles: state.companies[company]?.roles ?? [:], name: state.name(of: company),
                              absence: absence)
    }

    private var names: [String] { roles.keys.sorted() }

    public var json: JSONValue {
        .object([
            "company": .string(company), "asOf": .string(asOf.text),
            "roles": .array(names.map { name in
                let role = roles[name]!
                return .object(["role": .string(name), "holders": .array(role.holders.map(JSONValue.string)),
                                "since": .string(role.since.text), "eventId": .string(role.eventId)])
            }),
        ])
    }

    public var csv: String {
        CSVWriter.document(["company", "asOf", "role", "holder", "since", "eventId"], names.flatMap { name in
            roles[name]!.holders.map { [company, asOf.text, name, $0, roles[name]!.since.text, roles[name]!.eventId] }
        })
    }

    public var table: String {
        if let absence { return absence }
        var table = TextTable(["ROLE", "HOLDERS", "SINCE", "EVENT"])
        for name in names { table.add([name, roles[name]!.holders.joined(separator: ", "), roles[name]!.since.text, roles[name]!.eventId]) }
        return "\(name) (\(company)) governance as of \(asOf)\n\n" + (names.isEmpty ? "no governance recorded" : table.rendered)
    }
}
