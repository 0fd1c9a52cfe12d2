import LedgerCore
internal import PostgresNIO

extension PostgresLog {
    /// Events stored per multi-row insert.
    static let insertChunk = 1_000

    /// Appends the events `produce` hands over as one transaction: the PostgreSQL form of the store's append.
    ///
    /// Takes `LOCK TABLE event IN EXCLUSIVE MODE` first (``PostgresSession/lockAppends()``), so appends from any
    /// number of clients get gap-free seqs in commit order while readers go on
    /// reading; the head, `expecting`, the recorded time and every reference
    /// are checked inside that lock. The rows go in as multi-row inserts of
    /// ``insertChunk`` events; the server's trigger checks each one is the next
    /// seq chained to the one before. The snapshots an event makes stale are
    /// marked as it is stored (``SnapshotInvalidation``). Any error rolls the whole batch back.
    func append(skipIdentical: Bool, expecting: ExpectedHead?, progress: ((Int) -> Void)?, naming: Set<String>?,
                _ produce: ((PreparedEvent) throws -> Void) throws -> Void) throws -> AppendResult {
        try writing { session in
            try session.lockAppends()
            var head = try session.head()
            try EventStore.check(head, against: expecting)
            let lastRecorded = try session.value("SELECT recordedAt FROM event ORDER BY seq DESC LIMIT 1", as: String.self)
            let recordedAt = max(Timestamp.now().text, lastRecorded ?? "")

            var registry = (parties: Set<String>(), partnerships: Set<String>())
            let entries: PostgresQueryResult
            if let naming {
                entries = try session.rows("SELECT id, kind FROM registry WHERE id = ANY(\(naming.sorted()))")
            } else {
                entries = try session.rows("SELECT id, kind FROM registry")
            }
            for row in entries {
                let (id, kind) = try session.decode(row, as: (String, String).self)
                if kind == "party" { registry.parties.insert(id) } else { registry.partnerships.insert(id) }
            }
            // The batch's events are sent in chunks, so lookups ask the batch first, then the server.
            let batch = BatchIndex()
            var checker = ReferenceChecker(parties: registry.parties, partnerships: registry.partnerships, eventType: { id in
                if let type = batch.types[id] { return type }
                return try session.value("SELECT type FROM event WHERE id = \(id)", as: String.self).flatMap(EventType.init(rawValue:))
            }, registeredID: { id in
                if batch.types[id] != nil { return batch.registered[id] }
                return try session.value("SELECT registry.id FROM registry JOIN event ON event.seq = registry.seq WHERE event.id = \(id)", as: String.self)
            }, registry: { kind in
                // Asked only for an unknown id, to suggest the closest known one (as SQLite does).
                try session.rows("SELECT id FROM registry WHERE kind = \(kind.rawValue)").map { try session.decode($0, as: String.self) }
            })

            var result = AppendResult(appended: [], skipped: [], head: head)
            var invalidation = SnapshotInvalidation()
            let startedEmpty = head.seq == 0
            var rows = PendingRows()
            var offset = 0
            var hashInput: [UInt8] = []

            try produce { prepared in
                offset += 1
                if offset % 1000 == 0 { progress?(offset) }
                let item = prepared.item, event = item.event
                let payload = prepared.payload
                let stored: String?
                if let inBatch = batch.payloads[event.id] {
                    stored = inBatch
                } else if startedEmpty {
                    stored = nil
                } else {
                    stored = try session.value("SELECT payload FROM event WHERE id = \(event.id)", as: String.self)
                }
                guard try prepared.admit(storedPayload: stored, skipIdentical: skipIdentical, checker: &checker,
                                         skipped: &result.skipped) else { return }

                let seq = head.seq + 1
                let hash = prepared.chainHash(prevHash: head.hash, seq: seq, recordedAt: recordedAt, input: &hashInput)
                rows.add(StoredEvent(seq: seq, id: event.id, type: event.type.rawValue, date: event.date.text, announced: event.announced?.text,
                                     status: event.status.rawValue, recordedAt: recordedAt, payload: payload, prevHash: head.hash, hash: hash),
                         naming: prepared.namedIDs, registration: event.body.registration.map { ($0.id, $0.kind.rawValue) })
                batch.payloads[event.id] = payload
                batch.types[event.id] = event.type
                if let registered = event.body.registration { batch.registered[event.id] = registered.id }
                if let target = event.body.amendedEventID {
                    // The target may be earlier in this batch: store what is pending before reading it back.
                    try rows.flush(session)
                    try Self.indexAmendment(seq: seq, target: target, naming: prepared.namedIDs, session)
                }
                try invalidation.record(seq: seq, date: event.date, type: event.type, session)
                if rows.count >= Self.insertChunk { try rows.flush(session) }
                head = LogHead(seq: seq, hash: hash)
                result.appended.append(AppendedEvent(seq: seq, id: event.id))
            }
            try checker.finish()
            try rows.flush(session)
            result.head = head
            return result
        }
    }

