import Foundation
import LedgerCore

/// One replay of the log: the one engine behind every query, history view and snapshot rebuild.
///
/// A replay reads the stored events of its ``Scope`` dated up to `asOf` and
/// recorded by `maxSeq`, in (date, seq) order, with both bounds pushed into
/// SQL; resolves the corrections and retractions that can change them; and
/// either folds the effective events into a ``LedgerState`` (``state(_:)``)
/// or streams them (``forEachEffective(_:betweenDates:_:)``). With
/// `fromSnapshot`, it starts from the nearest usable checkpoint and reads only
/// the events dated after it. Every strategy gives the state a whole-log
/// replay gives for what it covers.
///
/// ```swift
/// let state = try Replay(scope: .subject("openai"), asOf: date, maxSeq: .max, fromSnapshot: true).state(db)
/// ```
struct Replay {
    /// Which stored events a replay reads.
    enum Scope: Hashable {
        /// Every event of the log, over the covering (date, seq, payload) index.
        case wholeLog
        /// The events naming one party, company or partnership (the party index), with every
        /// amendment that can change them (the amendment index).
        case subject(String)
        /// One party's registration and its amendments: the party as a subject's output labels it.
        case registration(String)
    }

    var scope: Scope
    var asOf: LedgerDate
    var maxSeq: Int64
    /// Whether to resume from the nearest usable snapshot checkpoint (registrations never do).
    var fromSnapshot = false

    /// The latest date a replay can reach: everything.
    static let endOfTime = LedgerDate(year: LedgerDate.maxYear, month: 12, day: 31)!

    /// The replay folded into a state (on a second thread once it proves long).
    func state(_ db: some ReplaySource) throws -> LedgerState {
        var state = LedgerState()
        var after: LedgerDate?
        if fromSnapshot, let checkpoint = try db.usableCheckpoint(asOf: asOf, maxSeq: maxSeq),
           let loaded = try load(db, checkpoint) {
            state = loaded
            after = checkpoint.date
        }
        let fold = FoldWorker(state: state, replayer: try replayer(db, after: after), onlyType: onlyType)
        var batch: [(Int64, Event)] = []
        batch.reserveCapacity(FoldWorker.batchSize)
        do {
            try forEachStored(db, after: after) { seq, event in
                batch.append((seq, event))
                if batch.count == FoldWorker.batchSize {
                    try fold.fold(batch)
                    batch.removeAll(keepingCapacity: true)
                }
            }
            try fold.fold(batch)
        } catch {
            fold.abandon()
            throw error
        }
        return try fold.finish()
    }

    /// Streams the effective events in (date, seq) order, on the calling thread.
    ///
    /// `betweenDates`, when given, is called each time the stream moves past a date (every stored
    /// event dated on or before it was fed), with a `flush` that emits the pending replacements
    /// dated through it: the place for a checkpoint that holds every event of that date.
    func forEachEffective(_ db: some ReplaySource, betweenDates: ((_ date: LedgerDate, _ flush: () throws -> Void) throws -> Void)? = nil,
                          _ body: (LoggedEvent) throws -> Void) throws {
        var replayer = try replayer(db, after: nil)
        let onlyType = onlyType
        func emit(_ effective: LoggedEvent) throws {
            if let onlyType, effective.event.type != onlyType { return }
            try body(effective)
        }
        var currentDate: LedgerDate?
        try forEachStored(db, after: nil) { seq, event in
            if let betweenDates, let date = currentDate, event.date > date {
                try betweenDates(date) { try replayer.flush(through: date, into: emit) }
            }
            currentDate = event.date
            try replayer.feed(seq: seq, event: event, into: emit)
        }
        try replayer.finish(into: emit)
    }

    /// A registration's replay keeps only party events (its amendments may replace other kinds).
    private var onlyType: EventType? {
        if case .registration = scope { return .party }
        return nil
    }

    /// The replayer over this scope's amendments, resuming after `after` when given.
    private func replayer(_ db: some ReplaySource, after: LedgerDate?) throws -> Replayer {
        let amendments: Amendments
        switch scope {
        case .wholeLog: amendments = try EventStore.amendments(db, maxSeq: maxSeq)
        case .subject(let id), .registration(let id): amendments = try EventStore.subjectAmendments(db, id, maxSeq: maxSeq)
        }
        return after.map { Replayer(amendments: amendments, asOf: asOf, after: $0) } ?? Replayer(amendments: amendments, asOf: asOf)
    }

    /// Streams the scope's stored events dated after `after` (all when nil) up to `asOf`, recorded by `maxSeq`,
    /// in (date, seq) order, decoded straight from the backend's buffers.
    private func forEachStored(_ db: some ReplaySource, after: LedgerDate?, _ body: (Int64, Event) throws -> Void) throws {
        try db.forEachStored(scope, after: after, asOf: asOf, maxSeq: maxSeq) { seq, payload in
            try body(seq, try EventStore.decodeStored(seq: seq, payload: payload))
        }
    }

    /// The scope's part of the state at a checkpoint; nil when there is none to load or it cannot be read.
    private func load(_ db: some ReplaySource, _ checkpoint: Checkpoint) throws -> LedgerState? {
        switch scope {
        case .wholeLog: return try db.loadCheckpoint(checkpoint)
        case .subject(let id): return try db.loadSubject(id, at: checkpoint)
        case .registration: return nil
        }
    }
}

/// Folds replayed events into a state, on a second thread once there is enough to fold.
///
/// The first batch is folded on the caller's thread (a short replay never
/// starts a thread); from the second on, batches go through a ``Pipeline``
/// to a worker that folds them in order.
///
/// Unchecked: `state` and `replayer` are touched by one thread at a time, the
/// caller's until the worker starts, the worker's until ``finish()`` waited for it.
private final class FoldWorker: @unchecked Sendable {
    static let batchSize = 1024

    private var state: LedgerState
    private var replayer: Replayer
    private let onlyType: EventType?
    private var worker: Pipeline.Consumer<[(Int64, Event)]>?

    init(state: LedgerState, replayer: Replayer, onlyType: EventType?) {
        self.state = state
        self.replayer = replayer
        self.onlyType = onlyType
    }

    func fold(_ batch: [(Int64, Event)]) throws {
        if let worker {
            try worker.send(batch)
        } else {
            foldHere(batch)
            // A long replay: fold the rest on the worker.
            if batch.count == Self.batchSize {
                worker = Pipeline.Consumer(capacity: 8) { [self] next in foldHere(next); return true }
            }
        }
    }

    /// The first event that took a running total out of the exact range, reported by ``finish()``.
    private var outOfRange: String?

    private func apply(_ effective: LoggedEvent) {
        if let onlyType, effective.event.type != onlyType { return }
        if !state.apply(effective), outOfRange == nil { outOfRange = effective.event.id }
    }

    private func foldHere(_ batch: [(Int64, Event)]) {
        for (seq, event) in batch {
            replayer.feed(seq: seq, event: event, into: apply)
        }
    }

    /// Waits for the worker, emits the pending replacements and returns the state; fails, naming the
    /// event, when a running total went out of the exact range.
    func finish() throws -> LedgerState {
        worker?.finish()
        replayer.finish(into: apply)
        if let outOfRange { throw LedgerError.runningTotalOutOfRange(eventId: outOfRange) }
        return state
    }

    /// Stops the worker after an error.
    func abandon() {
        worker?.finish()
    }
}
