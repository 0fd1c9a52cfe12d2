import LedgerCore
import LedgerStore

/// `audit PARTNERSHIP`: how a partnership's terms changed, event by event, with their evidence.
public struct TermAuditPage: LedgerPage {
    /// The partnership.
    public var partnership: String
    /// Changes dated later are shown as scheduled.
    public var asOf: LedgerDate
    /// The recorded-time bound, echoed in the heading and JSON.
    public var knownAt: String?
    /// Only this term, when given.
    public var term: String?
    /// The parties as registered by `asOf`.
    public var parties: [String]
    /// The changes shown.
    public var lines: [TermAuditLine]

    /// Reads the partnership's own events (not a whole replay) and audits them as known at `point`.
    public static func load(_ store: EventStore, partnership id: String, term: String?, at point: ReplayPoint) throws -> TermAuditPage {
        try store.requireRegistered(id, as: "partnership")
        let asOf = point.asOf
        let maxSeq = try store.maxSeq(for: point.knownAt?.bound)
        let events = try store.loggedEvents(naming: id, maxSeq: maxSeq)
        // Changes dated after `asOf` are listed too, marked scheduled (a renegotiation effective in 2030 is history already written).
        let all = TermAudit.lines(partnership: id, events: events, amendments: try store.amendmentLog(maxSeq: maxSeq)).map { line in
            var line = line
            line.scheduled = line.date > asOf
            return line
        }
        let lines = all.filter { term == nil || $0.term == term }
        if let term, !lines.contains(where: { $0.date <= asOf }) {
            let known = Set(all.filter { $0.date <= asOf }.map(\.term)).sorted()
            throw LedgerError("no change to a term \"\(term)\" in \(id) by \(asOf)" + Suggestion.hint(for: term, among: known)
                              + (known.isEmpty ? "" : " (its terms: \(known.joined(separator: ", ")))"))
        }
        return TermAuditPage(partnership: id, asOf: asOf, knownAt: point.knownAt?.text, term: term,
                             parties: TermAudit.parties(of: id, in: events, asOf: asOf), lines: lines)
    }

    public var json: JSONValue {
        var object: [String: JSONValue] = ["partnership": .string(partnership), "asOf": .string(asOf.text), "changes": .array(lines.map(\.json))]
        if let knownAt { object["knownAt"] = .string(knownAt) }
        return .object(object)
    }

    public var csv: String { CSVWriter.document(TermAuditText.csvHeader, lines.map(TermAuditText.csvFields)) }

    public var table: String {
        TermAuditText.render(partnership: partnership, parties: parties, lines: lines, asOf: asOf, knownAt: knownAt, term: term)
    }
}
