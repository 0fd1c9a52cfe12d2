/// The corrections and retractions in force at a known-at point, resolved.
///
/// A `correction` makes the projection use its replacement in place of the
/// corrected event; a `retraction` removes an event's effect, and retracting
/// a correction undoes it. Later amendments of the same event override
/// earlier ones. Both apply for any as-of date, but only to replays that know
/// them (the caller passes only amendments recorded by the known-at point).
///
/// ```swift
/// let amendments = Amendments(amending, targetSeqs: ["round-a": 12])
/// amendments.amendment(for: "round-a") // .replaced(...)
/// ```
public struct Amendments: Sendable {
    /// What happened to one event.
    public enum Amendment: Hashable, Sendable {
        /// Replaced by `event` (whose id is the original's), by correction `by`.
        case replaced(Event, by: String)
        /// Withdrawn by retraction `by`.
        case retracted(by: String)
    }

    private var history: [String: [(amender: String, amendment: Amendment)]] = [:]
    private let targetSeqs: [String: Int64]

    /// An empty set: nothing corrected or retracted.
    public init() { targetSeqs = [:] }

    /// Resolves `amending` (correction and retraction events, in seq order).
    ///
    /// `targetSeqs` gives the log position of every event they name, so a
    /// replacement replays at its original's position among same-date events.
    public init(_ amending: [Event], targetSeqs: [String: Int64]) {
        self.targetSeqs = targetSeqs
        var correctionTarget: [String: String] = [:]
        for event in amending {
            // Only amendments amend; facts passed here are ignored.
            if case .correction(let c) = event.body {
                correctionTarget[event.id] = c.corrects
                history[c.corrects, default: []].append((event.id, .replaced(c.replacement, by: event.id)))
            } else if case .retraction(let r) = event.body {
                if let target = correctionTarget[r.retracts] {
                    // Retracting a correction undoes it; the corrected event reverts.
                    history[target]?.removeAll { $0.amender == r.retracts }
                } else {
                    history[r.retracts, default: []].append((event.id, .retracted(by: event.id)))
                }
            }
        }
    }

    /// The amendment in force for event `id`, if any.
    public func amendment(for id: String) -> Amendment? { history[id]?.last?.amendment }

    /// Whether nothing is amended.
    public var isEmpty: Bool { history.values.allSatisfy(\.isEmpty) }

    /// Every replacement in force, as effective events in (date, seq) order.
    public var replacements: [LoggedEvent] {
        history.compactMap { id, entries -> LoggedEvent? in
            guard case .replaced(let event, let by)? = entries.last?.amendment else { return nil }
            return LoggedEvent(seq: targetSeqs[id] ?? 0, event: event, correctedBy: by)
        }
        .sorted { ($0.event.date, $0.seq) < ($1.event.date, $1.seq) }
    }
}

/// Turns the stored stream of events into the effective stream the projection folds.
///
/// Feed it stored events in (date, seq) order, bounded by the as-of date; it
/// drops retracted and corrected originals and merges each replacement in at
/// its own (date, original seq) place, so a correction that changes a date
/// moves the fact in time.
///
/// ```swift
/// var replayer = Replayer(amendments: amendments, asOf: date)
/// for (seq, event) in stored { replayer.feed(seq: seq, event: event) { state.apply($0) } }
/// replayer.finish { state.apply($0) }
/// ```
public struct Replayer {
    private let amendments: Amendments
    private let pending: [LoggedEvent]
    private var next = 0

    /// A replayer up to and including `asOf`.
    public init(amendments: Amendments, asOf: LedgerDate) {
        self.amendments = amendments
        self.pending = amendments.replacements.filter { $0.event.date <= asOf }
        self.checksAmendments = !amendments.isEmpty
    }

    /// A replayer that resumes after a snapshot of every event dated on or before `after`.
    ///
    /// Feed it only stored events dated after `after`; it emits only the
    /// replacements dated after `after` (the earlier ones are in the snapshot).
    public init(amendments: Amendments, asOf: LedgerDate, after: LedgerDate) {
        self.amendments = amendments
        self.pending = amendments.replacements.filter { $0.event.date <= asOf && $0.event.date > after }
        self.checksAmendments = !amendments.isEmpty
    }

    private let checksAmendments: Bool

    /// Feeds one stored event; calls `sink` with every effective event now due.
    public mutating func feed(seq: Int64, event: Event, into sink: (LoggedEvent) throws -> Void) rethrows {
        while next < pending.count, (pending[next].event.date, pending[next].seq) < (event.date, seq) {
            try sink(pending[next])
            next += 1
        }
        if event.type.isAmendment { return }
        if !checksAmendments || amendments.amendment(for: event.id) == nil {
            try sink(LoggedEvent(seq: seq, event: event))
        }
    }

    /// Emits the pending replacements dated on or before `date` (before a checkpoint at `date`).
    ///
    /// Call it only once every stored event dated on or before `date` was fed.
    public mutating func flush(through date: LedgerDate, into sink: (LoggedEvent) throws -> Void) rethrows {
        while next < pending.count, pending[next].event.date <= date {
            try sink(pending[next])
            next += 1
        }
    }

    /// Emits the replacements still pending after the last stored event.
    public mutating func finish(into sink: (LoggedEvent) throws -> Void) rethrows {
        while next < pending.count {
            try sink(pending[next])
            next += 1
        }
    }
}
