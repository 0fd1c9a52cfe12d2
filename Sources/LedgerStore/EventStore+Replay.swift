import Foundation
import GRDB
import LedgerCore

extension EventStore {
    /// The last seq a replay may see for a known-at bound (nil: everything).
    public func maxSeq(for knownAt: KnownAt?) throws -> Int64 {
        switch knownAt {
        case nil: return Int64.max
        case .seq(let seq): return seq
        case .time(let time): return try lastSeq(recordedBy: time)
        }
    }

    /// The corrections and retractions known at `maxSeq`, resolved.
    public func amendments(maxSeq: Int64) throws -> Amendments {
        try writer.read { db in try Self.amendments(db, maxSeq: maxSeq) }
    }

    static func amendments(_ db: Database, maxSeq: Int64) throws -> Amendments {
        let statement = try db.cachedStatement(sql: """
            SELECT seq, payload FROM event
            WHERE type IN ('correction', 'retraction') AND seq <= ? ORDER BY seq
            """)
        statement.arguments = [maxSeq]
        var events: [Event] = []
        try statement.forEachRawRow { row in
            events.append(try decodeStored(seq: row.int64(0), payload: row.bytes(1)))
        }
        return try resolve(events, db)
    }

    /// Resolves amendment events (in seq order) with the log positions of the events they correct.
    static func resolve(_ events: [Event], _ db: Database) throws -> Amendments {
        guard !events.isEmpty else { return Amendments() }
        let seqOfID = try db.cachedStatement(sql: "SELECT seq FROM event WHERE id = ?")
        var targetSeqs: [String: Int64] = [:]
        for event in events {
            if case .correction(let c) = event.body, targetSeqs[c.corrects] == nil {
                targetSeqs[c.corrects] = try Int64.fetchOne(seqOfID, arguments: [c.corrects])
            }
        }
        return Amendments(events, targetSeqs: targetSeqs)
    }

    /// Decodes a stored payload: the fast canonical path, else the general decoder.
    static func decodeStored(seq: Int64, payload: UnsafeRawBufferPointer) throws -> Event {
        if let event = CanonicalDecoder.event(from: payload) { return event }
        do {
            return try EventDecoder.decode(JSONParser.parse(Array(payload.bindMemory(to: UInt8.self))))
        } catch {
            throw LedgerError("stored event at seq \(seq) cannot be decoded (\(error)); run `partnership-ledger verify`")
        }
    }

    /// Streams the stored events a replay to `asOf` sees, in (date, seq) order.
    ///
    /// Both bounds are pushed into SQL: `date <= asOf` walks the covering
    /// (date, seq, payload) index in order and stops; `seq <= maxSeq` drops
    /// what was recorded later. Rows are decoded straight from SQLite's buffer.
    public func forEachForReplay(asOf: LedgerDate, maxSeq: Int64, _ body: (Int64, Event) throws -> Void) throws {
        try writer.read { db in
            try Self.forEachForReplay(db, after: nil, asOf: asOf, maxSeq: maxSeq, body)
        }
    }

    static func forEachForReplay(_ db: Database, after: LedgerDate?, asOf: LedgerDate, maxSeq: Int64,
                                 _ body: (Int64, Event) throws -> Void) throws {
        let statement = try db.cachedStatement(sql: """
            SELECT seq, payload FROM event WHERE date > ? AND date <= ? AND seq <= ? ORDER BY date, seq
            """)
        statement.arguments = [after?.text ?? "", asOf.text, maxSeq]
        try statement.forEachRawRow { row in
            let seq = row.int64(0)
            try body(seq, try decodeStored(seq: seq, payload: row.bytes(1)))
        }
    }

    /// The state of the world at `asOf`, as known at `knownAt`.
    ///
    /// Starts from the nearest usable snapshot when there is one (see
    /// `EventStore+Snapshots`); `useSnapshots: false` replays the whole log.
    /// Both give the same state.
    public func state(asOf: LedgerDate, knownAt: KnownAt? = nil, useSnapshots: Bool = true) throws -> LedgerState {
        let maxSeq = try maxSeq(for: knownAt)
        return try writer.read { db in
            if useSnapshots, let resumed = try Self.resumeFromSnapshot(db, asOf: asOf, maxSeq: maxSeq) {
                return resumed
            }
            return try Self.replay(db, from: LedgerState(), after: nil, asOf: asOf, maxSeq: maxSeq)
        }
    }

    /// Folds the stored events dated after `after` (all when nil) up to `asOf` into `state`.
    ///
    /// Reading and decoding stay on this thread (it holds the database); once
    /// the replay proves long, folding moves to a second thread, fed in
    /// order through a bounded queue, so both cores work.
    static func replay(_ db: Database, from state: LedgerState, after: LedgerDate?, asOf: LedgerDate, maxSeq: Int64) throws -> LedgerState {
        let amendments = try amendments(db, maxSeq: maxSeq)
        let replayer = after.map { Replayer(amendments: amendments, asOf: asOf, after: $0) } ?? Replayer(amendments: amendments, asOf: asOf)
        let fold = FoldWorker(state: state, replayer: replayer)
        var batch: [(Int64, Event)] = []
        batch.reserveCapacity(FoldWorker.batchSize)
        do {
            try forEachForReplay(db, after: after, asOf: asOf, maxSeq: maxSeq) { seq, event in
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
        return fold.finish()
    }
}

/// Folds replayed events into a state, on a second thread once there is enough to fold.
///
/// The first batch is folded on the caller's thread (a short replay never
/// starts a thread); from the second on, batches go through a bounded queue
/// to a worker that folds them in order.
private final class FoldWorker: @unchecked Sendable {
    static let batchSize = 1024

    private var state: LedgerState
    private var replayer: Replayer
    private var channel: BoundedChannel<[(Int64, Event)]>?
    private let done = DispatchSemaphore(value: 0)

    init(state: LedgerState, replayer: Replayer) {
        self.state = state
        self.replayer = replayer
    }

    func fold(_ batch: [(Int64, Event)]) throws {
        if let channel {
            try channel.send(batch)
        } else if batch.count < Self.batchSize {
            foldHere(batch)
        } else {
            // Long replay: fold this batch here, the rest on the worker.
            foldHere(batch)
            let channel = BoundedChannel<[(Int64, Event)]>(capacity: 8)
            self.channel = channel
            let thread = Thread { [self] in
                while let next = try? channel.receive() { foldHere(next) }
                done.signal()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    private func foldHere(_ batch: [(Int64, Event)]) {
        for (seq, event) in batch {
            replayer.feed(seq: seq, event: event) { state.apply($0) }
        }
    }

    /// Waits for the worker, emits the pending replacements and returns the state.
    func finish() -> LedgerState {
        if let channel {
            channel.finish(nil)
            done.wait()
        }
        replayer.finish { state.apply($0) }
        return state
    }

    /// Stops the worker after an error.
    func abandon() {
        if let channel {
            channel.finish(nil)
            done.wait()
        }
    }
}
