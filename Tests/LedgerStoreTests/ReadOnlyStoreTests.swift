import Foundation
import GRDB
import LedgerCore
@testable import LedgerStore
import TestSupport
import Testing

/// `EventStore.openReadOnly`: every query works, no write can happen, nothing is created.
@Suite struct ReadOnlyStoreTests {
    @Test func aReadOnlyStoreAnswersQueriesAndRefusesEveryWrite() throws {
        let scratch = try ScratchFolder("read-only-store")
        let (path, rows) = try Attacker.pristineLedger(in: scratch, events: 30, seed: 8)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let store = try EventStore.openReadOnly(path: path)

        #expect(try store.count() == rows.count)
        #expect(try store.head().hash == rows.last?.hash)
        #expect(try store.verify(deep: true).isIntact)
        #expect(try store.event(id: rows[3].id)?.payload == rows[3].payload)
        var seen = 0
        try store.forEachEvent { _ in seen += 1 }
        #expect(seen == rows.count)
        // The state read through the read-only connection is the state a writable store computes from the same log.
        let copy = scratch.file("writable-copy.sqlite")
        try Attacker.copy(path, to: copy)
        let expected = try EventStore.open(path: copy).state(asOf: LedgerDate(parsing: "2199-12-31"), useSnapshots: false)
        let state = try store.state(asOf: LedgerDate(parsing: "2199-12-31"))
        #expect(expected.appliedCount > rows.count / 2, "the random history should fold most of its events")
        #expect(state == expected)

        // The store's own writes fail as one plain sentence; a raw write below it fails in SQLite.
        for write in [{ _ = try store.append([partyEvent("intruder")]) }, { _ = try store.importEvents([partyEvent("intruder")]) }] {
            let error = try #require(throws: LedgerError.self) { try write() }
            #expect(error.message == "the ledger file is read-only; this command needs to write to it.")
        }
        #expect(throws: DatabaseError.self) {
            try store.writer.writeWithoutTransaction { db in try db.execute(sql: "DELETE FROM grdb_migrations") }
        }
        #expect(try store.count() == rows.count)
        try store.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "the file's bytes are unchanged")
    }

    /// A reader sees what a live writer committed, even while it still sits in the write-ahead log.
    @Test func aReadOnlyStoreSeesCommittedEventsStillInTheWriteAheadLog() throws {
        let scratch = try ScratchFolder("read-only-wal")
        let path = scratch.file("live.sqlite")
        let writer = try EventStore.open(path: path)
        _ = try writer.append([partyEvent("a"), partyEvent("b")])
        let walSize = try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? NSNumber
        #expect((walSize?.intValue ?? 0) > 0, "the events should still be in the WAL")
        let reader = try EventStore.openReadOnly(path: path)
        #expect(try reader.count() == 2)
        _ = try writer.append([partyEvent("c")])
        #expect(try reader.count() == 3)
        #expect(try reader.verify().isIntact)
    }

    @Test func openingAMissingLedgerReadOnlyCreatesNothing() throws {
        let scratch = try ScratchFolder("read-only-missing")
        let path = scratch.file("absent.sqlite")
        #expect(throws: (any Error).self) { try EventStore.openReadOnly(path: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }
}
