import GRDB
import TestSupport
import Testing
@testable import LedgerCore
@testable import LedgerStore

@Suite struct AppendOnlyTriggerTests {
    func seededStore() throws -> EventStore {
        let store = try EventStore.inMemory()
        _ = try store.append(batch(registrations + [
            round("seed", company: "acme", date: "2019-01-01", investments: [("alpha", usd("10"))], postMoney: usd("40"), partnership: "alpha-acme"),
        ]))
        return store
    }

    static let refusedWrites: [(sql: String, message: String)] = [
        ("UPDATE event SET payload = payload WHERE seq = 1", "rows cannot be updated"),
        ("UPDATE event SET date = '1999-01-01' WHERE seq = 7", "rows cannot be updated"),
        ("UPDATE event SET hash = prevHash", "rows cannot be updated"),
        ("DELETE FROM event WHERE seq = 7", "rows cannot be deleted"),
        ("DELETE FROM event", "rows cannot be deleted"),
        ("UPDATE event_party SET party = 'someone-else'", "rows cannot be updated"),
        ("DELETE FROM event_party WHERE seq = 7", "rows cannot be deleted"),
        ("UPDATE registry SET kind = 'partnership' WHERE id = 'acme'", "rows cannot be updated"),
        ("DELETE FROM registry", "rows cannot be deleted"),
    ]

    @Test(arguments: refusedWrites)
    func rawWritesToTheLogAreRefused(_ sql: String, _ message: String) throws {
        let store = try seededStore()
        let before = try store.verify()
        let error = try #require(throws: DatabaseError.self) {
            try store.writer.write { db in try db.execute(sql: sql) }
        }
        #expect(error.message?.contains("the event log is append-only: \(message)") == true)
        #expect(error.resultCode == .SQLITE_CONSTRAINT)
        let after = try store.verify()
        #expect(after == before)
        #expect(after.isIntact)
        #expect(after.count == 7)
        let rows = try store.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT (SELECT count(*) FROM event_party) * 1000 + (SELECT count(*) FROM registry)")
        }
        #expect(rows == 11 * 1000 + 6)
    }

    func insert(_ store: EventStore, seq: Int64, prevHash: String, recordedAt: String? = nil,
                id: String = "forged", verb: String = "INSERT") throws {
        try store.writer.write { db in
            let last = try Row.fetchOne(db, sql: "SELECT recordedAt FROM event ORDER BY seq DESC LIMIT 1")
            let recorded: String = recordedAt ?? last![0]
            var row = StoredEvent(seq: seq, id: id, type: "valuation", date: "2020-01-01", announced: nil, status: "confirmed",
                                  recordedAt: recorded,
                                  payload: valuation(id, company: "acme", date: "2020-01-01", usd("1")).canonicalText,
                                  prevHash: prevHash, hash: "")
            row.hash = ChainHash.hash(prevHash: prevHash, row: row)
            try db.execute(sql: """
                \(verb) INTO event (seq, id, type, date, announced, status, recordedAt, payload, prevHash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [row.seq, row.id, row.type, row.date, row.announced, row.status, row.recordedAt, row.payload, row.prevHash, row.hash])
        }
    }

    /// 7 and 3 are taken (the primary key alone would refuse them); 9, 100, 0 and -1 collide with no row,
    /// so only the trigger can refuse them. Every case must be refused by the trigger, with its message.
    @Test(arguments: [Int64(9), 7, 3, 100, 0, -1])
    func insertingARowWithAWrongSeqIsRefused(_ seq: Int64) throws {
        let store = try seededStore()
        let head = try store.head()
        let error = try #require(throws: DatabaseError.self) { try insert(store, seq: seq, prevHash: head.hash) }
        #expect(error.message?.contains("events are appended in order, chained to the previous event") == true,
                "refused, but not by the append-only trigger: \(error)")
        #expect(error.resultCode == .SQLITE_CONSTRAINT)
        #expect(try store.head() == head)
    }

    @Test func insertingARowWithAWrongPrevHashIsRefused() throws {
        let store = try seededStore()
        let head = try store.head()
        let earlier = try #require(try store.event(id: "party-acme")).hash
        for prevHash in [ChainHash.genesis, earlier, String(repeating: "f", count: 64)] {
            let error = try #require(throws: DatabaseError.self) { try insert(store, seq: head.seq + 1, prevHash: prevHash) }
            #expect(error.message?.contains("events are appended in order, chained to the previous event") == true)
        }
        #expect(try store.head() == head)
    }

    @Test func insertingARowRecordedEarlierThanTheHeadIsRefused() throws {
        let store = try seededStore()
        let head = try store.head()
        let error = try #require(throws: DatabaseError.self) {
            try insert(store, seq: head.seq + 1, prevHash: head.hash, recordedAt: "2000-01-01T00:00:00.000000Z")
        }
        #expect(error.message?.contains("appended in order") == true)
        #expect(try store.count() == 7)
    }

    @Test func aCorrectlyChainedRawInsertIsAcceptedAndVerifies() throws {
        // The triggers guard the order and the chain links; the hash itself is checked by verify.
        let store = try seededStore()
        let head = try store.head()
        try insert(store, seq: head.seq + 1, prevHash: head.hash)
        #expect(try store.count() == 8)
        #expect(try store.verify(deep: true).isIntact)
        #expect(try store.verify().head.seq == 8)
    }

    // INSERT OR REPLACE deletes the conflicting row without firing delete
    // triggers (unless recursive_triggers is on), so it needs its own guard.

    @Test(arguments: [
        "INSERT OR REPLACE INTO registry (id, kind, seq) VALUES ('acme', 'partnership', 6)",
        "REPLACE INTO registry (id, kind, seq) VALUES ('acme', 'party', 1)",
    ])
    func replacingARegistryRowIsRefused(_ sql: String) throws {
        let store = try seededStore()
        let error = try #require(throws: DatabaseError.self) {
            try store.writer.write { db in try db.execute(sql: sql) }
        }
        #expect(error.message?.contains("the event log is append-only: rows cannot be replaced") == true)
        #expect(try store.registeredKind(of: "acme") == "party")
        #expect(try store.writer.read { db in try Int64.fetchOne(db, sql: "SELECT seq FROM registry WHERE id = 'acme'") } == 1)
    }

    @Test func replacingAnEventByItsIDIsRefused() throws {
        let store = try seededStore()
        _ = try store.append(batch(retraction("undo-seed", of: "seed", date: "2020-01-01")))
        let head = try store.head()
        let error = try #require(throws: DatabaseError.self) {
            try insert(store, seq: head.seq + 1, prevHash: head.hash, id: "undo-seed", verb: "INSERT OR REPLACE")
        }
        #expect(error.message?.contains("the event log is append-only: rows cannot be replaced") == true)
        #expect(try storedIDs(store).last == "undo-seed")
        #expect(try store.verify().isIntact)
    }
}
