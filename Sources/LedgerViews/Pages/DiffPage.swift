import LedgerCore
import LedgerStore

/// `diff --from D1 --to D2`: what differs between two as-of states, and which events caused it.
public struct DiffPage: LedgerPage {
    /// The earlier date.
    public var from: LedgerDate
    /// The later date.
    public var to: LedgerDate
    /// The recorded-time bound, echoed in the JSON.
    public var knownAt: String?
    /// The companies and partnerships compared, or nil for all.
    public var subjects: Set<String>?
    /// The differences and the state at `to`.
    public var diff: StateDiff

    /// Compares the ledger as of `from` and `to` (as known at `knownAt`), optionally one company or one partnership and its parties.
    public static func load(_ store: EventStore, from: LedgerDate, to: LedgerDate, knownAt: KnownAtText?,
                            company: String?, partnership: String?) throws -> DiffPage {
        guard from <= to else { throw LedgerError("--from (\(from)) must be on or before --to (\(to))") }
        var subjects: Set<String>?
        if let company {
            try store.requireRegistered(company, as: "party")
            subjects = [company]
        }
        if let partnership {
            try store.requireRegistered(partnership, as: "partnership")
            // The parties as registered by --to, read from the partnership's own events rather than a second replay.
            let parties = TermAudit.parties(of: partnership, in: try store.loggedEvents(naming: partnership, maxSeq: store.maxSeq(for: knownAt?.bound)),
                                            asOf: to)
            subjects = (subjects ?? []).union([partnership] + parties)
        }
        var diff = StateDiff(from: from, to: to, subjects: subjects)
        try store.forEachEffective(asOf: to, knownAt: knownAt?.bound) { diff.feed($0) }
        return DiffPage(from: from, to: to, knownAt: knownAt?.text, subjects: subjects, diff: diff)
    }

    public var json: JSONValue {
        var object: [String: JSONValue] = ["from": .string(from.text), "to": .string(to.text),
                                           "differences": .array(diff.differences.map(\.json))]
        if let subjects { object["subjects"] = .array(subjects.sorted().map(JSONValue.string)) }
        if let knownAt { object["knownAt"] = .string(knownAt) }
        return .object(object)
    }

    public var csv: String { CSVWriter.document(DiffText.csvHeader, diff.differences.map(DiffText.csvFields)) }

    public var table: String { DiffText.render(diff.differences, state: diff.state, from: from, to: to, subjects: subjects) }
}
