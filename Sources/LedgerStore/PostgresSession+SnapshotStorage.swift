import LedgerCore
internal import PostgresNIO

/// PostgreSQL's snapshot rows: the `snapshot` and `snapshot_part` tables of schema version 2, the SQLite statements
/// in PostgreSQL's dialect. Derived data, so no trigger refuses their updates and deletes.
extension PostgresSession: SnapshotStorage {
    func hasSnapshotTables() throws -> Bool {
        try value("SELECT to_regclass('snapshot') IS NOT NULL", as: Bool.self) ?? false
    }

    func latestCheckpoint(asOf: LedgerDate, maxSeq: Int64, format: String) throws -> Checkpoint? {
        guard let row = try rows("""
            SELECT id, generation, date, seq, appliedCount, lastDate FROM snapshot
            WHERE date <= \(asOf.text) AND seq <= \(maxSeq) AND (invalidFrom IS NULL OR invalidFrom > \(maxSeq)) AND format = \(format)
            ORDER BY date DESC, id DESC LIMIT 1
            """).first else { return nil }
        let (id, generation, date, seq, appliedCount, lastDate) = try decode(row, as: (Int64, Int64, String, Int64, Int64, String?).self)
        return Checkpoint(id: id, generation: generation, date: try LedgerDate(parsing: date), seq: seq, appliedCount: Int(appliedCount),
                          lastDate: try lastDate.map { try LedgerDate(parsing: $0) })
    }

    func forEachLatestPart(generation: Int64, through id: Int64, _ body: (Int64, String, UnsafeRawBufferPointer) throws -> Void) throws {
        for row in try rows("""
            SELECT p.kind, p.key, p.body
            FROM (SELECT kind, key, max(snapshot) AS latest FROM snapshot_part WHERE snapshot BETWEEN \(generation) AND \(id) GROUP BY kind, key) AS m
            JOIN snapshot_part AS p ON p.kind = m.kind AND p.key = m.key AND p.snapshot = m.latest
            """) {
            let (kind, key, bytes) = try decode(row, as: (Int64, String, ByteBuffer).self)
            try bytes.withUnsafeReadableBytes { try body(kind, key, $0) }
        }
    }

    func latestPart(kind: Int64, key: String, generation: Int64, through id: Int64, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard let bytes = try value("""
            SELECT body FROM snapshot_part WHERE kind = \(kind) AND key = \(key) AND snapshot BETWEEN \(generation) AND \(id)
            ORDER BY snapshot DESC LIMIT 1
            """, as: ByteBuffer.self) else { return }
        try bytes.withUnsafeReadableBytes(body)
    }

    func snapshotList(format: String) throws -> [SnapshotInfo] {
        try rows("""
            SELECT s.id, s.date, s.seq, s.invalidFrom, s.appliedCount, s.format,
                   (SELECT count(*) FROM snapshot_part p WHERE p.snapshot = s.id),
                   (SELECT coalesce(sum(octet_length(body)), 0)::bigint FROM snapshot_part p WHERE p.snapshot = s.id)
            FROM snapshot s ORDER BY s.date, s.id
            """).map { row in
            let (id, date, seq, invalidFrom, appliedCount, stored, parts, bytes) =
                try decode(row, as: (Int64, String, Int64, Int64?, Int64, String, Int64, Int64).self)
            return SnapshotInfo(id: id, date: try LedgerDate(parsing: date), seq: seq, invalidFrom: invalidFrom, appliedCount: Int(appliedCount),
                                parts: Int(parts), bytes: Int(bytes), isReadable: stored == format)
        }
    }

    func deleteSnapshots() throws -> Int {
        let count = try value("SELECT count(*) FROM snapshot", as: Int64.self) ?? 0
        try execute("DELETE FROM snapshot_part")
        try execute("DELETE FROM snapshot")
        return Int(count)
    }

    func nextSnapshotID() throws -> Int64 {
        try value("SELECT coalesce(max(id), 0) + 1 FROM snapshot", as: Int64.self) ?? 1
    }

    func insertCheckpoint(_ checkpoint: Checkpoint, format: String, createdAt: String) throws {
        try rows("""
            INSERT INTO snapshot (id, generation, date, seq, invalidFrom, format, appliedCount, lastDate, createdAt)
            VALUES (\(checkpoint.id), \(checkpoint.generation), \(checkpoint.date.text), \(checkpoint.seq), NULL, \(format),
                    \(Int64(checkpoint.appliedCount)), \(checkpoint.lastDate?.text), \(createdAt))
            """)
    }

    /// One `unnest` insert per thousand parts.
    func insertParts(_ parts: [SnapshotPart]) throws {
        var start = parts.startIndex
        while start < parts.endIndex {
            let chunk = parts[start..<min(start + PostgresLog.insertChunk, parts.endIndex)]
            try rows("""
                INSERT INTO snapshot_part (kind, key, snapshot, body)
                SELECT * FROM unnest(\(chunk.map { $0.kind.rawValue })::bigint[], \(chunk.map(\.key))::text[],
                                     \(chunk.map(\.snapshot))::bigint[], \(chunk.map { ByteBuffer(bytes: $0.body) })::bytea[])
                """)
            start = chunk.endIndex
        }
    }

    func invalidateSnapshots(from seq: Int64, datedFrom date: LedgerDate?) throws {
        if let date {
            try rows("UPDATE snapshot SET invalidFrom = \(seq) WHERE invalidFrom IS NULL AND date >= \(date.text)")
        } else {
            try rows("UPDATE snapshot SET invalidFrom = \(seq) WHERE invalidFrom IS NULL")
        }
    }

    /// The lock every append takes first: appends wait for this transaction, readers do not.
    func lockAppends() throws {
        try execute("LOCK TABLE event IN EXCLUSIVE MODE")
    }
}
