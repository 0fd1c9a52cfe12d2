/// Every correction and retraction known at a point, in log order, unresolved.
///
/// ``Amendments`` answers "what is in force now"; this keeps the sequence so
/// the audit can also answer "what was in force before each amendment was
/// recorded": ``amendments(first:)`` resolves a prefix of the log.
///
/// ```swift
/// let log = AmendmentLog(records: [fix], targetSeqs: ["round-a": 12])
/// log.amendments(first: 0).isEmpty // true: the belief before any amendment
/// ```
public struct AmendmentLog: Sendable {
    /// Correction and retraction events, in seq order.
    public var records: [LoggedEvent]
    /// The log position of every event a correction names.
    public var targetSeqs: [String: Int64]

    /// Creates a log from amendment records (sorted here by seq) and the positions of their targets.
    public init(records: [LoggedEvent] = [], targetSeqs: [String: Int64] = [:]) {
        self.records = records.sorted { $0.seq < $1.seq }
        self.targetSeqs = targetSeqs
    }

    /// The amendments in force after the first `count` records.
    public func amendments(first count: Int) -> Amendments {
        guard count > 0 else { return Amendments() }
        return Amendments(records.prefix(count).map(\.event), targetSeqs: targetSeqs)
    }

    /// The amendments in force after every record.
    public var resolved: Amendments { amendments(first: records.count) }

    /// The records that can touch the events with ids in `ids`.
    ///
    /// A correction counts when it names one of them or its replacement
    /// passes `isRelevant`; a retraction counts when it withdraws one of them
    /// or a counted correction. Other amendments cannot change those events,
    /// so a history of one partnership need not replay them.
    public func touching(ids: Set<String>, isRelevant: (Event) -> Bool) -> AmendmentLog {
        var relevant = ids
        var kept: [LoggedEvent] = []
        for record in records {
            if case .correction(let c) = record.event.body, relevant.contains(c.corrects) || isRelevant(c.replacement) {
                relevant.insert(c.corrects)
                relevant.insert(record.event.id)
                kept.append(record)
            } else if case .retraction(let r) = record.event.body, relevant.contains(r.retracts) {
                kept.append(record)
            }
        }
        return AmendmentLog(records: kept, targetSeqs: targetSeqs)
    }
}
