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
    public mutating func feed(_ effective: LoggedEvent) {
        let event = effective.event
        guard event.date <= to else { return }
        if start == nil, event.date > from {
            start = snapshot()
            for id in state.subjectIDs where includes(id) { latest[id] = state.facts(of: id) }
        }
        guard start != nil else { state.apply(effective); return }
        if let first = dayEvents.first, first.event.date != event.date { settleDay() }
        if dayEvents.isEmpty { dayStart = state }
        state.apply(effective)
        dayEvents.append(effective)
    }

    // Same-date events: which of them caused a fact's change is settled once the date is over, so the
    // answer does not depend on the order they were recorded in (CONTRACT §4).
    private var dayStart: LedgerState?
    private var dayEvents: [LoggedEvent] = []

    /// Attributes each fact that moved over the pending date to every event of that date that, applied
    /// alone to the state the date started from (with that date's registrations), moves it.
    private mutating func settleDay() {
        for (key, list) in Self.dayCauses(dayStart, dayEvents, state: state, latest: &latest, includes: includes) {
            causes[key, default: []] += list
        }
        dayEvents = []
        dayStart = nil
    }

    private static func dayCauses(_ dayStart: LedgerState?, _ events: [LoggedEvent], state: LedgerState,
                                  latest: inout [String: [FactKey: FactValue]],
                                  includes: (String) -> Bool) -> [FactKey: [DiffCause]] {
        guard let dayStart, !events.isEmpty else { return [:] }
        var found: [FactKey: [DiffCause]] = [:]
        // The date's registrations (a partnership and its first round on one day) stand under every other event.
        var base = dayStart
        for effective in events where effective.event.body.registration != nil { base.apply(effective) }
        // Only the subjects an event names can change (see LedgerState.apply).
        let subjects = Set(events.flatMap(\.event.namedIDs)).filter {
            includes($0) && (state.companies[$0] != nil || state.partnerships[$0] != nil)
        }
        for id in subjects.sorted() {
            let before = latest[id] ?? [:]
            let after = state.facts(of: id)
            latest[id] = after
            let moved = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }
            guard !moved.isEmpty else { continue }
            let startFacts = dayStart.facts(of: id), baseFacts = base.facts(of: id)
            for effective in events.sorted(by: { $0.event.id < $1.event.id }) where effective.event.namedIDs.contains(id) {
                let registers = effective.event.body.registration != nil
                var alone = registers ? dayStart : base
                alone.apply(effective)
                let facts = alone.facts(of: id)
                let startFacts = registers ? startFacts : baseFacts
                let cause = DiffCause(effective)
                for key in moved where facts[key] != startFacts[key] { found[key, default: []].append(cause) }
            }
        }
        return found
    }

    /// The facts that differ between the two dates, sorted by subject, aspect and name.
    public var differences: [StateDifference] {
        guard let start else { return [] }
        var latest = self.latest
        var causes = self.causes
        for (key, list) in Self.dayCauses(dayStart, dayEvents, state: state, latest: &latest, includes: includes) {
            causes[key, default: []] += list
        }
        let end = snapshot()
        return Set(start.keys).union(end.keys).sorted().compactMap { key in
            guard start[key] != end[key] else { return nil }
            return StateDifference(key: key, from: start[key], to: end[key], causes: causes[key] ?? [])
        }
    }

    private func includes(_ id: String) -> Bool { subjects?.contains(id) ?? true }

    private func snapshot() -> [FactKey: FactValue] {
        var all: [FactKey: FactValue] = [:]
        for id in state.subjectIDs where includes(id) { all.merge(state.facts(of: id)) { _, new in new } }
        return all
    }
}