    /// Records amendment `seq` under its target and every id the target and the amendment name (see the SQLite store).
    private static func indexAmendment(seq: Int64, target: String, naming: [String], _ session: PostgresSession) throws {
        var named = naming
        try session.forEachPayload("SELECT seq, payload FROM event WHERE id = \(target)") { targetSeq, payload in
            named += try EventStore.decodeStored(seq: targetSeq, payload: payload).namedIDs
        }
        try session.rows("INSERT INTO amendment (target, seq) VALUES (\(target), \(seq))")
        let parties = Array(Set(named)).sorted()
        try session.rows("""
            INSERT INTO amendment_party (party, seq) SELECT party, \(seq) FROM unnest(\(parties)::text[]) AS u(party)
            ON CONFLICT DO NOTHING
            """)
    }

    /// Appends rows exactly as another store holds them (same seq, recorded time and hashes): `copy`.
    ///
    /// The rows must continue the log (the trigger refuses anything else); their indexes are rebuilt from the payloads.
    func appendStored(_ stored: [StoredEvent]) throws {
        try writing { session in
            try session.lockAppends()
            try EventStore.checkContinues(try session.head(), with: stored)
            var rows = PendingRows()
            var invalidation = SnapshotInvalidation()
            for row in stored {
                let event = try row.decoded()
                try invalidation.record(seq: row.seq, date: event.date, type: event.type, session)
                rows.add(row, naming: event.namedIDs, registration: event.body.registration.map { ($0.id, $0.kind.rawValue) })
                if let target = event.body.amendedEventID {
                    try rows.flush(session)
                    try Self.indexAmendment(seq: row.seq, target: target, naming: event.namedIDs, session)
                }
            }
            try rows.flush(session)
        }
    }
}

/// What the batch being appended holds, by event id: its payload, type and the id it registers.
private final class BatchIndex {
    var payloads: [String: String] = [:]
    var types: [String: EventType] = [:]
    var registered: [String: String] = [:]
}

/// Rows of a batch not yet sent: columns gathered into arrays, each table's rows sent as one `unnest` insert.
private struct PendingRows {
    var seqs: [Int64] = [], ids: [String] = [], types: [String] = [], dates: [String] = [], announced: [String] = []
    var statuses: [String] = [], recorded: [String] = [], payloads: [String] = [], prevHashes: [String] = [], hashes: [String] = []
    var partyNames: [String] = [], partySeqs: [Int64] = []
    var registryIDs: [String] = [], registryKinds: [String] = [], registrySeqs: [Int64] = []

    var count: Int { seqs.count }

    mutating func add(_ row: StoredEvent, naming: [String], registration: (id: String, kind: String)?) {
        seqs.append(row.seq); ids.append(row.id); types.append(row.type); dates.append(row.date)
        announced.append(row.announced ?? ""); statuses.append(row.status); recorded.append(row.recordedAt)
        payloads.append(row.payload); prevHashes.append(row.prevHash); hashes.append(row.hash)
        for party in Set(naming).sorted() { partyNames.append(party); partySeqs.append(row.seq) }
        if let registration { registryIDs.append(registration.id); registryKinds.append(registration.kind); registrySeqs.append(row.seq) }
    }

    mutating func flush(_ session: PostgresSession) throws {
        guard !seqs.isEmpty else { return }
        try session.rows("""
            INSERT INTO event (seq, id, type, date, announced, status, recordedAt, payload, prevHash, hash)
            SELECT s, i, t, d, NULLIF(a, ''), st, r, p, ph, h
            FROM unnest(\(seqs)::bigint[], \(ids)::text[], \(types)::text[], \(dates)::text[], \(announced)::text[],
                        \(statuses)::text[], \(recorded)::text[], \(payloads)::text[], \(prevHashes)::text[], \(hashes)::text[])
                 AS u(s, i, t, d, a, st, r, p, ph, h)
            ORDER BY s
            """)
        if !partyNames.isEmpty {
            try session.rows("""
                INSERT INTO event_party (party, seq) SELECT * FROM unnest(\(partyNames)::text[], \(partySeqs)::bigint[])
                ON CONFLICT DO NOTHING
                """)
        }
        if !registryIDs.isEmpty {
            try session.rows("""
                INSERT INTO registry (id, kind, seq) SELECT * FROM unnest(\(registryIDs)::text[], \(registryKinds)::text[], \(registrySeqs)::bigint[])
                """)
        }
        self = PendingRows()
    }
}
