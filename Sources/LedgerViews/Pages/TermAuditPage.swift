import LedgerCore
import LedgerStore

/// `audit PARTNERSHIP`: how a partnership's terms changed, event by event, with their evidence, and the negotiations
/// that proposed changes (how the terms came to be; never in force), and the money that moved between its parties.
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
    /// The partnership's negotiation threads by `asOf`, open and closed (with `term`, only those proposing it).
    public var negotiations: NegotiationsPage
    /// Pledges, payments, rounds, purchase commitments and warrants between the parties by `asOf` (none with `term`).
    public var money: [PartnershipMoney.Line]

    /// Reads the partnership's own events (not a whole replay) and audits them as known at `point`.
    public static func load(_ store: EventStore, partnership id: String, term: String?, at point: ReplayPoint) throws -> TermAuditPage {
        try store.requireRegistered(id, as: "partnership")
        let asOf = point.asOf
        let maxSeq = try store.maxSeq(for: point.knownAt?.bound)
        let events = try store.loggedEvents(naming: id, maxSeq: maxSeq)
        // Changes dated after `asOf` are listed too, marked scheduled (a renegotiation effective in 2030 is history already written).
        let amendments = try store.amendmentLog(maxSeq: maxSeq)
        let all = TermAudit.lines(partnership: id, events: events, amendments: amendments).map { line in
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
        var negotiations = try NegotiationsPage.load(store, subject: id, includeClosed: true, at: point)
        if let term {
            negotiations.threads.removeAll { thread in
                !thread.thread.stages.contains { $0.proposals.contains { $0["term"] == .string(term) } }
            }
        }
        let parties = TermAudit.parties(of: id, in: events, asOf: asOf)
        var money: [PartnershipMoney.Line] = []
        if term == nil {
            var named = events
            for party in parties { named += try store.loggedEvents(naming: party, maxSeq: maxSeq) }
            money = PartnershipMoney.lines(partnership: id, parties: parties, events: named, amendments: amendments.resolved, asOf: asOf)
        }
        return TermAuditPage(partnership: id, asOf: asOf, knownAt: point.knownAt?.text, term: term,
                             parties: parties, lines: lines, negotiations: negotiations, money: money)
    }

    public var json: JSONValue {
        var object: [String: JSONValue] = ["partnership": .string(partnership), "asOf": .string(asOf.text), "changes": .array(lines.map(\.json))]
        if let knownAt { object["knownAt"] = .string(knownAt) }
        // An extension of CONTRACT §3: present only when the partnership has negotiations, shaped as in `negotiations --format json`.
        if !negotiations.threads.isEmpty, case .object(let page) = negotiations.json { object["negotiations"] = page["negotiations"] }
        // Likewise present only when money moved between the parties.
        if !money.isEmpty {
            object["money"] = .array(money.map { line in
                var row: [String: JSONValue] = [
                    "date": .string(line.event.date.text), "eventId": .string(line.event.id), "type": .string(line.event.type.rawValue),
                    "status": .string(line.event.status.rawValue), "sources": .array(line.event.sources.map(JSONValue.string)),
                    "summary": .string(EventSummary.line(line.event)),
                ]
                if let by = line.correctedBy { row["correctedBy"] = .string(by) }
                if let by = line.retractedBy { row["retractedBy"] = .string(by) }
                return .object(row)
            })
        }
        return .object(object)
    }

    public var csv: String { CSVWriter.document(TermAuditText.csvHeader, lines.map(TermAuditText.csvFields)) }

    public var table: String {
        var text = TermAuditText.render(partnership: partnership, parties: parties, lines: lines, asOf: asOf, knownAt: knownAt, term: term)
        if !negotiations.threads.isEmpty {
            text += "\n\nnegotiations: proposed, never in force (how the terms came to be)\n" + negotiations.threadsTable
        }
        if !money.isEmpty {
            var table = TextTable(["DATE", "EVENT", "TYPE", "STATUS", "WHAT"])
            for line in money {
                table.add([line.event.date.text, line.event.id, line.event.type.rawValue, line.event.status.rawValue,
                           EventSummary.line(line.event) + (line.correctedBy.map { " (corrected by \($0))" } ?? "")
                            + (line.retractedBy.map { " (retracted by \($0))" } ?? "")])
            }
            text += "\n\nmoney between the parties: pledges, payments, rounds, purchase commitments, warrants\n\n" + table.rendered
        }
        return text
    }
}
