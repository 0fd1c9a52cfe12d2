import LedgerCore
internal import PostgresNIO

/// The PostgreSQL answers to a replay's questions: the SQLite statements in PostgreSQL's dialect,
/// both bounds (as-of date, known-at seq) pushed into SQL. Snapshots: see `PostgresSession+SnapshotStorage`.
extension PostgresSession: ReplaySource {
    func forEachStored(_ scope: Replay.Scope, after: LedgerDate?, asOf: LedgerDate, maxSeq: Int64,
                       _ body: (Int64, UnsafeRawBufferPointer) throws -> Void) throws {
        let after = after?.text ?? "", asOf = asOf.text
        switch scope {
        case .wholeLog:
            try forEachPayload("""
                SELECT seq, payload FROM event WHERE date > \(after) AND date <= \(asOf) AND seq <= \(maxSeq) ORDER BY date, seq
                """, body)
        case .subject(let id):
            try forEachPayload("""
                SELECT e.seq, e.payload FROM event_party AS p JOIN event AS e ON e.seq = p.seq
                WHERE p.party = \(id) AND p.seq <= \(maxSeq) AND e.date > \(after) AND e.date <= \(asOf) ORDER BY e.date, e.seq
                """, body)
        case .registration(let id):
            try forEachPayload("""
                SELECT e.seq, e.payload FROM registry AS r JOIN event AS e ON e.seq = r.seq
                WHERE r.id = \(id) AND r.kind = 'party' AND r.seq <= \(maxSeq) AND e.date > \(after) AND e.date <= \(asOf) ORDER BY e.date, e.seq
                """, body)
        }
    }

    func forEachAmendment(maxSeq: Int64, _ body: (Int64, UnsafeRawBufferPointer) throws -> Void) throws {
        try forEachPayload("""
            SELECT seq, payload FROM event WHERE type IN ('correction', 'retraction') AND seq <= \(maxSeq) ORDER BY seq
            """, body)
    }

    func forEachAmendment(naming party: String, maxSeq: Int64, _ body: (Int64, UnsafeRawBufferPointer) throws -> Void) throws {
        try forEachPayload("""
            SELECT a.seq, e.payload FROM amendment_party AS a JOIN event AS e ON e.seq = a.seq WHERE a.party = \(party) AND a.seq <= \(maxSeq)
            """, body)
    }

    func forEachAmendment(of target: String, maxSeq: Int64, _ body: (Int64, UnsafeRawBufferPointer) throws -> Void) throws {
        try forEachPayload("""
            SELECT a.seq, e.payload FROM amendment AS a JOIN event AS e ON e.seq = a.seq WHERE a.target = \(target) AND a.seq <= \(maxSeq)
            """, body)
    }

    func seq(ofEvent id: String) throws -> Int64? {
        try value("SELECT seq FROM event WHERE id = \(id)", as: Int64.self)
    }

    func hasSubjectIndex() throws -> Bool { true }
}

extension PostgresSession {
    /// The head of the log: its last seq and hash (seq 0 and the genesis hash when empty).
    func head() throws -> LogHead {
        guard let row = try rows("SELECT seq, hash FROM event ORDER BY seq DESC LIMIT 1").first else {
            return LogHead(seq: 0, hash: ChainHash.genesis)
        }
        let (seq, hash) = try decode(row, as: (Int64, String).self)
        return LogHead(seq: seq, hash: hash)
    }

    /// Stored rows in seq order, `seq > after`, at most `limit` of them (pages of the log for `verify`, `log` and `copy`).
    func storedEvents(_ filter: LogFilter, after: Int64, limit: Int) throws -> [StoredEvent] {
        var query: PostgresQuery = "SELECT \(unescaped: StoredEvent.columns) FROM event WHERE seq > \(after)"
        if !filter.types.isEmpty { query = Self.appending(query, " AND type = ANY(", filter.types.map(\.rawValue), ")") }
        if let party = filter.party { query = Self.appending(query, " AND seq IN (SELECT seq FROM event_party WHERE party = ", party, ")") }
        if let from = filter.from { query = Self.appending(query, " AND date >= ", from.text, "") }
        if let to = filter.to { query = Self.appending(query, " AND date <= ", to.text, "") }
        if let maxSeq = filter.maxSeq { query = Self.appending(query, " AND seq <= ", maxSeq, "") }
        query = Self.appending(query, " ORDER BY seq LIMIT ", Int64(limit), "")
        return try rows(query).map { row in
            let (seq, id, type, date, announced, status, recordedAt, payload, prevHash, hash) =
                try decode(row, as: (Int64, String, String, String, String?, String, String, String, String, String).self)
            return StoredEvent(seq: seq, id: id, type: type, date: date, announced: announced, status: status,
                               recordedAt: recordedAt, payload: payload, prevHash: prevHash, hash: hash)
        }
    }

    /// `query` followed by `prefix`, one bound value, and `suffix`.
    private static func appending<Value: PostgresDynamicTypeEncodable>(_ query: PostgresQuery, _ prefix: String, _ value: Value,
                                                                       _ suffix: String) -> PostgresQuery {
        var bindings = query.binds
        bindings.append(value)
        return PostgresQuery(unsafeSQL: query.sql + prefix + "$\(bindings.count)" + suffix, binds: bindings)
    }
}
