import Foundation
import GRDB
import LedgerCore
@testable import LedgerStore
import SyntheticHistory
import TestSupport
import Testing

/// Snapshots are a cache: every answer must be the same with and without them.
@Suite struct SnapshotTests {
    /// A ledger holding a generated history, imported in `batches` atomic batches.
    private func ledger(events: Int, seed: UInt64, batches: Int = 1) throws -> (EventStore, [Event]) {
        let store = try EventStore.inMemory()
        let history = try HistoryGenerator(count: events, seed: seed).events()
        let size = (history.count + batches - 1) / batches
        for start in stride(from: 0, to: history.count, by: size) {
            _ = try store.importEvents(history[start..<min(start + size, history.count)].map { SourcedEvent($0) })
        }
        return (store, history)
    }

    private func randomDate(_ random: inout SeededRandom) -> LedgerDate {
        LedgerDate(daysSinceEpoch: random.int(in: LedgerDate(year: 1948, month: 1, day: 1)!.daysSinceEpoch...LedgerDate(year: 2027, month: 12, day: 31)!.daysSinceEpoch))!
    }

    private func randomKnownAt(_ random: inout SeededRandom, head: Int) -> KnownAt? {
        random.chance(0.4) ? nil : .seq(Int64(random.int(in: 1...head)))
    }

    /// How many of `queries` a usable checkpoint serves (so the comparison is not vacuous).
    private func served(_ store: EventStore, _ queries: [(LedgerDate, KnownAt?)]) throws -> Int {
        try queries.filter { date, knownAt in
            let maxSeq = try store.maxSeq(for: knownAt)
            return try store.writer.read { db in try db.usableCheckpoint(asOf: date, maxSeq: maxSeq) } != nil
        }.count
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func wholeStateIsTheSameWithAndWithoutSnapshots(seed: UInt64) throws {
        let (store, history) = try ledger(events: 2_500, seed: seed)
        let built = try store.rebuildSnapshots(interval: 150)
        #expect(built.checkpoints > 5)
        var random = SeededRandom(seed: seed)
        let queries: [(LedgerDate, KnownAt?)] = (0..<40).map { _ in (randomDate(&random), randomKnownAt(&random, head: history.count)) }
        // Late dates known now: a checkpoint serves every one of these.
        let late: [(LedgerDate, KnownAt?)] = (0..<10).map { _ in
            (LedgerDate(year: random.int(in: 2000...2199), month: random.int(in: 1...12), day: random.int(in: 1...28))!,
             random.chance(0.5) ? nil : .seq(Int64(history.count)))
        }
        for (date, knownAt) in queries + late {
            let fast = try store.state(asOf: date, knownAt: knownAt, useSnapshots: true)
            let slow = try store.state(asOf: date, knownAt: knownAt, useSnapshots: false)
            #expect(fast == slow, "as of \(date), known at \(String(describing: knownAt))")
        }
        #expect(try served(store, late) == late.count)
    }

    @Test(arguments: [UInt64(4), 5])
    func backDatedAppendsAndAmendmentsInvalidateExactlyWhatTheyChange(seed: UInt64) throws {
        // Snapshots built after the first batch; later batches back-fill dates and add corrections and retractions.
        let store = try EventStore.inMemory()
        let history = try HistoryGenerator(count: 3_000, seed: seed).events()
        _ = try store.importEvents(history[0..<1_500].map { SourcedEvent($0) })
        _ = try store.rebuildSnapshots(interval: 100)
        let before = try store.snapshots()
        #expect(before.allSatisfy { $0.invalidFrom == nil })

        var appended = 1_500
        var random = SeededRandom(seed: seed)
        while appended < history.count {
            let batch = history[appended..<min(appended + random.int(in: 1...200), history.count)]
            _ = try store.append(batch.map { SourcedEvent($0) })
            // The expected first invalidating seq of each snapshot, from the events themselves.
            for snapshot in try store.snapshots() {
                var expected: Int64?
                for (offset, event) in history[1_500..<appended + batch.count].enumerated() {
                    let seq = Int64(1_500 + offset + 1)
                    if event.type == .correction || event.type == .retraction || event.date <= snapshot.date { expected = seq; break }
                }
                #expect(snapshot.invalidFrom == expected, "snapshot \(snapshot.id) at \(snapshot.date)")
            }
            appended += batch.count
            for _ in 0..<4 {
                let date = randomDate(&random), knownAt = randomKnownAt(&random, head: appended)
                #expect(try store.state(asOf: date, knownAt: knownAt) == store.state(asOf: date, knownAt: knownAt, useSnapshots: false),
                        "as of \(date), known at \(String(describing: knownAt))")
            }
        }
        // Queries known before the first invalidating event still start from the old snapshots.
        let earliestInvalid = try #require(try store.snapshots().compactMap(\.invalidFrom).min())
        #expect(try served(store, [(LedgerDate(year: 2199, month: 12, day: 31)!, .seq(earliestInvalid - 1))]) == 1)
    }

