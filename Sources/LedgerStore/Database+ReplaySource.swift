internal import GRDB
import LedgerCore

/// The SQLite answers to a replay's questions, read straight from SQLite's row buffers.
extension Database: ReplaySource {
    func forEachStored(_ scope: Replay.Scope, after: LedgerDate?, asOf: LedgerDate, maxSeq: Int64,
                       _ body: (Int64, UnsafeRawBufferPointer) throws -> Void) throws {
        let statement: Statement
        switch scope {
        case .wholeLog:
            statement = try cachedStatement(sql: """
                SELECT seq, payload FROM event WHERE date > ? AND date <= ? AND seq <= ? ORDER BY date, seq
                """)
            statement.arguments = [after?.text ?? "", asOf.text, maxSeq]
        case .subject(let id):
            statement = try cachedStatement(sql: """
                SELECT e.seq, e.payload FROM event_party AS p JOIN event AS e ON e.seq = p.seq
                WHERE p.party = ? AND p.seq <= ? AND e.date > ? AND e.date <= ? ORDER BY e.date, e.seq
                """)
            statement.arguments = [id, maxSeq, after?.text ?? "", asOf.text]
        case .registration(let id):
            statement = try cachedStatement(sql: """
                SELECT e.seq, e.payload FROM registry AS r JOIN event AS e ON e.seq = r.seq
                WHERE r.id = ? AND r.kind = 'party' AND r.seq <= ? AND e.date > ? AND e.date <= ? ORDER BY e.date, e.seq
                """)
            statement.arguments = [id, maxSeq, after?.text ?? "", asOf.text]
        }
        try statement.forEachRawRow { row in try body(row.int64(0), row.bytes(1)) }
    }

    func forEachAmendment(maxSeq: Int64, _ body: (Int64, UnsafeRawBufferPointer) throws -> Void) throws {
        let statement = try cachedStatement(sql: """
            SELECT seq, payload FROM event
            WHERE type IN ('correction', 'retraction') AND seq <= ? ORDER BY seq
            """)
        statement.arguments = [maxSeq]
        try statement.forEachRawRow { row in try body(row.int64(0), row.bytes(1)) }
    }

    func forEachAmendment(naming party: String, maxSeq: Int64, _ body: (Int64, UnsafeRawBufferPointer) throws -> Void) throws {
        let statement = try cachedStatement(sql: "SELECT a.seq, e.payload FROM amendment_party AS a JOIN event AS e ON e.seq = a.seq WHERE a.party = ? AND a.seq <= ?")
        statement.arguments = [party, maxSeq]
        try statement.forEachRawRow { row in try body(row.int64(0), row.bytes(1)) }
    }

    func forEachAmendment(of target: String, maxSeq: Int64, _ body: (Int64, UnsafeRawBufferPointer) throws -> Void) throws {
        let statement = try cachedStatement(sql: "SELECT a.seq, e.payload FROM amendment AS a JOIN event AS e ON e.seq = a.seq WHERE a.target = ? AND a.seq <= ?")
        statement.arguments = [target, maxSeq]
        try statement.forEachRawRow { row in try body(row.int64(0), row.bytes(1)) }
    }

    func seq(ofEvent id: String) throws -> Int64? {
        try Int64.fetchOne(cachedStatement(sql: "SELECT seq FROM event WHERE id = ?"), arguments: [id])
    }

    func hasSubjectIndex() throws -> Bool { try EventStore.hasSubjectIndex(self) }

    func head() throws -> LogHead { try EventStore.head(self) }
}
