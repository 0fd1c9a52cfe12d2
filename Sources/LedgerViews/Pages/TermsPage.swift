import LedgerCore
import LedgerReport
import LedgerStore

/// `terms PARTNERSHIP`: the terms of a partnership in force at a date.
public struct TermsPage: LedgerPage {
    /// The partnership.
    public var partnership: String
    /// The effective date.
    public var asOf: LedgerDate
    /// The terms in force, by name.
    public var terms: [TermView]
    /// The partnership as registered by `asOf`, or nil when not yet in force.
    public var info: PartnershipState?
    /// Why the subject is not in the state at this point (registered later, or not yet recorded), shown instead of the table.
    public var absence: String?

    /// Checks `partnership` is registered and replays what it needs.
    public static func load(_ store: EventStore, partnership: String, at point: ReplayPoint) throws -> TermsPage {
        let (state, absence) = try store.subjectState(partnership, as: "partnership", at: point)
        return TermsPage(partnership: partnership, asOf: point.asOf, terms: state.terms(of: partnership), info: state.partnerships[partnership],
                         absence: absence)
    }

    public var json: JSONValue {
        .object(["partnership": .string(partnership), "asOf": .string(asOf.text), "terms": .array(terms.map(\.json))])
    }

    public var csv: String {
        CSVWriter.document(["partnership", "asOf", "term", "value", "since", "status", "eventId"], terms.map {
            [partnership, asOf.text, $0.term, $0.value.canonicalText, $0.since.text, $0.status.rawValue, $0.eventId]
        })
    }

    public var table: String {
        if let absence { return absence }
        guard let info else {
            return "\(partnership) as of \(asOf): not yet in force (no partnership event dated on or before \(asOf))"
        }
        var table = TextTable(["TERM", "VALUE", "SINCE", "STATUS", "EVENT"])
        for term in terms {
            table.add([term.term, ValueText.term(term.value), term.since.text, term.status.rawValue + (term.disputed ? " (disputed)" : ""), term.eventId])
        }
        let heading = "\(partnership) (\(info.parties.joined(separator: ", "))) as of \(asOf)\n\n"
        return heading + (terms.isEmpty ? "no terms in force" : table.rendered + memberClaims)
    }

    /// The members that do not simply follow their term's event: another event, status, alternatives or a dispute.
    var memberClaims: String {
        var table = TextTable(["TERM", "MEMBER", "VALUE", "SINCE", "STATUS", "EVENT", "OTHER CLAIMS"])
        for term in terms {
            for name in term.members.keys.sorted() {
                let member = term.members[name]!
                let shown = member.shown.origin
                guard shown.eventId != term.eventId || member.disputed || member.alternatives.contains(where: { $0.value != member.shown.value })
                else { continue }
                let others = member.alternatives.map {
                    "\(ValueText.term($0.value)) (\($0.origin.status.rawValue), \($0.origin.eventId))"
                }.joined(separator: "; ")
                table.add([term.term, name, ValueText.term(member.shown.value), shown.date.text,
                           shown.status.rawValue + (member.disputed ? " (disputed)" : ""), shown.eventId, others])
            }
        }
        return table.rows.isEmpty ? "" : "\n\nmembers from other claims:\n\n" + table.rendered
    }
}
