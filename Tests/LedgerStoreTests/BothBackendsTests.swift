import Foundation
import GRDB
import SyntheticHistory
import TestSupport
import Testing
@testable import LedgerCore
@testable import LedgerStore

/// The store's guarantees on each backend: SQLite always, PostgreSQL when a server is configured (always in CI).
///
/// Raw writes go around the store, as an attacker's would: SQLite's through a plain connection,
/// PostgreSQL's through psql as the admin user.
@Suite struct BothBackendsTests {
    func seeded(_ backend: LedgerBackend, _ scratch: ScratchFolder) throws -> (EventStore, String) {
        let location = try backend.freshLocation(in: scratch)
        let store = try EventStore.open(path: location)
        _ = try store.append(batch(registrations + [
            round("seed", company: "acme", date: "2019-01-01", investments: [("alpha", usd("10"))], postMoney: usd("40"), partnership: "alpha-acme"),
        ]))
        return (store, location)
    }

    /// Runs raw SQL on the ledger around the store; the error text when the database refuses it, nil when it ran.
    func rawWrite(_ backend: LedgerBackend, _ location: String, _ sql: String) throws -> String? {
        switch backend {
        case .sqlite:
            let queue = try Attacker.connection(location)
            defer { try? queue.close() }
            do { try queue.write { db in try db.execute(sql: sql) } } catch let error as DatabaseError { return error.message ?? "\(error)" }
            return nil
        case .postgres:
            do { try PostgresServer.psql(location, sql) } catch let error as PostgresServer.PsqlFailed { return error.output }
            return nil
        }
    }

    @Test(arguments: LedgerBackend.available)
    func appendAndReadBack(_ backend: LedgerBackend) throws {
        let scratch = try ScratchFolder("both")
        let (store, location) = try seeded(backend, scratch)
        defer { try? store.close() }
        let head = try store.head()
        #expect(head.seq == 7)
        #expect(try store.count() == 7)
        #expect(try storedIDs(store) == ["party-acme", "party-founders", "party-alpha", "party-beta", "party-gamma", "partnership-alpha-acme", "seed"])
        #expect(try storedIDs(store, LogFilter(party: "alpha")) == ["party-alpha", "partnership-alpha-acme", "seed"])
        #expect(try store.registeredKind(of: "alpha-acme") == "partnership")
        let table = try store.state(asOf: day("2020-01-01")).capTable(of: "acme", asOf: day("2020-01-01"))
        #expect(stakes(table) == ["alpha": dec("0.25"), "other-holders": dec("0.75")])
        // A second connection (a reader) sees the same log and head.
        let reader = try EventStore.openReadOnly(path: location)
        defer { try? reader.close() }
        let report = try reader.verify()
        #expect(report.isIntact)
        #expect(report.head == head)
    }

