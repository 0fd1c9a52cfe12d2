/// Computes the audit of a partnership's terms: every change, including the ones no longer believed.
///
/// The history in force is the fold of the partnership's events with every
/// known amendment applied. To show what was believed before each
/// correction or retraction was recorded, the fold is repeated once per
/// amendment that touches the partnership (a handful, in practice): the
/// belief after the first *k* amendments. A change present in belief *k − 1*
/// and gone in belief *k* was withdrawn by amendment *k*; it is kept, marked
/// superseded (a correction) or retracted (a retraction), and a retraction
/// adds a `revert` line: the term going back to the value in force without it.
///
/// The fold mirrors ``LedgerState/apply(_:)`` for terms: initial terms from
/// the `partnership` event, then each renegotiation in date order (same-date events in the order of ``lines``);
/// renegotiations before the partnership exists are ignored, as there.
///
/// ```swift
/// let lines = TermAudit.lines(partnership: "microsoft-openai", events: logged, amendments: log)
/// lines.filter { $0.effect == .inForce }.last?.to // the value in force now
/// ```
public enum TermAudit {
    /// The audit lines of `partnership`, in effective-date order.
    ///
    /// - Parameters:
    ///   - events: the stored events that name the partnership, in any order
    ///     (amendments among them are ignored; pass them in `amendments`).
    ///   - amendments: every correction and retraction known at the
    ///     known-at point; those that cannot touch the partnership are skipped.
    ///   - term: only lines about this term, when given.
    public static func lines(partnership: String, events: [LoggedEvent], amendments: AmendmentLog,
                             term: String? = nil) -> [TermAuditLine] {
        let facts = events.filter { $0.event.type != .correction && $0.event.type != .retraction }
            .sorted { ($0.event.date, $0.seq) < ($1.event.date, $1.seq) }
        let ids = Set(facts.filter { isAbout($0.event, partnership) }.map(\.event.id))
        let log = amendments.touching(ids: ids) { isAbout($0, partnership) }
        // Same-date events are told in an order of their own, never the recording order: a registration first,
        // then the surer claim before the weaker one that fills its gaps, then by event id.
        let told = facts.sorted { a, b in
            let ka = (a.event.date, a.event.type == .partnership ? 0 : 1), kb = (b.event.date, b.event.type == .partnership ? 0 : 1)
            if ka != kb { return ka < kb }
            let ra = ClaimRank(status: a.event.status, date: a.event.date, announced: a.event.announced)
            let rb = ClaimRank(status: b.event.status, date: b.event.date, announced: b.event.announced)
            return ra != rb ? ra > rb : a.event.id < b.event.id
        }
        var ordinals: [String: Int64] = [:]
        for (offset, fact) in told.enumerated() where ordinals[fact.event.id] == nil { ordinals[fact.event.id] = Int64(offset) }
        let beliefs = (0...log.records.count).map { k in
            Belief(partnership: partnership, facts: facts, log: log, count: k, ordinals: ordinals)
        }

        let current = beliefs[beliefs.count - 1]
        var ordered: [(key: SortKey, line: TermAuditLine)] = []
        func add(_ line: TermAuditLine, _ group: Group, phase: Int) {
            ordered.append((SortKey(date: group.date, seq: group.seq, phase: phase, ordinal: ordered.count), line))
        }
        for k in beliefs.indices.dropFirst() {
            let amender = log.records[k - 1]
            for group in beliefs[k - 1].groups where !beliefs[k].contains(group.key) {
                for line in group.lines { add(withdrawn(line, by: amender), group, phase: group.phase) }
                if case .retraction(let retraction) = amender.event.body {
                    for line in group.lines.reversed().uniqued(by: \.term).reversed() {
                        // The value the term goes back to is the one believed now (after every amendment),
                        // so the audit agrees with `terms` when a later correction changed an earlier event.
                        let restored = current.value(of: line.term, before: group.date, seq: group.seq)
                        add(TermAuditLine(date: group.date, term: line.term, from: line.to, to: restored, action: .revert,
                                          eventId: amender.event.id, type: .retraction, status: amender.event.status,
                                          sources: amender.event.sources, amends: retraction.retracts,
                                          reason: retraction.reason), group, phase: k)
                    }
                }
            }
        }
        for group in current.groups {
            for line in group.lines { add(line, group, phase: group.phase) }
        }
        return ordered.sorted { $0.key < $1.key }.map(\.line).filter { term == nil || $0.term == term }
    }

    /// Whether `event` sets or changes the terms of `partnership`.
    static func isAbout(_ event: Event, _ partnership: String) -> Bool {
        switch event.body {
        case .partnership(let p): p.partnership == partnership
        case .renegotiation(let r): r.partnership == partnership
        case .party, .fundingRound, .valuation, .revenue, .governance, .recapitalization, .correction, .retraction: false
        }
    }

    private static func withdrawn(_ line: TermAuditLine, by amender: LoggedEvent) -> TermAuditLine {
        var line = line
        line.effect = amender.event.type == .correction ? .superseded : .retracted
        line.amendedBy = amender.event.id
        line.amendedOn = amender.event.date
        line.amendedRecordedAt = amender.recordedAt
        return line
    }

    /// Orders lines by effective date and log position; `phase` puts an
    /// original before its correction and a retracted line before its revert.
    struct SortKey: Comparable {
        var date: LedgerDate
        var seq: Int64
        var phase: Int
        var ordinal: Int
        static func < (a: SortKey, b: SortKey) -> Bool {
            (a.date, a.seq, a.phase, a.ordinal) < (b.date, b.seq, b.phase, b.ordinal)
        }
    }

    /// A replay bound later than any accepted date.
    static let endOfTime = LedgerDate(year: LedgerDate.maxYear, month: 12, day: 31)!
}

extension TermAudit {
    /// The parties of `partnership` as registered by `asOf`: the latest `partnership` event in (date, seq) order.
    ///
    /// Read from the partnership's own events, so callers that already hold
    /// them need no whole replay. Empty when it is not registered by then.
    ///
    /// ```swift
    /// TermAudit.parties(of: "microsoft-openai", in: events, asOf: date) // ["microsoft", "openai"]
    /// ```
    public static func parties(of partnership: String, in events: [LoggedEvent], asOf: LedgerDate) -> [String] {
        events.filter { $0.event.date <= asOf }
            .sorted { ($0.event.date, $0.seq) < ($1.event.date, $1.seq) }
            .compactMap { logged -> [String]? in
                if case .partnership(let p) = logged.event.body, p.partnership == partnership { return p.parties }
                return nil
            }
            .last ?? []
    }
}
