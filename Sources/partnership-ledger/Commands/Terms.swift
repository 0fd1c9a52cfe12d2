import ArgumentParser
import LedgerCore

/// `terms PARTNERSHIP`: the terms in force.
struct Terms: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show the terms of a partnership in force at a date.")

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var query: QueryOptions
    @Argument(help: "The partnership id.") var partnership: String

    func run() throws {
        let store = try ledger.openForReading()
        try QuerySupport.requireRegistered(partnership, as: "partnership", in: store)
        let (state, asOf) = try query.replay(store, subject: partnership)
        let terms = state.terms(of: partnership)
        switch query.format {
        case .json:
            Output.json(.object(["partnership": .string(partnership), "asOf": .string(asOf.text), "terms": .array(terms.map(\.json))]))
        case .csv:
            Output.print(CSVWriter.document(["partnership", "asOf", "term", "value", "since", "status", "eventId"], terms.map {
                [partnership, asOf.text, $0.term, $0.value.canonicalText, $0.since.text, $0.status.rawValue, $0.eventId]
            }))
        case .table:
            guard let info = state.partnerships[partnership] else {
                Output.print("\(partnership) as of \(asOf): not yet in force (no partnership event dated on or before \(asOf))")
                return
            }
            var table = TextTable(["TERM", "VALUE", "SINCE", "STATUS", "EVENT"])
            for term in terms { table.add([term.term, TermText.render(term.value), term.since.text, term.status.rawValue, term.eventId]) }
            Output.print("\(partnership) (\(info.parties.joined(separator: ", "))) as of \(asOf)\n\n" + (terms.isEmpty ? "no terms in force" : table.rendered))
        }
    }
}
