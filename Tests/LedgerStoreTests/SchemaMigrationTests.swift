import Foundation
import GRDB
import TestSupport
import Testing
@testable import LedgerCore
@testable import LedgerStore

/// A ledger file written by the released v3 schema (Fixtures/ledger-v3.sqlite, made by main's binary)
/// migrates without changing a stored byte, and then accepts event types the v1 schema froze out.
@Suite struct SchemaMigrationTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/ledger-v3.sqlite")
    static let fixtureHead = LogHead(seq: 81, hash: "d238c7663e18c171b00121bfc1cdcf0db65ace71736766a63072bc85604434b5")
    /// Every table of the log whose rows are evidence or derived from it by the store.
    static let logTables = [
        "event": "seq", "event_party": "party, seq", "registry": "id", "amendment": "target, seq", "amendment_party": "party, seq",
    ]

    /// A scratch copy of the fixture (never the committed file: opening it writes to it).
    static func copyOfFixture(_ scratch: ScratchFolder) throws -> String {
        let path = scratch.file("ledger-v3.sqlite")
        try FileManager.default.copyItem(atPath: fixture.path, toPath: path)
        return path
    }

    /// Every stored byte of the log tables, table by table, in key order.
    static func storedBytes(_ path: String) throws -> [String: [[Data?]]] {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            var tables: [String: [[Data?]]] = [:]
            for (table, key) in logTables {
                let columns = try db.columns(in: table).map { "CAST(\($0.name) AS BLOB)" }.joined(separator: ", ")
                tables[table] = try Row.fetchAll(db, sql: "SELECT \(columns) FROM \(table) ORDER BY \(key)").map { row in
                    (0..<row.count).map { row[$0] as Data? }
                }
            }
            return tables
        }
    }

    static func triggerNames(_ path: String) throws -> [String] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name") }
    }

    /// A raw row appended after the head with `type`, chained correctly: only the schema can refuse it.
    static func rawAppend(_ path: String, type: String) throws {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        try queue.write { db in
            let last = try #require(try Row.fetchOne(db, sql: "SELECT seq, hash, recordedAt FROM event ORDER BY seq DESC LIMIT 1"))
            var row = StoredEvent(seq: (last[0] as Int64) + 1, id: "new-type-event", type: type, date: "2026-12-01", announced: nil,
                                  status: "confirmed", recordedAt: last[2],
                                  payload: #"{"date":"2026-12-01","id":"new-type-event","status":"confirmed","type":"\#(type)"}"#,
                                  prevHash: last[1], hash: "")
            row.hash = ChainHash.hash(prevHash: row.prevHash, row: row)
            try db.execute(sql: "INSERT INTO event (seq, id, type, date, announced, status, recordedAt, payload, prevHash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           arguments: [row.seq, row.id, row.type, row.date, row.announced, row.status, row.recordedAt, row.payload, row.prevHash, row.hash])
        }
    }

    @Test func theReleasedV3FixtureIsWhatItClaims() throws {
        let scratch = try ScratchFolder("v3-fixture")
        let path = try Self.copyOfFixture(scratch)
        let queue = try DatabaseQueue(path: path)
        let applied = try queue.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier") }
        #expect(applied == ["v1: event log", "v2: refuse replacing rows", "v3: replay index, amendment index, snapshots"])
        #expect(try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM amendment_party") } == 4)
        try queue.close()
        // The frozen type list refuses a type it does not name.
        let error = try #require(throws: DatabaseError.self) { try Self.rawAppend(path, type: "commitment") }
        #expect(error.resultCode == .SQLITE_CONSTRAINT)
    }

    @Test func migratingKeepsEveryStoredByteTheTriggersAndTheHead() throws {
        let scratch = try ScratchFolder("v3-migrate")
        let path = try Self.copyOfFixture(scratch)
        let before = try Self.storedBytes(path)
        let triggersBefore = try Self.triggerNames(path)
        #expect(before["event"]?.count == 81)

        let store = try EventStore.open(path: path)
        let applied = try store.writer.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier") }
        #expect(applied.last == "v5: event types not frozen in the schema")
        let report = try store.verify(deep: true)
        #expect(report.isIntact, "\(report.problem?.description ?? "")")
        #expect(report.head == Self.fixtureHead)
        #expect(try store.head() == Self.fixtureHead)
        #expect(try store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM backfill") } == 0)
        try store.close()

        let after = try Self.storedBytes(path)
        for (table, rows) in before {
            #expect(after[table] == rows, "table \(table) changed")
        }
        #expect(try Self.triggerNames(path) == triggersBefore)
        let indexes = try DatabaseQueue(path: path).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'event' AND sql IS NOT NULL ORDER BY name")
        }
        #expect(indexes == ["event_by_type", "event_replay"])
    }

    @Test func theMigratedLogStillRefusesEveryRewrite() throws {
        let scratch = try ScratchFolder("v3-triggers")
        let path = try Self.copyOfFixture(scratch)
        try EventStore.open(path: path).close()
        let queue = try DatabaseQueue(path: path)
        for sql in ["UPDATE event SET payload = payload WHERE seq = 5", "DELETE FROM event WHERE seq = 81",
                    "INSERT OR REPLACE INTO event SELECT * FROM event WHERE seq = 3",
                    "INSERT INTO event SELECT seq + 1, 'x', type, date, announced, status, recordedAt, payload, prevHash, hash FROM event WHERE seq = 81"] {
            let error = try #require(throws: DatabaseError.self, "\(sql)") { try queue.write { db in try db.execute(sql: sql) } }
            #expect(error.resultCode == .SQLITE_CONSTRAINT, "\(sql)")
        }
        try queue.close()
        #expect(try EventStore.openReadOnly(path: path).verify(deep: true).head == Self.fixtureHead)
    }

    @Test func aNewTypeIsAcceptedByTheSchemaAndStillValidatedByTheDecoder() throws {
        let scratch = try ScratchFolder("v3-new-type")
        let path = try Self.copyOfFixture(scratch)
        try EventStore.open(path: path).close()
        try Self.rawAppend(path, type: "commitment")
        let store = try EventStore.openReadOnly(path: path)
        #expect(try store.verify().isIntact, "the chain covers the new row")
        let deep = try store.verify(deep: true)
        let problem = try #require(deep.problem)
        #expect(problem.seq == 82)
        #expect(problem.message.hasPrefix("the payload is not a valid event"))
    }

    /// The amendment index v3 filled by decoding payloads inside the migration is now a backfill that
    /// v4 queues and the store runs after migrating: emptied by an attacker, it comes back identical.
    @Test func theAmendmentIndexBackfillRebuildsWhatV3Wrote() throws {
        let scratch = try ScratchFolder("v3-backfill")
        let path = try Self.copyOfFixture(scratch)
        let indexed = try #require(try Self.storedBytes(path)["amendment_party"])
        #expect(indexed.count == 4)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "DROP TRIGGER amendment_party_no_delete; DELETE FROM amendment_party")
        }
        let store = try EventStore.open(path: path)
        #expect(try Self.storedBytes(path)["amendment_party"] == indexed)
        // A subject's replay reads that index; it agrees with the whole log's.
        let date = try LedgerDate(parsing: "2026-12-31")
        let whole = try store.state(asOf: date, useSnapshots: false)
        for subject in ["anthropic", "openai", "google-anthropic"] {
            let one = try store.state(of: subject, asOf: date, useSnapshots: false)
            #expect(one.companies[subject] == whole.companies[subject], "\(subject)")
            #expect(one.partnerships[subject] == whole.partnerships[subject], "\(subject)")
        }
    }

    /// A read-only open does not migrate: a subject's replay then reads the whole log, with the same answer.
    @Test func aReadOnlyOpenOfTheV3FixtureAnswersWithoutMigrating() throws {
        let scratch = try ScratchFolder("v3-read-only")
        let path = try Self.copyOfFixture(scratch)
        let store = try EventStore.openReadOnly(path: path)
        #expect(try store.verify(deep: true).head == Self.fixtureHead)
        let date = try LedgerDate(parsing: "2024-06-30")
        #expect(try store.state(of: "anthropic", asOf: date).companies["anthropic"] == store.state(asOf: date).companies["anthropic"])
        let applied = try store.writer.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(applied.count == 3)
    }
}
