/// Compares the states at two as-of dates and finds which events caused each difference.
///
/// One replay to the later date does both: the builder takes a snapshot of
/// every fact when the replay passes the earlier date, then, for each event
/// after it, recomputes the facts of the companies and partnerships the event
/// names and remembers the event as a cause of every fact it moved. A fact
/// that moved and moved back is not a difference.
///
/// ```swift
/// var diff = StateDiff(from: d1, to: d2)
/// try store.forEachEffective(asOf: d2, knownAt: nil) { diff.feed($0) }
/// diff.differences // sorted by subject, aspect, name
/// ```
public struct StateDiff: Sendable {
    /// The earlier as-of date.
    public let from: LedgerDate
    /// The later as-of date.
    public let to: LedgerDate
    /// Only these companies and partnerships, when given.
    public let subjects: Set<String>?
    /// The projection so far.
    public private(set) var state = LedgerState()

    private var start: [FactKey: FactValue]?
    private var latest: [String: [FactKey: FactValue]] = [:]
    private var causes: [FactKey: [DiffCause]] = [:]

    /// A diff between `from` and `to` (inclusive as-of dates), optionally limited to `subjects`.
    public init(from: LedgerDate, to: LedgerDate, subjects: Set<String>? = nil) {
        self.from = from; self.to = to; self.subjects = subjects
    }

    /// Applies one effective event (in replay order); events after `to` are ignored.
    public mutating func feed(_ effective: EffectiveEvent) {
        let event = effective.event
        guard event.date <= to else { return }
        if start == nil, event.date > from {
            start = snapshot()
            for id in state.subjectIDs where includes(id) { latest[id] = state.facts(of: id) }
        }
        state.apply(effective)
        guard start != nil else { return }
        let cause = DiffCause(date: event.date, eventId: event.id, correctedBy: effective.correctedBy,
                              type: event.type, status: event.status, sources: event.sources)
        // Only the subjects an event names can change (see LedgerState.apply).
        for id in event.namedIDs where includes(id) && (state.companies[id] != nil || state.partnerships[id] != nil) {
            let before = latest[id] ?? [:]
            let after = state.facts(of: id)
            for key in Set(before.keys).union(after.keys) where before[key] != after[key] {
                causes[key, default: []].append(cause)
            }
            latest[id] = after
        }
    }

    /// The facts that differ between the two dates, sorted by subject, aspect and name.
    public var differences: [StateDifference] {
        guard let start else { return [] }
        let end = snapshot()
        return Set(start.keys).union(end.keys).sorted().compactMap { key in
            guard start[key] != end[key] else { return nil }
            // Same-date causes by event id: the recording order of one date never shows.
            let list = (causes[key] ?? []).sorted { ($0.date, $0.eventId) < ($1.date, $1.eventId) }
            return StateDifference(key: key, from: start[key], to: end[key], causes: list)
        }
    }

    private func includes(_ id: String) -> Bool { subjects?.contains(id) ?? true }

    private func snapshot() -> [FactKey: FactValue] {
        var all: [FactKey: FactValue] = [:]
        for id in state.subjectIDs where includes(id) { all.merge(state.facts(of: id)) { _, new in new } }
        return all
    }
}
