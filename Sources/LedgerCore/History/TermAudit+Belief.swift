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
        /// The event's place among same-date events (see ``TermAudit/lines(partnership:events:amendments:term:)``).
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

        init(partnership: String, facts: [LoggedEvent], log: AmendmentLog, count: Int, ordinals: [String: Int64]) {
            var effective: [LoggedEvent] = []
            var replayer = Replayer(amendments: log.amendments(first: count), asOf: TermAudit.endOfTime)
            for fact in facts { replayer.feed(seq: fact.seq, event: fact.event) { effective.append($0) } }
            replayer.finish { effective.append($0) }
            func ordinal(_ item: LoggedEvent) -> Int64 { ordinals[item.event.id] ?? item.seq }
            effective.sort { ($0.event.date, ordinal($0)) < ($1.event.date, ordinal($1)) }

            var phases: [String: Int] = [:]
            var corrections: [String: LoggedEvent] = [:]
            for (offset, record) in log.records.prefix(count).enumerated() {
                phases[record.event.id] = offset + 1
                corrections[record.event.id] = record
            }
            // The same claims and precedence as `LedgerState.apply`, so the audit agrees with `terms`.
            var scratch: PartnershipState?
            var terms: [String: JSONValue] { scratch?.terms.mapValues(\.value) ?? [:] }
            for item in effective where TermAudit.isAbout(item.event, partnership) {
                let event = item.event
                let correction = item.correctedBy.flatMap { corrections[$0] }
                let before = terms
                func line(_ term: String, _ to: JSONValue?, _ action: TermAuditLine.Action) -> TermAuditLine {
                    var line = TermAuditLine(date: event.date, term: term, from: before[term], to: to, action: action,
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
                let origin = ClaimOrigin(event)
                switch event.body {
                case .partnership(let p):
                    var state = scratch ?? PartnershipState(id: partnership, parties: p.parties, since: event.date, eventId: event.id)
                    for name in p.terms.keys.sorted() {
                        state.record(TermClaim(kind: .set, value: p.terms[name]!, origin: origin), about: name)
                    }
                    scratch = state
                    for name in p.terms.keys.sorted() {
                        lines.append(line(name, state.terms[name]?.value, .set))
                    }
                case .renegotiation(let r):
                    guard var state = scratch else { continue }
                    for change in r.changes { state.record(TermClaim(change.action, origin: origin), about: change.term) }
                    scratch = state
                    for change in r.changes {
                        let action: TermAuditLine.Action = switch change.action {
                        case .set: .set
                        case .merge: .merge
                        case .remove: .remove
                        }
                        var next = line(change.term, state.terms[change.term]?.value, action)
                        if let after = state.terms[change.term] {
                            for member in MemberChange.between(next.from, next.to) ?? [] {
                                if let claim = after.members[member.key] { next.members[member.key] = claim.shown }
                            }
                        }
                        lines.append(next)
                    }
                case .party, .fundingRound, .valuation, .revenue, .governance, .recapitalization, .correction, .retraction,
                     .commitment, .funding, .purchaseCommitment, .warrant, .negotiation:
                    continue
                }
                let key = Group.Key(id: event.id, correctedBy: item.correctedBy)
                keys.insert(key)
                groups.append(Group(key: key, date: event.date, seq: ordinal(item),
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
