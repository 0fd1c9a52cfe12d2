import LedgerCore

/// One numbered item of the report's timeline: the term changes of one event, one governance event, or one stage of a negotiation.
///
/// ```swift
/// TimelineEntry(number: 3, date: d, subject: "microsoft-openai", kind: .terms, eventId: "r1",
///               type: .renegotiation, status: .confirmed, items: ["revenue-share: rate 20.00% → 8.00%"], sources: [])
/// ```
struct TimelineEntry {
    enum Kind: String {
        case terms, governance
        /// A stage of a negotiation about a partnership's terms (never in force).
        case proposedTerms = "proposed-terms"
        /// A stage of talks about a company's round (never in force).
        case proposedRound = "proposed-round"
    }

    var number = 0
    var date: LedgerDate
    /// The partnership (term changes, proposed terms) or company (governance, round talks).
    var subject: String
    var kind: Kind
    var eventId: String
    var type: EventType
    var status: EventStatus
    /// What changed, one item per term or role, as plain text (escaped when written).
    var items: [String]
    var sources: [String]
    /// For withdrawn term changes: "superseded: corrected on … by …" or "retracted on … by …".
    var withdrawn: String?
    /// For correction and retraction entries: "correction of …: reason".
    var amendment: String?
    /// For negotiation stages: "proposed (talks), not in force; thread …", and how the thread closed.
    var proposed: String?

    /// Groups audit lines into one entry per event (and per withdrawal), keeping their order.
    static func terms(partnership: String, lines: [TermAuditLine]) -> [TimelineEntry] {
        var entries: [TimelineEntry] = []
        var lastKey: [String?] = []
        for line in lines {
            let key = [line.date.text, line.eventId, line.effect.rawValue, line.amendedBy]
            let item = "\(line.term): " + ValueText.change(from: line.from, to: line.to) + (line.action == .revert ? " (reverted)" : "")
            if key == lastKey, !entries.isEmpty {
                entries[entries.count - 1].items.append(item)
                continue
            }
            lastKey = key
            var entry = TimelineEntry(date: line.date, subject: partnership, kind: .terms, eventId: line.eventId, type: line.type,
                                      status: line.status, items: [item], sources: line.sources)
            if line.effect != .inForce, let by = line.amendedBy {
                let verb = line.effect == .superseded ? "corrected" : "retracted"
                entry.withdrawn = "\(line.effect.rawValue): \(verb) on \(line.amendedOn?.text ?? "?") by \(by)"
            }
            if let amends = line.amends {
                entry.amendment = "\(line.type == .retraction ? "retraction" : "correction") of \(amends)" + (line.reason.map { ": \($0)" } ?? "")
            }
            entries.append(entry)
        }
        return entries
    }

    /// One entry per stage of a negotiation thread about `subject` (a partnership's terms or a company's round).
    static func negotiation(subject: String, isPartnership: Bool, thread: NegotiationThread) -> [TimelineEntry] {
        thread.stages.map { stage in
            var items: [String] = []
            for proposal in stage.proposals {
                guard case .object(let members) = proposal, case .string(let term)? = members["term"] else { continue }
                if let value = members["set"] ?? members["merge"] {
                    items.append("\(term): \(members["merge"] != nil ? "change " : "")\(ValueText.term(value))")
                } else {
                    items.append("\(term): remove")
                }
            }
            if let amount = stage.amount { items.append("raise \(ValueText.money(amount))") }
            if let valuation = stage.valuation { items.append("at a valuation of \(ValueText.money(valuation))") }
            if items.isEmpty { items.append(isPartnership ? "terms under discussion" : "a round under discussion") }
            var note = "proposed (\(stage.stage)), not in force" + (stage.party.map { "; sought by \($0)" } ?? "") + "; thread \(thread.thread)"
            if let closedBy = thread.closedBy, stage == thread.stages.last {
                note += "; closed on \(thread.closedOn?.text ?? "?") by \(closedBy)"
            }
            var entry = TimelineEntry(date: stage.date, subject: subject, kind: isPartnership ? .proposedTerms : .proposedRound,
                                      eventId: stage.eventId, type: .negotiation, status: stage.status, items: items, sources: stage.sources)
            entry.proposed = note
            return entry
        }
    }

    /// One entry for a governance event.
    static func governance(_ mark: GovernanceMark) -> TimelineEntry {
        let items = mark.changes.map { change -> String in
            switch change.action {
            case .set(let names): names.isEmpty ? "\(change.role): vacant" : "\(change.role) = \(names.joined(separator: ", "))"
            case .add(let name): "\(change.role) + \(name)"
            case .remove(let name): "\(change.role) − \(name)"
            }
        }
        return TimelineEntry(date: mark.date, subject: mark.company, kind: .governance, eventId: mark.eventId, type: .governance,
                             status: mark.status, items: items, sources: mark.sources)
    }
}
