internal import GRDB
import LedgerCore

extension EventStore {
    /// Runs the backfills the migrations queued in the `backfill` table, each in the write
    /// transaction that deletes its row (see ``migrator``: migrations run SQL only).
    ///
    /// Idempotent and safe when several processes open a ledger at once: the
    /// second writer finds the queue empty. A read-only open never runs them;
    /// until they ran, queries that need the filled tables replay the whole log.
    static func runBackfills(_ writer: any DatabaseWriter) throws {
        let pending = try writer.read { db in
            try db.tableExists("backfill") && Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM backfill)") == true
        }
        guard pending else { return }
        try writer.write { db in
            for task in try String.fetchAll(db, sql: "SELECT task FROM backfill ORDER BY task") {
                // A task this build does not know was queued by a newer one: it stays queued.
                guard task == "amendment_party" else { continue }
                try backfillAmendmentParties(db)
                try db.execute(sql: "DELETE FROM backfill WHERE task = ?", arguments: [task])
            }
        }
    }

    /// Indexes every stored amendment under the ids its target and its replacement name, as
    /// ``append(_:expecting:)`` does for a new one (rows already there are kept).
    private static func backfillAmendmentParties(_ db: Database) throws {
        let amendments = try Row.fetchAll(db, sql: "SELECT a.target, a.seq, e.payload FROM amendment a JOIN event e ON e.seq = a.seq ORDER BY a.seq")
        for row in amendments {
            let seq: Int64 = row[1]
            let payload: String = row[2]
            var payloadBytes = payload
            let named = try payloadBytes.withUTF8 { try decodeStored(seq: seq, payload: UnsafeRawBufferPointer($0)) }.namedIDs
            try indexAmendment(seq: seq, target: row[0], naming: named, db)
        }
    }
}
