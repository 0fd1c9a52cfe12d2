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
        try writer.read { db in
            let rows = try StoredEvent.fetchAll(db, sql: """
                SELECT \(StoredEvent.columns) FROM event
                WHERE type IN ('correction', 'retraction') AND seq <= ? ORDER BY seq
                """, arguments: [maxSeq])
            guard !rows.isEmpty else { return Amendments() }
            let events = try rows.map { try $0.decoded() }
            var targetSeqs: [String: Int64] = [:]
            for event in events {
                if case .correction(let c) = event.body {
                    targetSeqs[c.corrects] = try Int64.fetchOne(db, sql: "SELECT seq FROM event WHERE id = ?", arguments: [c.corrects])
                }
            }
            return Amendments(events, targetSeqs: targetSeqs)
        }
    }

    /// Streams the stored events a replay to `asOf` sees, in (date, seq) order.
    ///
    /// Both bounds are pushed into SQL: `date <= asOf` walks the (date, seq)
    /// index and stops; `seq <= maxSeq` drops what was recorded later.
    public func forEachForReplay(asOf: LedgerDate, maxSeq: Int64, _ body: (Int64, Event) throws -> Void) throws {
        try writer.read { db in
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT seq, payload FROM event WHERE date <= ? AND seq <= ? ORDER BY date, seq
                """, arguments: [asOf.text, maxSeq])
            while let row = try cursor.next() {
                let seq: Int64 = row[0] ?? 0
                let payload: String = row[1] ?? ""
                let event: Event
                do { event = try EventDecoder.decode(JSONParser.parse(payload)) } catch {
                    throw LedgerError("stored event at seq \(seq) cannot be decoded (\(error)); run `partnership-ledger verify`")
                }
                try body(seq, event)
            }
        }
    }

    /// The state of the world at `asOf`, as known at `knownAt`.
    public func state(asOf: LedgerDate, knownAt: KnownAt? = nil) throws -> LedgerState {
        let maxSeq = try maxSeq(for: knownAt)
        var replayer = Replayer(amendments: try amendments(maxSeq: maxSeq), asOf: asOf)
        var state = LedgerState()
        try forEachForReplay(asOf: asOf, maxSeq: maxSeq) { seq, event in
            replayer.feed(seq: seq, event: event) { state.apply($0) }
        }
        replayer.finish { state.apply($0) }
        return state
    }
}
