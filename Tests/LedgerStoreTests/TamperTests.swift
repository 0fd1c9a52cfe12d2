import Foundation
import GRDB
import LedgerCore
import LedgerStore
import SyntheticHistory
import TestSupport
import Testing

extension Attacker {
    /// A closed ledger file holding `count` random events (its WAL merged), with its rows.
    static func pristineLedger(in scratch: ScratchFolder, events count: Int, seed: UInt64) throws -> (path: String, rows: [StoredEvent]) {
        let path = scratch.file("pristine.sqlite")
        var rng = SeededRandom(seed: seed)
        let store = try EventStore.open(path: path)
        let events = try RandomEvents.history(count: count, &rng).map { SourcedEvent(try EventDecoder.decode($0)) }
        // Several batches, so recordedAt varies along the log.
        for batch in stride(from: 0, to: events.count, by: 7) {
            _ = try store.append(Array(events[batch..<min(events.count, batch + 7)]))
        }
        var rows: [StoredEvent] = []
        try store.forEachEvent { rows.append($0) }
        try store.close()
        return (path, rows)
    }
}

/// Tamper evidence: any single-byte change, deletion or reordering of stored rows is caught at its seq.
@Suite struct TamperTests {
    static let eventCount = 60

    /// 200 random single-byte flips in random rows and columns, each on a fresh copy.
    ///
    /// Expectation, for a flip in the row stored at seq S: `verify` names S.
    /// - a flip in any text column (id, type, dates, status, recordedAt,
    ///   payload, prevHash, hash) makes row S fail its prevHash or hash check;
    ///   the bytes may become invalid UTF-8 or hold a NUL, which the reader
    ///   turns into a different string, so the hash still differs;
    /// - a flip in `seq` moves the row to another seq (never one in use: the
    ///   primary key refuses it, and the trial draws again), so seq S goes
    ///   missing — even when the new seq is 0 or negative and sorts first.
    @Test func twoHundredRandomByteFlipsAreEachCaughtAtTheirSeq() throws {
        let scratch = try ScratchFolder("tamper-flips")
        let (pristine, rows) = try Attacker.pristineLedger(in: scratch, events: Self.eventCount, seed: 20_261_126)
        try #require(rows.count == Self.eventCount)
        try #require(try Attacker.verify(pristine).isIntact, "the untouched ledger must verify")

        var rng = SeededRandom(seed: 0x7A3F_0200)
        let trialPath = scratch.file("trial.sqlite")
        var byColumn: [String: Int] = [:]
        var invalidUTF8 = 0, nulBytes = 0, seqBelowOne = 0, detected = 0
        let start = Date()
        for trial in 1...200 {
            try Attacker.copy(pristine, to: trialPath)
            let seq = Int64.random(in: 1...Int64(rows.count), using: &rng)
            let row = rows[Int(seq) - 1]
            let column = rng.pick(Attacker.columns.filter { $0 != "announced" || row.announced != nil })
            var what = ""
            try Attacker.edit(trialPath) { db in
                if column == "seq" {
                    while true {
                        let byte = Int.random(in: 0..<8, using: &rng)
                        let moved = seq ^ (Int64(UInt8.random(in: 1...255, using: &rng)) << (8 * byte))
                        guard !(1...Int64(rows.count)).contains(moved) else { continue }
                        try db.execute(sql: "UPDATE event SET seq = ? WHERE seq = ?", arguments: [moved, seq])
                        if moved < 1 { seqBelowOne += 1 }
                        what = "seq \(seq) → \(moved)"
                        break
                    }
                } else {
                    let original = try #require(try Data.fetchOne(db, sql: "SELECT CAST(\(column) AS BLOB) FROM event WHERE seq = ?", arguments: [seq]))
                    while true {
                        var bytes = [UInt8](original)
                        let index = Int.random(in: 0..<bytes.count, using: &rng)
                        bytes[index] ^= UInt8.random(in: 1...255, using: &rng)
                        do {
                            try db.execute(sql: "UPDATE event SET \(column) = CAST(? AS TEXT) WHERE seq = ?", arguments: [Data(bytes), seq])
                        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                            continue // the flipped id is another event's id: draw again
                        }
                        if String(validating: bytes, as: UTF8.self) == nil { invalidUTF8 += 1 }
                        if bytes[index] == 0 { nulBytes += 1 }
                        what = "byte \(index) of \(column) at seq \(seq): 0x\(String(original[index], radix: 16)) → 0x\(String(bytes[index], radix: 16))"
                        break
                    }
                }
            }
            byColumn[column, default: 0] += 1
            let report = try Attacker.verify(trialPath)
            #expect(report.problem?.seq == seq, "trial \(trial), \(what): verify said \(report.problem.map(\.description) ?? "intact")")
            if report.problem?.seq == seq { detected += 1 }
        }
        let seconds = Date().timeIntervalSince(start)
        print("tamper: \(detected)/200 single-byte flips caught at the exact seq in \(String(format: "%.1f", seconds)) s; by column \(byColumn.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")); \(invalidUTF8) left invalid UTF-8, \(nulBytes) wrote a NUL byte, \(seqBelowOne) moved a row below seq 1")
        #expect(detected == 200)
        #expect(Set(byColumn.keys).count >= 9, "the trials should reach every column: \(byColumn)")
    }

    /// Edits the random trials rarely reach, each with the seq verify must name.
    static let edgeEdits: [(name: String, sql: [String], firstBadSeq: Int64)] = [
        ("row 5 moved to seq 0", ["UPDATE event SET seq = 0 WHERE seq = 5"], 5),
        ("row 5 moved to seq -7, sorting before seq 1", ["UPDATE event SET seq = -7 WHERE seq = 5"], 5),
        ("an extra row at seq -1, the chain 1…N intact",
         ["INSERT INTO event SELECT -1, 'forged', type, date, announced, status, recordedAt, payload, prevHash, hash FROM event WHERE seq = 3"], -1),
        ("a NUL byte in the middle of a payload", ["UPDATE event SET payload = CAST(substr(CAST(payload AS BLOB), 1, 20) || x'00' || substr(CAST(payload AS BLOB), 22) AS TEXT) WHERE seq = 4"], 4),
        ("a NUL byte ending a hash", ["UPDATE event SET hash = CAST(substr(CAST(hash AS BLOB), 1, 63) || x'00' AS TEXT) WHERE seq = 8"], 8),
        ("invalid UTF-8 in an id", ["UPDATE event SET id = CAST(CAST(id AS BLOB) || x'C3' AS TEXT) WHERE seq = 2"], 2),
        ("a payload with trailing garbage", ["UPDATE event SET payload = payload || ' ' WHERE seq = 9"], 9),
        ("the last row duplicated at the end", ["INSERT INTO event SELECT seq + 1, id || '-copy', type, date, announced, status, recordedAt, payload, prevHash, hash FROM event WHERE seq = (SELECT max(seq) FROM event)"], 13),
        ("a hole: row 6 deleted", ["DELETE FROM event WHERE seq = 6"], 6),
        ("the first row deleted", ["DELETE FROM event WHERE seq = 1"], 1),
        ("every row deleted but the last", ["DELETE FROM event WHERE seq < 12"], 1),
    ]

    @Test(arguments: edgeEdits.indices)
    func edgeCaseEditsAreCaughtAtTheirSeq(_ index: Int) throws {
        let edit = Self.edgeEdits[index]
        let scratch = try ScratchFolder("tamper-edge")
        let (pristine, rows) = try Attacker.pristineLedger(in: scratch, events: 12, seed: 3)
        try #require(rows.count == 12)
        let path = scratch.file("edited.sqlite")
        try Attacker.copy(pristine, to: path)
        try Attacker.edit(path) { db in for sql in edit.sql { try db.execute(sql: sql) } }
        let report = try Attacker.verify(path)
        #expect(report.problem?.seq == edit.firstBadSeq, "\(edit.name): \(report.problem.map(\.description) ?? "intact")")
    }

    /// Backdating one row's recordedAt and re-hashing from there leaves a consistent chain, but time runs backwards.
    @Test func backdatedRecordedTimeIsCaughtEvenWithARecomputedChain() throws {
        let scratch = try ScratchFolder("tamper-backdate")
        let (pristine, rows) = try Attacker.pristineLedger(in: scratch, events: 12, seed: 4)
        let path = scratch.file("backdated.sqlite")
        try Attacker.copy(pristine, to: path)
        try Attacker.edit(path) { db in
            var previous = rows[5].hash
            for var row in rows[6...] {
                if row.seq == 7 { row.recordedAt = "2001-01-01T00:00:00.000000Z" }
                row.prevHash = previous
                row.hash = ChainHash.hash(prevHash: previous, row: row)
                try db.execute(sql: "UPDATE event SET recordedAt = ?, prevHash = ?, hash = ? WHERE seq = ?",
                               arguments: [row.recordedAt, row.prevHash, row.hash, row.seq])
                previous = row.hash
            }
        }
        let report = try Attacker.verify(path)
        #expect(report.problem?.seq == 7 && report.problem?.message.contains("recordedAt") == true, "\(String(describing: report.problem))")
    }

    @Test(arguments: [1, 2, 5])
    func truncationIsInvisibleToPlainVerifyButCaughtByAnEarlierHead(_ removed: Int) throws {
        let scratch = try ScratchFolder("tamper-truncate")
        let (pristine, rows) = try Attacker.pristineLedger(in: scratch, events: 30, seed: 7)
        let keptHead = try #require(rows.last).hash
        let path = scratch.file("truncated.sqlite")
        try Attacker.copy(pristine, to: path)
        try Attacker.edit(path) { db in
            try db.execute(sql: "DELETE FROM event WHERE seq > ?", arguments: [rows.count - removed])
        }
        let plain = try Attacker.verify(path)
        #expect(plain.isIntact, "a clean cut of the tail leaves a valid shorter chain: only a kept head can reveal it")
        #expect(plain.count == Int64(rows.count - removed))
        let withHead = try Attacker.verify(path, knownHead: keptHead)
        #expect(withHead.problem?.seq == Int64(rows.count - removed + 1), "\(withHead)")
        #expect(withHead.problem?.message.contains("not in the chain") == true)
        // An earlier head that is still there passes: the log only has to contain it.
        #expect(try Attacker.verify(path, knownHead: rows[rows.count - removed - 1].hash).isIntact)
        #expect(try Attacker.verify(path, knownHead: rows[0].hash.uppercased()).isIntact, "hashes compare case-insensitively")
    }

    @Test func anEarlierHeadStillVerifiesAfterTheLogGrew() throws {
        let scratch = try ScratchFolder("tamper-grow")
        let (path, rows) = try Attacker.pristineLedger(in: scratch, events: 12, seed: 11)
        let store = try EventStore.open(path: path)
        var rng = SeededRandom(seed: 12)
        let more = try RandomEvents.history(count: 5, &rng, idPrefix: "later").map { SourcedEvent(try EventDecoder.decode($0)) }
        _ = try store.append(more)
        for row in rows { #expect(try store.verify(knownHead: row.hash).isIntact, "head of seq \(row.seq)") }
        #expect(try store.verify(knownHead: ChainHash.genesis).isIntact)
        let unknown = try store.verify(knownHead: String(repeating: "ab", count: 32))
        #expect(unknown.problem?.seq == Int64(rows.count + more.count + 1))
    }

    /// Swapping the contents of two rows (keeping their seqs) is caught at the lower seq.
    @Test func swappedRowsAreCaughtAtTheLowerSeq() throws {
        let scratch = try ScratchFolder("tamper-swap")
        let (pristine, rows) = try Attacker.pristineLedger(in: scratch, events: 40, seed: 99)
        var rng = SeededRandom(seed: 0x5A5A)
        let path = scratch.file("swapped.sqlite")
        var pairs: [(Int64, Int64)] = [(1, 2), (39, 40), (1, 40)]
        while pairs.count < 20 {
            let a = Int64.random(in: 1...40, using: &rng), b = Int64.random(in: 1...40, using: &rng)
            if a != b { pairs.append((a, b)) }
        }
        for (a, b) in pairs {
            try Attacker.copy(pristine, to: path)
            let payloadOnly = rng.chance(0.5)
            try Attacker.edit(path) { db in
                // Read both rows first: an UPDATE's subqueries would see the first row already changed.
                try db.execute(sql: "CREATE TEMP TABLE saved AS SELECT * FROM event WHERE seq IN (?, ?)", arguments: [a, b])
                if payloadOnly {
                    try db.execute(sql: """
                        UPDATE event SET payload = (SELECT payload FROM saved WHERE saved.seq = CASE event.seq WHEN ? THEN ? ELSE ? END)
                        WHERE seq IN (?, ?)
                        """, arguments: [a, b, a, a, b])
                } else {
                    // Whole rows trade places: every column but seq moves (ids are unique, so delete and re-insert).
                    try db.execute(sql: "DELETE FROM event WHERE seq IN (?, ?)", arguments: [a, b])
                    try db.execute(sql: "INSERT INTO event SELECT CASE seq WHEN ? THEN ? ELSE ? END, \(Attacker.columns.dropFirst().joined(separator: ", ")) FROM saved",
                                   arguments: [a, b, a])
                }
            }
            let report = try Attacker.verify(path)
            #expect(report.problem?.seq == min(a, b), "swap of \(a) and \(b) (\(payloadOnly ? "payloads" : "whole rows")): \(report.problem.map(\.description) ?? "intact")")
        }
        // Swapping the seqs themselves (the rows trade places) is the same reordering.
        try Attacker.copy(pristine, to: path)
        try Attacker.edit(path) { db in
            try db.execute(sql: "UPDATE event SET seq = -1 WHERE seq = 10")
            try db.execute(sql: "UPDATE event SET seq = 10 WHERE seq = 20")
            try db.execute(sql: "UPDATE event SET seq = 20 WHERE seq = -1")
        }
        #expect(try Attacker.verify(path).problem?.seq == 10)
        _ = rows
    }

    /// An attacker who rewrites a row and recomputes every later hash leaves a consistent chain:
    /// only a head kept from before the rewrite exposes it.
    @Test func aRecomputedChainIsCaughtOnlyByAKeptHead() throws {
        let scratch = try ScratchFolder("tamper-rechain")
        let (pristine, rows) = try Attacker.pristineLedger(in: scratch, events: 20, seed: 5)
        let keptHead = try #require(rows.last).hash
        let path = scratch.file("rechained.sqlite")
        try Attacker.copy(pristine, to: path)
        try Attacker.edit(path) { db in
            var previous = rows[7].hash
            for var row in rows[8...] {
                if row.seq == 9 { row.payload = row.payload.replacingOccurrences(of: "\"status\":\"", with: "\"status\" :\"") }
                row.prevHash = previous
                row.hash = ChainHash.hash(prevHash: previous, row: row)
                try db.execute(sql: "UPDATE event SET payload = ?, prevHash = ?, hash = ? WHERE seq = ?",
                               arguments: [row.payload, row.prevHash, row.hash, row.seq])
                previous = row.hash
            }
        }
        #expect(try Attacker.verify(path).isIntact, "a consistently re-hashed chain passes plain verify (documented limit)")
        let report = try Attacker.verify(path, knownHead: keptHead)
        #expect(report.problem != nil, "the kept head must expose the rewrite")
        #expect(try EventStore.openReadOnly(path: path).verify(deep: true).problem?.seq == 9,
                "verify --deep sees that the rewritten payload is not canonical")
    }
}
