/// The folds behind ``TermAudit``: one partnership's term history as believed after some amendments.
extension TermAudit {
    /// The lines one effective event produced, identified by (event id, correction).
    struct Group {
        struct Key: Hashable {
            var id: String
            var correctedBy: String?
        }
        var key: Key
        var date: LedgerDate
        var seq: Int64
        /// 0 for an original; k for the replacement from the k-th amendment.
        var phase: Int
        var lines: [TermAuditLine]
        /// The terms in force right after this event.
        var termsAfter: [String: JSONValue]
    }

    /// The partnership's term history as believed after the first `count` amendments.
    struct Belief {
        var groups: [Group] = []
        private var keys: Set<Group.Key> = []

        init(partnership: String, facts: [LoggedEvent], log: AmendmentLog, count: Int) {
            var effective: [EffectiveEvent] = []
            var replayer = Replayer(amendments: log.amendments(first: count), asOf: TermAudit.endOfTime)
            for fact in facts { replayer.feed(seq: fact.seq, event: fact.event) { effective.append($0) } }
            replayer.finish { effective.append($0) }

            var phases: [String: Int] = [:]
            var corrections: [String: LoggedEvent] = [:]
            for (offset, record) in log.records.prefix(count).enumerated() {
                phases[record.event.id] = offset + 1
                corrections[record.event.id] = record
            }
            var terms: [String: JSONValue] = [:]
            var registered = false
            for item in effective where TermAudit.isAbout(item.event, partnership) {
                let event = item.event
                let correction = item.correctedBy.flatMap { corrections[$0] }
                func line(_ term: String, _ to: JSONValue?, _ action: TermAuditLine.Action) -> TermAuditLine {
                    var line = TermAuditLine(date: event.date, term: term, from: terms[term], to: to, action: action,
                                             eventId: event.id, type: event.type, status: event.status, sources: event.sources)
                    if let correction, case .correction(let c) = correction.event.body {
                        line.eventId = correction.event.id
                        line.type = .correction
                        line.sources = (event.sources + correction.event.sources).uniqued(by: \.self)
                        line.amends = c.corrects
                        line.reason = c.reason
                    }
                    return line
                }
                var lines: [TermAuditLine] = []
                switch event.body {
                case .partnership(let p):
                    registered = true
                    for name in p.terms.keys.sorted() {
                        lines.append(line(name, p.terms[name], .set))
                        terms[name] = p.terms[name]
                    }
                case .renegotiation(let r):
                    guard registered else { continue }
                    for change in r.changes {
                        switch change.action {
                        case .set(let value):
                            lines.append(line(change.term, value, .set))
                            terms[change.term] = value
                        case .remove:
                            lines.append(line(change.term, nil, .remove))
                            terms[change.term] = nil
                        }
                    }
                case .party, .fundingRound, .valuation, .revenue, .governance, .recapitalization, .correction, .retraction:
                    continue
                }
                let key = Group.Key(id: event.id, correctedBy: item.correctedBy)
                keys.insert(key)
                groups.append(Group(key: key, date: event.date, seq: item.seq,
                                    phase: item.correctedBy.flatMap { phases[$0] } ?? 0, lines: lines, termsAfter: terms))
            }
        }

        func contains(_ key: Group.Key) -> Bool { keys.contains(key) }

        /// The value of `term` after every event strictly before (`date`, `seq`).
        func value(of term: String, before date: LedgerDate, seq: Int64) -> JSONValue? {
            groups.last { ($0.date, $0.seq) < (date, seq) }?.termsAfter[term]
        }
    }
}