    @Test(arguments: [UInt64(6), 7])
    func subjectReplaysMatchTheWholeState(seed: UInt64) throws {
        let (store, history) = try ledger(events: 2_500, seed: seed, batches: 3)
        _ = try store.rebuildSnapshots(interval: 200)
        var random = SeededRandom(seed: seed)
        let companies = Set(history.compactMap { event -> String? in
            if case .fundingRound(let r) = event.body { return r.company }
            return nil
        }).sorted()
        let partnerships = Set(history.compactMap { event -> String? in
            if case .partnership(let p) = event.body { return p.partnership }
            return nil
        }).sorted()
        try #require(!companies.isEmpty && !partnerships.isEmpty)
        for _ in 0..<40 {
            let date = randomDate(&random), knownAt = randomKnownAt(&random, head: history.count)
            let whole = try store.state(asOf: date, knownAt: knownAt, useSnapshots: false)
            for subject in [random.pick(companies), random.pick(partnerships)] {
                for useSnapshots in [true, false] {
                    let part = try store.state(of: subject, asOf: date, knownAt: knownAt, useSnapshots: useSnapshots)
                    #expect(part.companies[subject] == whole.companies[subject], "\(subject) as of \(date), known at \(String(describing: knownAt))")
                    #expect(part.partnerships[subject] == whole.partnerships[subject], "\(subject) as of \(date)")
                    var named: Set<String> = [subject]
                    named.formUnion(whole.companies[subject]?.capTable?.keys ?? [:].keys)
                    named.formUnion(whole.partnerships[subject]?.parties ?? [])
                    for id in named { #expect(part.parties[id] == whole.parties[id], "party \(id) for \(subject) as of \(date)") }
                }
            }
        }
    }

    /// Every eighth checkpoint holds the whole state, so loading any checkpoint reads at most eight checkpoints' parts.
    @Test func keyFramesBoundWhatALoadReads() throws {
        let (store, _) = try ledger(events: 2_000, seed: 10)
        let built = try store.rebuildSnapshots(interval: 60)
        try #require(built.checkpoints > 20)
        let rows = try store.writer.read { db in try Row.fetchAll(db, sql: "SELECT id, generation, date, seq FROM snapshot ORDER BY id") }
        let first: Int64 = try #require(rows.first)["id"]
        var keyFrames = 0
        for row in rows {
            let id: Int64 = row["id"], generation: Int64 = row["generation"]
            #expect(generation == first + (id - first) / 8 * 8, "checkpoint \(id) builds on \(generation)")
            guard id == generation else { continue }
            keyFrames += 1
            // A key frame stores every party, partnership and company of the state at its date.
            let state = try store.state(asOf: try LedgerDate(parsing: row["date"]), knownAt: .seq(row["seq"]), useSnapshots: false)
            let parts = try store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM snapshot_part WHERE snapshot = ?", arguments: [id]) }
            #expect(parts == state.parties.count + state.partnerships.count + state.companies.count, "key frame \(id)")
        }
        #expect(keyFrames == (rows.count + 7) / 8)
    }

    @Test func partsRoundTripExactly() throws {
        #expect(StateCodec.coversCurrentLayout, "a field was added to the state: teach StateCodec to store it")
        let (store, _) = try ledger(events: 2_000, seed: 8)
        let state = try store.state(asOf: LedgerDate(year: 2199, month: 12, day: 31)!, useSnapshots: false)
        var bytes: [UInt8] = []
        for company in state.companies.values {
            bytes.removeAll()
            StateCodec.write(company, into: &bytes)
            #expect(try bytes.withUnsafeBytes { try StateCodec.readCompany(from: $0) } == company)
        }
        for partnership in state.partnerships.values {
            bytes.removeAll()
            StateCodec.write(partnership, into: &bytes)
            #expect(try bytes.withUnsafeBytes { try StateCodec.readPartnership(from: $0) } == partnership)
        }
        for party in state.parties.values {
            bytes.removeAll()
            StateCodec.write(party, into: &bytes)
            #expect(try bytes.withUnsafeBytes { try StateCodec.readParty(from: $0) } == party)
        }
        // Stakes keep every digit (36 after the point after dilution).
        var company = CompanyState(id: "x")
        let stake = Stake(units: 123_456_789_012_345_678_901_234_567_890_123_456)
        company.capTable = ["h": stake]
        bytes.removeAll()
        StateCodec.write(company, into: &bytes)
        let again = try bytes.withUnsafeBytes { try StateCodec.readCompany(from: $0) }
        let restored = try #require(again.capTable?["h"])
        #expect(restored == stake)
        // A truncated or extended part is refused, never half-read.
        #expect(throws: StateCodecError.self) { try bytes.dropLast(3).withUnsafeBytes { try StateCodec.readCompany(from: $0) } }
        #expect(throws: StateCodecError.self) { try (bytes + [0]).withUnsafeBytes { try StateCodec.readCompany(from: $0) } }
    }

    @Test func clearingAndReadOnlyFilesGiveTheSameAnswers() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("snapshot-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("ledger.sqlite").path
        let store = try EventStore.open(path: path)
        _ = try store.importEvents(try HistoryGenerator(count: 1_500, seed: 9).events().map { SourcedEvent($0) })
        let built = try store.rebuildSnapshots(interval: 100)
        try store.close()
        let date = LedgerDate(year: 2015, month: 6, day: 30)!
        let readOnly = try EventStore.openReadOnly(path: path)
        #expect(try readOnly.snapshots().count == built.checkpoints)
        let withSnapshots = try readOnly.state(asOf: date)
        #expect(try readOnly.writer.read { db in try db.usableCheckpoint(asOf: date, maxSeq: .max) } != nil)
        try readOnly.close()
        let writable = try EventStore.open(path: path)
        #expect(try writable.clearSnapshots() == built.checkpoints)
        #expect(try writable.snapshots().isEmpty)
        #expect(try writable.state(asOf: date) == withSnapshots)
    }
}
