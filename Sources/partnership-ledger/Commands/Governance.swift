import ArgumentParser
import LedgerCore

/// `governance COMPANY`: who holds which role.
struct Governance: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show a company's governance (CEO, chair, board, observers, structure) at a date.")

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var query: QueryOptions
    @Argument(help: "The company id.") var company: String

    func run() throws {
        let store = try ledger.openForReading()
        try QuerySupport.requireRegistered(company, as: "party", in: store)
        let (state, asOf) = try query.replay(store, subject: company)
        let roles = state.companies[company]?.roles ?? [:]
        let names = roles.keys.sorted()
        switch query.format {
        case .json:
            Output.json(.object([
                "company": .string(company), "asOf": .string(asOf.text),
                "roles": .array(names.map { name in
                    let role = roles[name]!
                    return .object(["role": .string(name), "holders": .array(role.holders.map(JSONValue.string)),
                                    "since": .string(role.since.text), "eventId": .string(role.eventId)])
                }),
            ]))
        case .csv:
            Output.print(CSVWriter.document(["company", "asOf", "role", "holder", "since", "eventId"], names.flatMap { name in
                roles[name]!.holders.map { [company, asOf.text, name, $0, roles[name]!.since.text, roles[name]!.eventId] }
            }))
        case .table:
            var table = TextTable(["ROLE", "HOLDERS", "SINCE", "EVENT"])
            for name in names { table.add([name, roles[name]!.holders.joined(separator: ", "), roles[name]!.since.text, roles[name]!.eventId]) }
            Output.print("\(state.name(of: company)) (\(company)) governance as of \(asOf)\n\n" + (names.isEmpty ? "no governance recorded" : table.rendered))
        }
    }
}
