import ArgumentParser
import LedgerCore
import LedgerStore

/// `diff --from D1 --to D2`: what differs between two as-of states, and which events caused it.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what changed between two dates: stakes, valuations, terms, governance, investment, revenue, with the events that caused each change.",
        discussion: """
            Compares the state as of --from with the state as of --to (both inclusive, both as known at --known-at). \
            --company limits the diff to one company; --partnership to one partnership and the parties in it. \
            A figure that moved and moved back is not a difference.
            """)

    @OptionGroup var ledger: LedgerOptions
    @Option(help: ArgumentHelp("The earlier as-of date.", valueName: "YYYY-MM-DD")) var from: String
    @Option(help: ArgumentHelp("The later as-of date.", valueName: "YYYY-MM-DD")) var to: String
    @Option(help: ArgumentHelp("Only this company.", valueName: "id")) var company: String?
    @Option(help: ArgumentHelp("Only this partnership and its parties.", valueName: "id")) var partnership: String?
    @Option(name: .long, help: ArgumentHelp("Replay only what the ledger had recorded by this time or seq.", valueName: "timestamp|seq"))
    var knownAt: String?
    @Option(name: .long, help: "Output format: table, json or csv.") var format: OutputFormat = .table

    func run() throws {
        let fromDate = try date(from, "--from"), toDate = try date(to, "--to")
        guard fromDate <= toDate else { throw LedgerError("--from (\(fromDate)) must be on or before --to (\(toDate))") }
        let known: KnownAt?
        do { known = try knownAt.map(KnownAt.init(parsing:)) } catch { throw LedgerError("--known-at: \(error.message)") }
        let store = try ledger.openForReading()
        var subjects: Set<String>?
        if let company {
            try QuerySupport.requireRegistered(company, as: "party", in: store)
            subjects = [company]
        }
        if let partnership {
            try QuerySupport.requireRegistered(partnership, as: "partnership", in: store)
            // The parties as registered by --to, read from the partnership's own events rather than a second replay.
            let parties = TermAudit.parties(of: partnership, in: try store.loggedEvents(naming: partnership, maxSeq: store.maxSeq(for: known)),
                                            asOf: toDate)
            subjects = (subjects ?? []).union([partnership] + parties)
        }
        var diff = StateDiff(from: fromDate, to: toDate, subjects: subjects)
        try store.forEachEffective(asOf: toDate, knownAt: known) { diff.feed($0) }
        let differences = diff.differences
        switch format {
        case .json:
            var object: [String: JSONValue] = ["from": .string(fromDate.text), "to": .string(toDate.text),
                                               "differences": .array(differences.map(\.json))]
            if let subjects { object["subjects"] = .array(subjects.sorted().map(JSONValue.string)) }
            if let knownAt { object["knownAt"] = .string(knownAt) }
            Output.json(.object(object))
        case .csv:
            Output.print(CSVWriter.document(DiffText.csvHeader, differences.map(DiffText.csvFields)))
        case .table:
            Output.print(DiffText.render(differences, state: diff.state, from: fromDate, to: toDate, subjects: subjects))
        }
    }

    private func date(_ text: String, _ flag: String) throws -> LedgerDate {
        do { return try LedgerDate(parsing: text) } catch { throw LedgerError("\(flag): \(error.message)") }
    }
}