    @Test(arguments: LedgerBackend.available)
    func aBatchWithABadEventStoresNothing(_ backend: LedgerBackend) throws {
        let scratch = try ScratchFolder("both")
        let (store, _) = try seeded(backend, scratch)
        defer { try? store.close() }
        let before = try store.head()
        let error = try #require(throws: LedgerError.self) {
            try store.append(batch([valuation("v1", company: "acme", date: "2020-01-01", usd("50")),
                                    valuation("v2", company: "nobody", date: "2020-01-02", usd("60"))]))
        }
        #expect(error.message.contains("nobody"), "\(error)")
        #expect(error.index == 2)
        #expect(try store.head() == before)
        #expect(try store.event(id: "v1") == nil)
    }

    @Test(arguments: LedgerBackend.available)
    func importIsIdempotentAndRefusesChangedContent(_ backend: LedgerBackend) throws {
        let scratch = try ScratchFolder("both")
        let (store, _) = try seeded(backend, scratch)
        defer { try? store.close() }
        let again = try store.importEvents(batch(registrations + [valuation("v1", company: "acme", date: "2020-01-01", usd("50"))]))
        #expect(again.skipped.count == registrations.count)
        #expect(again.appended.map(\.id) == ["v1"])
        let error = try #require(throws: LedgerError.self) {
            try store.importEvents(batch([valuation("v1", company: "acme", date: "2020-01-01", usd("51"))]))
        }
        #expect(error.message.contains("already stored with different content"), "\(error)")
        #expect(try store.head().seq == 8)
    }

    @Test(arguments: LedgerBackend.available)
    func aMovedLogIsRefusedByExpectedSeqAndHash(_ backend: LedgerBackend) throws {
        let scratch = try ScratchFolder("both")
        let (store, _) = try seeded(backend, scratch)
        defer { try? store.close() }
        let seen = try store.head()
        _ = try store.append(batch([valuation("v1", company: "acme", date: "2020-01-01", usd("50"))]))
        for stale in [ExpectedHead.seq(seen.seq), .hash(seen.hash)] {
            let error = try #require(throws: LedgerError.self) {
                try store.append(batch([valuation("v2", company: "acme", date: "2020-01-02", usd("60"))]), expecting: stale)
            }
            #expect(error.message.contains("the log moved"), "\(error)")
        }
        let current = try store.head()
        let appended = try store.append(batch([valuation("v2", company: "acme", date: "2020-01-02", usd("60"))]), expecting: .hash(current.hash))
        #expect(appended.head.seq == current.seq + 1)
    }

    static let refusedWrites: [String] = [
        "UPDATE event SET payload = payload WHERE seq = 1",
        "UPDATE event SET hash = prevHash",
        "DELETE FROM event WHERE seq = 7",
        "UPDATE event_party SET party = 'someone-else'",
        "DELETE FROM event_party WHERE seq = 7",
        "UPDATE registry SET kind = 'partnership' WHERE id = 'acme'",
        "DELETE FROM registry",
    ]

    @Test(arguments: LedgerBackend.available, refusedWrites)
    func rawUpdatesAndDeletesAreRefusedByTheDatabase(_ backend: LedgerBackend, _ sql: String) throws {
        let scratch = try ScratchFolder("both")
        let (store, location) = try seeded(backend, scratch)
        defer { try? store.close() }
        let before = try store.verify()
        let refusal = try #require(try rawWrite(backend, location, sql), "\(sql) was not refused")
        #expect(refusal.contains("the event log is append-only"), "\(refusal)")
        let after = try store.verify()
        #expect(after == before)
        #expect(after.isIntact)
    }

    @Test(.enabled(if: PostgresServer.enabled, PostgresServer.skipReason),
          arguments: ["event", "event_party", "registry", "amendment", "amendment_party"])
    func truncateIsRefusedOnPostgres(_ table: String) throws {
        let scratch = try ScratchFolder("both")
        let (store, location) = try seeded(.postgres, scratch)
        defer { try? store.close() }
        let refusal = try #require(try rawWrite(.postgres, location, "TRUNCATE \(table) CASCADE"), "TRUNCATE \(table) was not refused")
        // The refusal names the table: TRUNCATE … CASCADE reaches the other tables, whose triggers must not mask a missing one.
        #expect(refusal.contains("the event log is append-only: rows cannot be truncated (\(table))"), "\(refusal)")
        #expect(try store.count() == 7)
    }

    /// seq 9 skips one; seq 7 is taken; the right seq with a wrong prevHash breaks the chain.
    @Test(arguments: LedgerBackend.available, [(Int64(9), false), (8, true)])
    func anInsertThatDoesNotContinueTheChainIsRefused(_ backend: LedgerBackend, _ forged: (seq: Int64, wrongPrevHash: Bool)) throws {
        let (seq, wrongPrevHash) = forged
        let scratch = try ScratchFolder("both")
        let (store, location) = try seeded(backend, scratch)
        defer { try? store.close() }
        let head = try store.head()
        let last = try #require(try store.event(id: "seed"))
        var row = StoredEvent(seq: seq, id: "forged", type: "valuation", date: "2020-01-01", announced: nil, status: "confirmed",
                              recordedAt: last.recordedAt, payload: valuation("forged", company: "acme", date: "2020-01-01", usd("1")).canonicalText,
                              prevHash: wrongPrevHash ? last.prevHash : head.hash, hash: "")
        row.hash = ChainHash.hash(prevHash: row.prevHash, row: row)
        let sql = """
            INSERT INTO event (seq, id, type, date, announced, status, recordedAt, payload, prevHash, hash)
            VALUES (\(row.seq), 'forged', 'valuation', '2020-01-01', NULL, 'confirmed', '\(row.recordedAt)', '\(row.payload)', '\(row.prevHash)', '\(row.hash)')
            """
        let refusal = try #require(try rawWrite(backend, location, sql), "the forged insert was not refused")
        #expect(refusal.contains("events are appended in order, chained to the previous event"), "\(refusal)")
        #expect(try store.head() == head)
    }

    /// With the triggers out of the way (as the owner could), an edited row is caught by `verify`, naming its seq.
    @Test(arguments: LedgerBackend.available)
    func tamperingIsDetectedAtTheEditedSeq(_ backend: LedgerBackend) throws {
        let scratch = try ScratchFolder("both")
        let (store, location) = try seeded(backend, scratch)
        defer { try? store.close() }
        let edit = "UPDATE event SET payload = replace(payload, '\"40\"', '\"41\"') WHERE seq = 7"
        switch backend {
        case .sqlite: try Attacker.execute(location, edit)
        case .postgres: try PostgresServer.psql(location, "ALTER TABLE event DISABLE TRIGGER USER; \(edit)")
        }
        let report = try EventStore.openReadOnly(path: location).verify()
        let problem = try #require(report.problem)
        #expect(problem.seq == 7)
        #expect(problem.message.contains("does not match its hash"), "\(problem)")
    }

    /// A generated history with corrections and retractions: the whole-log replay, the subject replay and
    /// the snapshot replay agree on each backend, and both backends agree with each other.
    @Test func replaysAgreeAcrossBackendsWithAndWithoutSnapshots() throws {
        let scratch = try ScratchFolder("both")
        let events = try HistoryGenerator(count: 1_500, seed: 7).events()
        var states: [LedgerBackend: LedgerState] = [:]
        for backend in LedgerBackend.available {
            let store = try backend.freshStore(in: scratch)
            defer { try? store.close() }
            _ = try store.importEvents(batch(events))
            _ = try store.rebuildSnapshots(interval: 200)
            for asOf in ["2010-06-30", "2018-12-31", "2026-06-30"].map(day) {
                let whole = try store.state(asOf: asOf, useSnapshots: false)
                #expect(try store.state(asOf: asOf, useSnapshots: true) == whole, "\(backend) as of \(asOf.text)")
                for company in [HistoryGenerator.companyID(0), HistoryGenerator.companyID(3)] {
                    let subject = try store.state(of: company, asOf: asOf)
                    #expect(subject.companies[company] == whole.companies[company], "\(backend) \(company) as of \(asOf.text)")
                }
                let knownEarly = try store.state(asOf: asOf, knownAt: .seq(700), useSnapshots: false)
                #expect(try store.state(asOf: asOf, knownAt: .seq(700)) == knownEarly)
            }
            states[backend] = try store.state(asOf: day("2026-06-30"), useSnapshots: false)
        }
        if let postgres = states[.postgres] { #expect(postgres == states[.sqlite]) }
        #expect(states[.sqlite]?.appliedCount ?? 0 > 1_000)
    }

    /// How many of `queries` a usable snapshot serves on `store` (so a comparison is not vacuous).
    func served(_ store: EventStore, _ queries: [(LedgerDate, KnownAt?)]) throws -> Int {
        try queries.filter { date, knownAt in
            let maxSeq = try store.maxSeq(for: knownAt)
            return try store.replaying { source in try source.usableCheckpoint(asOf: date, maxSeq: maxSeq) } != nil
        }.count
    }

    /// Each query's state from the nearest snapshot equals the full replay's (whole state and one company); returns how many a snapshot served.
    func expectSnapshotsAgree(_ store: EventStore, _ queries: [(LedgerDate, KnownAt?)], _ label: String) throws -> Int {
        for (asOf, knownAt) in queries {
            let whole = try store.state(asOf: asOf, knownAt: knownAt, useSnapshots: false)
            #expect(try store.state(asOf: asOf, knownAt: knownAt, useSnapshots: true) == whole,
                    "\(label): as of \(asOf.text), known at \(String(describing: knownAt))")
            let company = HistoryGenerator.companyID(1)
            #expect(try store.state(of: company, asOf: asOf, knownAt: knownAt).companies[company] == whole.companies[company],
                    "\(label): \(company) as of \(asOf.text), known at \(String(describing: knownAt))")
        }
        return try served(store, queries)
    }

    /// On each backend: snapshots give the full replay's state at many as-of dates and known-at moments, are
    /// marked stale by a back-dated append (and a correction) from its seq on, and never serve a query they no longer cover.
    @Test(arguments: LedgerBackend.available)
    func snapshotsGiveTheFullReplaysStateAndABackDatedAppendInvalidatesThem(_ backend: LedgerBackend) throws {
        let scratch = try ScratchFolder("both")
        let events = try HistoryGenerator(count: 1_200, seed: 9).events()
        let store = try backend.freshStore(in: scratch)
        defer { try? store.close() }
        _ = try store.importEvents(batch(events))
        let head = try store.head().seq
        let built = try store.rebuildSnapshots(interval: 100)
        #expect(built.checkpoints > 5)
        #expect(try store.snapshots().count == built.checkpoints)
        #expect(try store.snapshots().allSatisfy { $0.invalidFrom == nil && $0.isReadable })

        var random = SeededRandom(seed: 21)
        func queries(head: Int64) -> [(LedgerDate, KnownAt?)] {
            (0..<16).map { _ in
                (LedgerDate(year: random.int(in: 1990...2030), month: random.int(in: 1...12), day: random.int(in: 1...28))!,
                 random.chance(0.5) ? nil : .seq(Int64(random.int(in: 1...Int(head)))))
            } + [(day("2199-12-31"), nil), (day("2199-12-31"), .seq(head))]
        }
        #expect(try expectSnapshotsAgree(store, queries(head: head), "\(backend) as built") >= 2)

        // A back-dated batch: a party and a valuation dated before most checkpoints.
        let company = HistoryGenerator.companyID(1)
        let late = try store.append(batch(party("late-registered", date: "1995-03-01"),
                                          valuation("late-valuation", company: company, date: "1995-03-02", usd("777"))))
        let lateSeq = try #require(late.appended.first?.seq)
        for snapshot in try store.snapshots() {
            #expect(snapshot.invalidFrom == (snapshot.date >= day("1995-03-01") ? lateSeq : nil), "\(backend) snapshot at \(snapshot.date.text)")
        }
        let afterLate = try store.state(asOf: day("2199-12-31"))
        #expect(afterLate.parties["late-registered"] != nil, "\(backend): a stale snapshot hid the back-dated party")
        #expect(try expectSnapshotsAgree(store, queries(head: lateSeq + 1) + [(day("2199-12-31"), .seq(lateSeq - 1))],
                                        "\(backend) after a back-dated append") >= 1)
        // Known before the back-dated append, the old snapshots still serve.
        #expect(try served(store, [(day("2199-12-31"), .seq(lateSeq - 1))]) == 1)
        #expect(try served(store, [(day("2199-12-31"), nil)]) == 0)

        // A correction invalidates every checkpoint still valid; a rebuild makes them usable again.
        _ = try store.append(batch(correction("fix-late", of: "late-valuation", date: "2026-01-02",
                                              replacement: valuation("x", company: company, date: "1995-03-02", usd("778")))))
        #expect(try store.snapshots().allSatisfy { $0.invalidFrom != nil })
        _ = try expectSnapshotsAgree(store, queries(head: lateSeq + 2), "\(backend) after a correction")
        _ = try store.rebuildSnapshots(interval: 100)
        #expect(try expectSnapshotsAgree(store, queries(head: lateSeq + 2), "\(backend) rebuilt") >= 2)
        #expect(try store.clearSnapshots() > 5)
        #expect(try store.snapshots().isEmpty)
    }

    /// A PostgreSQL ledger of schema version 1 (before snapshots) answers a reader without snapshot tables,
    /// and gains them (version 2) the first time a writer opens it.
    @Test(.enabled(if: PostgresServer.enabled, PostgresServer.skipReason))
    func aVersion1PostgresLedgerGainsSnapshotsWhenAWriterOpensIt() throws {
        let url = try PostgresServer.freshDatabase()
        try PostgresServer.psql(url, PostgresLog.schemaV1)
        let old = try EventStore.openReadOnly(path: url)
        #expect(try old.snapshots().isEmpty)
        #expect(try old.state(asOf: day("2030-01-01")).appliedCount == 0)
        try old.close()
        let store = try EventStore.open(path: url)
        defer { try? store.close() }
        #expect(try PostgresServer.psql(url, "SELECT string_agg(version::text, ',' ORDER BY version) FROM ledger_schema") == "1,2")
        _ = try store.append(batch(registrations + [
            round("seed", company: "acme", date: "2019-01-01", investments: [("alpha", usd("10"))], postMoney: usd("40"), partnership: "alpha-acme"),
        ]))
        #expect(try store.rebuildSnapshots(interval: 1).checkpoints >= 2)
        #expect(try served(store, [(day("2030-01-01"), nil)]) == 1)
        #expect(try store.state(asOf: day("2030-01-01")) == store.state(asOf: day("2030-01-01"), useSnapshots: false))
    }

    @Test(.enabled(if: PostgresServer.enabled, PostgresServer.skipReason))
    func postgresServerAnswers() throws {
        let url = try PostgresServer.freshDatabase()
        let store = try EventStore.open(path: url)
        defer { try? store.close() }
        #expect(try store.head() == LogHead(seq: 0, hash: ChainHash.genesis))
        #expect(store.postgresURL?.contains("ledger-test") == false)
    }
}
