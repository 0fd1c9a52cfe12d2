internal import GRDB
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
    static func amendments(_ db: some ReplaySource, maxSeq: Int64) throws -> Amendments {
        var events: [Event] = []
        try db.forEachAmendment(maxSeq: maxSeq) { seq, payload in
            events.append(try decodeStored(seq: seq, payload: payload))
        }
        return try resolve(events, db)
    }

    /// Resolves amendment events (in seq order) with the log positions of the events they correct.
    static func resolve(_ events: [Event], _ db: some ReplaySource) throws -> Amendments {
        guard !events.isEmpty else { return Amendments() }
        var targetSeqs: [String: Int64] = [:]
        for event in events {
            if case .correction(let c) = event.body, targetSeqs[c.corrects] == nil {
                targetSeqs[c.corrects] = try db.seq(ofEvent: c.corrects)
            }
        }
        return Amendments(events, targetSeqs: targetSeqs)
    }

    /// Decodes a stored payload: the fast canonical path, else the general decoder.
    /// Term members a later version checks more strictly keep their stored text (``TermMembers/readingStoredEvent``).
    static func decodeStored(seq: Int64, payload: UnsafeRawBufferPointer) throws -> Event {
        if let event = CanonicalDecoder.event(from: payload) { return event }
        do {
            return try TermMembers.$readingStoredEvent.withValue(true) {
                try EventDecoder.decode(JSONParser.parse(Array(payload.bindMemory(to: UInt8.self))))
            }
        } catch {
            throw LedgerError("stored event at seq \(seq) cannot be decoded (\(error)); run `partnership-ledger verify`")
        }
    }

    /// The state of the world at `asOf`, as known at `knownAt`.
    ///
    /// Starts from the nearest usable snapshot when there is one (see
    /// `EventStore+Snapshots`); `useSnapshots: false` replays the whole log.
    /// Both give the same state.
    public func state(asOf: LedgerDate, knownAt: KnownAt? = nil, useSnapshots: Bool = true) throws -> LedgerState {
        let maxSeq = try maxSeq(for: knownAt)
        return try replaying { db in
            try Replay(scope: .wholeLog, asOf: asOf, maxSeq: maxSeq, fromSnapshot: useSnapshots).state(db)
        }
    }
}
