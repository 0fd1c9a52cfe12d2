/// The money that moved between a partnership's parties, event by event: pledges, payments, rounds, purchase
/// commitments and warrants (CONTRACT §4), for `audit PARTNERSHIP`.
///
/// An event counts when it is one of those types and names the partnership or two of its parties. A corrected
/// event is shown as its replacement says, naming the correction; a retracted one stays listed, marked, so the
/// audit shows what was once believed.
///
/// ```swift
/// let lines = PartnershipMoney.lines(partnership: "cloud-lab", parties: ["cloud", "lab"], events: logged,
///                                    amendments: log.resolved, asOf: date)
/// lines.map(\.event.id) // ["pledge-1", "pay-1", …]
/// ```
public enum PartnershipMoney {
    /// One money event between the parties.
    public struct Line: Hashable, Sendable {
        /// The event as in force: the replacement when a correction replaced it (its id is the original's).
        public var event: Event
        /// The correction whose replacement is shown, if any.
        public var correctedBy: String?
        /// The retraction that withdrew it, if any (the line is then no longer believed).
        public var retractedBy: String?
    }

    /// Order of money events on one day: the pledge, then the round, the payment, warrants, compute bought back.
    static func sameDayRank(_ type: EventType) -> Int {
        switch type {
        case .commitment: 0
        case .fundingRound: 1
        case .funding: 2
        case .warrant: 3
        case .purchaseCommitment: 4
        case .party, .partnership, .valuation, .revenue, .governance, .renegotiation, .recapitalization, .correction,
             .retraction, .negotiation: 5
        }
    }

    /// The money events among `events` (stored events naming any of the parties, in any order, repeats allowed)
    /// dated by `asOf`, in date order; on one day a pledge comes before the money paid on it, then by event id, so
    /// the order never depends on the order the events were recorded in.
    public static func lines(partnership: String, parties: [String], events: [LoggedEvent], amendments: Amendments,
                             asOf: LedgerDate) -> [Line] {
        var seen: Set<Int64> = []
        let parties = Set(parties)
        return events.filter { seen.insert($0.seq).inserted }
            .sorted { (($0.event.date, Self.sameDayRank($0.event.type), $0.event.id)) < ($1.event.date, Self.sameDayRank($1.event.type), $1.event.id) }
            .compactMap { logged -> Line? in
                var line = Line(event: logged.event)
                switch amendments.amendment(for: logged.event.id) {
                case .replaced(let replacement, let by)?: line.event = replacement; line.correctedBy = by
                case .retracted(let by)?: line.retractedBy = by
                case nil: break
                }
                let names = Set(line.event.namedIDs)
                guard isMoney(line.event.body), line.event.date <= asOf,
                      names.contains(partnership) || names.intersection(parties).count >= 2 else { return nil }
                return line
            }
    }

    /// Whether the event moves money or equity rights between parties.
    static func isMoney(_ body: EventBody) -> Bool {
        switch body {
        case .fundingRound, .commitment, .funding, .purchaseCommitment, .warrant: true
        case .party, .partnership, .valuation, .revenue, .governance, .renegotiation, .recapitalization, .correction,
             .retraction, .negotiation: false
        }
    }
}
