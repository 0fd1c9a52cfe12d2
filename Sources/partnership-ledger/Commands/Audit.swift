import ArgumentParser
import LedgerCore
import LedgerReport
import LedgerStore

/// `audit PARTNERSHIP`: how the terms evolved; `audit COMPANY --stakes`: how the holders' stakes moved.
struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show how a partnership's terms changed, event by event, with their evidence (or, with --stakes, how a company's stakes moved).",
        discussion: """
            Every change to every term in effective-date order: the initial terms of the partnership event, each \
            renegotiation, and each correction or retraction. Changes the ledger no longer believes stay in the audit, \
            marked superseded or retracted, with the amendment and its date. --as-of hides changes dated later; \
            --known-at shows the audit as the ledger knew it then.
            """)

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var query: QueryOptions
    @Argument(help: "The partnership id (with --stakes, the company id).") var id: String
    @Option(help: "Only changes to this term.") var term: String?
    @Flag(help: "Audit a company's cap table instead: how each holder's stake and implied value moved.") var stakes = false

    func run() throws {
        // Checked here, not in validate(), so the mistake exits 1 with a plain sentence like other user errors.
        if stakes, term != nil { throw LedgerError("--term applies to a partnership audit, not to --stakes") }
        let store = try ledger.openForReading()
        if stakes { try runStakes(store) } else { try runTerms(store) }
    }

    private func runTerms(_ store: EventStore) throws {
        try QuerySupport.requireRegistered(id, as: "partnership", in: store)
        let asOf = try query.asOfDate()
        let maxSeq = try store.maxSeq(for: query.knownAtBound())
        let events = try store.loggedEvents(naming: id, maxSeq: maxSeq)
        let all = TermAudit.lines(partnership: id, events: events, amendments: try store.amendmentLog(maxSeq: maxSeq))
            .filter { $0.date <= asOf }
        let lines = all.filter { term == nil || $0.term == term }
        if let term, lines.isEmpty {
            let known = Set(all.map(\.term)).sorted()
            throw LedgerError("no change to a term \"\(term)\" in \(id) by \(asOf)" + (known.isEmpty ? "" : " (its terms: \(known.joined(separator: ", ")))"))
        }
        switch query.format {
        case .json:
            var object: [String: JSONValue] = ["partnership": .string(id), "asOf": .string(asOf.text), "changes": .array(lines.map(\.json))]
            if let knownAt = query.knownAt { object["knownAt"] = .string(knownAt) }
            Output.json(.object(object))
        case .csv:
            Output.print(CSVWriter.document(TermAuditText.csvHeader, lines.map(TermAuditText.csvFields)))
        case .table:
            // Read from the partnership's own events, not a whole replay.
            let parties = TermAudit.parties(of: id, in: events, asOf: asOf)
            Output.print(TermAuditText.render(partnership: id, parties: parties, lines: lines, asOf: asOf,
                                              knownAt: query.knownAt, term: term))
        }
    }

    private func runStakes(_ store: EventStore) throws {
        try QuerySupport.requireRegistered(id, as: "party", in: store)
        let asOf = try query.asOfDate()
        var history = StakeHistory(company: id)
        try store.forEachEffective(asOf: asOf, knownAt: query.knownAtBound()) { history.feed($0) }
        switch query.format {
        case .json:
            var object: [String: JSONValue] = ["company": .string(id), "asOf": .string(asOf.text), "changes": .array(history.changes.map(\.json))]
            if let knownAt = query.knownAt { object["knownAt"] = .string(knownAt) }
            Output.json(.object(object))
        case .csv:
            Output.print(CSVWriter.document(StakeAuditText.csvHeader, history.changes.map(StakeAuditText.csvFields)))
        case .table:
            Output.print(StakeAuditText.render(company: id, state: history.state, changes: history.changes, asOf: asOf))
        }
    }
}
