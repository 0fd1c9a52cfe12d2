import GRDB
import TestSupport
import Testing
@testable import LedgerCore
@testable import LedgerStore

@Suite struct TamperDetectionTests {
    static let eventCount: Int64 = 20

    /// A ledger file holding exactly 20 events: registrations, then 14 dated facts.
    func makeLedger(at path: String) throws -> LogHead {
        let store = try EventStore.open(path: path)
        var events = registrations
        for month in 1...8 {
            events.append(valuation("val-\(month)", company: "acme", date: "2020-0\(month)-01", usd("\(month)00")))
        }
        events += [
            recap("recap", company: "acme", date: "2019-01-01", [("founders", "1")]),
            round("seed", company: "acme", date: "2019-06-01", investments: [("alpha", usd("10"))], postMoney: usd("40"), partnership: "alpha-acme"),
            renegotiation("reneg", partnership: "alpha-acme", date: "2021-01-01", [TermChange(term: "exclusivity", action: .remove)]),
            governance("gov", company: "acme", date: "2021-02-01", [RoleChange(role: "ceo", action: .set(["Ada"]))]),
            revenue("rev", company: "acme", date: "2021-03-01", usd("5")),
            retraction("undo-val-8", of: "val-8", date: "2021-04-01"),
        ]
        // Several batches, so recordedAt differs along the chain.
        _ = try store.append(batch(Array(events[0..<6])))
        _ = try store.append(batch(Array(events[6..<13])))
        let result = try store.append(batch(Array(events[13...])))
        #expect(result.head.seq == Self.eventCount)
        return result.head
    }

    /// The same text with one byte changed, keeping it a legal value for its column's CHECK.
    static func flipOneByte(_ text: String, at offset: Int) -> String {
        var bytes = Array(text.utf8)
        let byte = bytes[offset]
        switch byte {
        case UInt8(ascii: "9"): bytes[offset] = UInt8(ascii: "8")
        case UInt8(ascii: "0")...UInt8(ascii: "8"): bytes[offset] = byte + 1
        case UInt8(ascii: "z"): bytes[offset] = UInt8(ascii: "y")
        case UInt8(ascii: "a")...UInt8(ascii: "y"): bytes[offset] = byte + 1
        default: fatalError("no flip defined for \(byte)")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    enum Column: String, CaseIterable, Sendable {
        case payload, id, date, recordedAt, hash, prevHash

        /// Which byte to flip: always one the column's CHECK constraint still accepts.
        func offset(in text: String) -> Int {
            switch self {
            case .payload:
                // A digit inside the payload (its date at least has some); digit-to-digit keeps JSON valid.
                Array(text.utf8).firstIndex { $0 >= UInt8(ascii: "1") && $0 <= UInt8(ascii: "9") }!
            case .id, .hash, .prevHash: 0
            case .date: 9
            case .recordedAt: 25
            }
        }
    }

    func tamper(_ path: String, seq: Int64, column: Column) throws {
        let raw = try Attacker.connection(path)
        try raw.write { db in
            try db.execute(sql: "DROP TRIGGER event_no_update")
            let value = try #require(try String.fetchOne(db, sql: "SELECT \(column.rawValue) FROM event WHERE seq = ?", arguments: [seq]))
            let flipped = Self.flipOneByte(value, at: column.offset(in: value))
            #expect(flipped != value)
            #expect(flipped.utf8.count == value.utf8.count)
            try db.execute(sql: "UPDATE event SET \(column.rawValue) = ? WHERE seq = ?", arguments: [flipped, seq])
            #expect(db.changesCount == 1)
        }
        try raw.close()
    }

    @Test(arguments: [Int64(1), 2, 7, 13, 19, 20], Column.allCases)
    func aFlippedByteIsReportedAtItsSeq(_ seq: Int64, _ column: Column) async throws {
        try await withTemporaryLedger { path in
            let head = try makeLedger(at: path)
            #expect(try EventStore.open(path: path).verify().isIntact)
            try tamper(path, seq: seq, column: column)

            let store = try EventStore.open(path: path)
            let report = try store.verify()
            let problem = try #require(report.problem)
            #expect(problem.seq == seq)
            #expect(report.count == seq - 1)
            #expect(!report.isIntact)
            let deep = try #require(try store.verify(deep: true).problem)
            #expect(deep.seq == seq)
            #expect(try store.verify(knownHead: head.hash).problem?.seq == seq)
        }
    }

    @Test func theProblemSaysWhatIsWrong() async throws {
        try await withTemporaryLedger { path in
            _ = try makeLedger(at: path)
            try tamper(path, seq: 5, column: .payload)
            let problem = try #require(try EventStore.open(path: path).verify().problem)
            #expect(problem.description == "integrity broken at seq 5: the stored row does not match its hash (it was changed after it was written)")
        }
    }

    @Test func truncatingTheLogIsCaughtOnlyAgainstAKnownHead() async throws {
        try await withTemporaryLedger { path in
            let oldHead = try makeLedger(at: path)
            let raw = try Attacker.connection(path)
            // An attacker also switches off the foreign keys that tie index tables to the rows.
            try raw.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA foreign_keys = OFF") }
            try raw.write { db in
                try db.execute(sql: "DROP TRIGGER event_no_delete; DROP TRIGGER event_party_no_delete")
                try db.execute(sql: "DELETE FROM event_party WHERE seq = ?", arguments: [oldHead.seq])
                try db.execute(sql: "DELETE FROM event WHERE seq = ?", arguments: [oldHead.seq])
            }
            try raw.close()

            let store = try EventStore.open(path: path)
            let plain = try store.verify()
            #expect(plain.isIntact)
            #expect(plain.count == Self.eventCount - 1)
            #expect(plain.head.seq == Self.eventCount - 1)

            let againstOldHead = try store.verify(knownHead: oldHead.hash)
            let problem = try #require(againstOldHead.problem)
            #expect(problem.seq == Self.eventCount)
            #expect(problem.message.contains("is not in the chain"))

            let middle = try #require(try store.event(id: "val-3"))
            #expect(try store.verify(knownHead: middle.hash).isIntact)
            #expect(try store.verify(knownHead: middle.hash.uppercased()).isIntact)
        }
    }

    @Test func aMissingSeqInTheMiddleIsReported() async throws {
        try await withTemporaryLedger { path in
            _ = try makeLedger(at: path)
            let raw = try Attacker.connection(path)
            try raw.write { db in
                // val-5 names only acme; the retraction (seq 20) names nothing.
                let seq = try #require(try Int64.fetchOne(db, sql: "SELECT seq FROM event WHERE id = 'val-5'"))
                try db.execute(sql: "DROP TRIGGER event_no_delete; DROP TRIGGER event_party_no_delete")
                try db.execute(sql: "DELETE FROM event_party WHERE seq = ?", arguments: [seq])
                try db.execute(sql: "DELETE FROM event WHERE seq = ?", arguments: [seq])
            }
            try raw.close()
            let store = try EventStore.open(path: path)
            let problem = try #require(try store.verify().problem)
            #expect(problem.seq == 11)
            #expect(problem.message == "seq 11 is missing (the next stored seq is 12)")
        }
    }

    @Test func aFreshLedgerVerifiesAgainstItsOwnHead() async throws {
        try await withTemporaryLedger { path in
            let head = try makeLedger(at: path)
            let store = try EventStore.open(path: path)
            let report = try store.verify(deep: true, knownHead: head.hash)
            #expect(report.isIntact)
            #expect(report.head == head)
            #expect(report.count == Self.eventCount)
            #expect(try EventStore.inMemory().verify(knownHead: ChainHash.genesis).isIntact)
        }
    }
}
