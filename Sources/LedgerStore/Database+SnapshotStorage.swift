import Foundation
internal import GRDB
import LedgerCore

/// SQLite's snapshot rows: the `snapshot` and `snapshot_part` tables of schema v3.
extension Database: SnapshotStorage {
    func hasSnapshotTables() throws -> Bool { try EventStore.hasSnapshotTables(self) }

    func latestCheckpoint(asOf: LedgerDate, maxSeq: Int64, format: String) throws -> Checkpoint? {
        let row = try Row.fetchOne(cachedStatement(sql: """
            SELECT id, generation, date, seq, appliedCount, lastDate FROM snapshot
            WHERE date <= ? AND seq <= ? AND (invalidFrom IS NULL OR invalidFrom > ?) AND format = ?
            ORDER BY date DESC, id DESC LIMIT 1
            """), arguments: [asOf.text, maxSeq, maxSeq, format])
        guard let row else { return nil }
        return Checkpoint(id: row[0], generation: row[1], date: try LedgerDate(parsing: row[2]), seq: row[3],
                          appliedCount: row[4], lastDate: try (row[5] as String?).map { try LedgerDate(parsing: $0) })
    }

    func forEachLatestPart(generation: Int64, through id: Int64, _ body: (Int64, String, UnsafeRawBufferPointer) throws -> Void) throws {
        // Read bodies only for the latest part of each key.
        let parts = try cachedStatement(sql: """
            SELECT p.kind, p.key, p.body
            FROM (SELECT kind, key, max(snapshot) AS latest FROM snapshot_part WHERE snapshot BETWEEN ? AND ? GROUP BY kind, key) AS m
            JOIN snapshot_part AS p ON p.kind = m.kind AND p.key = m.key AND p.snapshot = m.latest
            """)
        parts.arguments = [generation, id]
        try parts.forEachRawRow { row in
            guard let key = row.string(1) else { throw StateCodecError() }
            try body(row.int64(0), key, row.bytes(2))
        }
    }

    func latestPart(kind: Int64, key: String, generation: Int64, through id: Int64, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let part = try cachedStatement(sql: """
            SELECT body FROM snapshot_part WHERE kind = ? AND key = ? AND snapshot BETWEEN ? AND ? ORDER BY snapshot DESC LIMIT 1
            """)
        part.arguments = [kind, key, generation, id]
        try part.forEachRawRow { row in try body(row.bytes(0)) }
    }

    func snapshotList(format: String) throws -> [SnapshotInfo] {
        try Row.fetchAll(self, sql: """
            SELECT s.id, s.date, s.seq, s.invalidFrom, s.appliedCount, s.format,
                   (SELECT count(*) FROM snapshot_part p WHERE p.snapshot = s.id),
                   (SELECT coalesce(sum(length(body)), 0) FROM snapshot_part p WHERE p.snapshot = s.id)
            FROM snapshot s ORDER BY s.date, s.id
            """).map { row in
            SnapshotInfo(id: row[0], date: try LedgerDate(parsing: row[1]), seq: row[2], invalidFrom: row[3], appliedCount: row[4],
                         parts: row[6], bytes: row[7], isReadable: (row[5] as String) == format)
        }
    }

    func deleteSnapshots() throws -> Int {
        let count = try Int.fetchOne(self, sql: "SELECT count(*) FROM snapshot") ?? 0
        try execute(sql: "DELETE FROM snapshot_part; DELETE FROM snapshot")
        return count
    }

    func nextSnapshotID() throws -> Int64 {
        try Int64.fetchOne(self, sql: "SELECT coalesce(max(id), 0) + 1 FROM snapshot") ?? 1
    }

    func insertCheckpoint(_ checkpoint: Checkpoint, format: String, createdAt: String) throws {
        try cachedStatement(sql: """
            INSERT INTO snapshot (id, generation, date, seq, invalidFrom, format, appliedCount, lastDate, createdAt)
            VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?)
            """).execute(arguments: [checkpoint.id, checkpoint.generation, checkpoint.date.text, checkpoint.seq, format,
                                     checkpoint.appliedCount, checkpoint.lastDate?.text, createdAt])
    }

    func insertParts(_ parts: [SnapshotPart]) throws {
        let insert = try cachedStatement(sql: "INSERT INTO snapshot_part (kind, key, snapshot, body) VALUES (?, ?, ?, ?)")
        for part in parts { try insert.execute(arguments: [part.kind.rawValue, part.key, part.snapshot, Data(part.body)]) }
    }

    func invalidateSnapshots(from seq: Int64, datedFrom date: LedgerDate?) throws {
        if let date {
            try cachedStatement(sql: "UPDATE snapshot SET invalidFrom = ? WHERE invalidFrom IS NULL AND date >= ?").execute(arguments: [seq, date.text])
        } else {
            try cachedStatement(sql: "UPDATE snapshot SET invalidFrom = ? WHERE invalidFrom IS NULL").execute(arguments: [seq])
        }
    }

    /// SQLite has one writer at a time: the write transaction already holds appends back.
    func lockAppends() throws {}
}
