import Foundation
import GRDB
import Testing
import TestSupport
@testable import LedgerCore
@testable import LedgerStore

/// The one-line bugs of issue 10 that lived in the store, each pinned by a test that fails with the bug planted.
///
/// Every test names the bug it guards (the mutant in `Tools/mutants-catalogue.tsv`), so a
/// survivor of a mutation run points straight at the test that should have caught it.
@Suite struct OneLineBugStoreTests {
    // MARK: - The append-only trigger compares recordedAt with the head, not with the first row

    /// Inserts a forged row with the triggers in place (the raw write the append-only trigger guards against); returns the new head.
    @discardableResult
    static func forge(_ store: EventStore, recordedAt: String, id: String) throws -> LogHead {
        let head = try store.head()
        try AppendOnlyTriggerTests().insert(store, seq: head.seq + 1, prevHash: head.hash, recordedAt: recordedAt, id: id)
        return try store.head()
    }

    /// A log whose rows carry three different recorded times: the first batch's, then 2090, then 2095 at the head.
    static func logWithRisingRecordedTimes() throws -> EventStore {
        let store = try EventStore.inMemory()
        _ = try store.append(batch(registrations))
        try forge(store, recordedAt: "2090-01-01T00:00:00.000000Z", id: "later")
        try forge(store, recordedAt: "2095-01-01T00:00:00.000000Z", id: "latest")
        return store
    }

    /// Times after the first row's but before the head's are refused; the head's own time and later are accepted.
    ///
    /// Bug guarded: the trigger reading `recordedAt` of the first row (`ORDER BY seq LIMIT 1`)
    /// instead of the head's: every time after the first row would pass.
    @Test(arguments: [
        ("2092-06-30T00:00:00.000000Z", false),  // after the first rows, before the head
        ("2094-12-31T23:59:59.999999Z", false),  // one microsecond before the head
        ("2090-01-01T00:00:00.000000Z", false),  // the time of the row before the head
        ("2095-01-01T00:00:00.000000Z", true),   // the head's own time: recorded times may repeat
        ("2096-01-01T00:00:00.000000Z", true),   // later than the head
    ])
    func aRowRecordedBeforeTheHeadIsRefused(_ recordedAt: String, _ accepted: Bool) throws {
        let store = try Self.logWithRisingRecordedTimes()
        let head = try store.head()
        let first = try #require(try store.event(id: "party-acme")).recordedAt
        try #require(first < "2090", "the first batch is recorded now, well before the forged times")
        if accepted {
            #expect(try Self.forge(store, recordedAt: recordedAt, id: "forged").seq == head.seq + 1)
        } else {
            let error = try #require(throws: DatabaseError.self) {
                try Self.forge(store, recordedAt: recordedAt, id: "forged")
            }
            #expect(error.message?.contains("events are appended in order, chained to the previous event") == true)
            #expect(try store.head() == head)
        }
    }

    // MARK: - Plain verify checks each row's link to the row before it

    /// A row rewritten with only its own hash recomputed: its hash matches its bytes, but the next row's prevHash does not.
    ///
    /// Bug guarded: the fast verify path dropping the `prevHash` equality, which
    /// let such a rewrite pass plain `verify` (only `--deep` saw it).
    @Test(arguments: [Int64(1), 9, 19])
    func aRowRehashedAloneBreaksTheNextLink(_ seq: Int64) throws {
        let scratch = try ScratchFolder("one-line-link")
        let (pristine, rows) = try Attacker.pristineLedger(in: scratch, events: 20, seed: 21)
        try #require(rows.count == 20)
        let path = scratch.file("rehashed.sqlite")
        try Attacker.copy(pristine, to: path)
        var row = rows[Int(seq) - 1]
        row.payload += " "
        row.hash = ChainHash.hash(prevHash: row.prevHash, row: row)
        try Attacker.edit(path) { db in
            try db.execute(sql: "UPDATE event SET payload = ?, hash = ? WHERE seq = ?", arguments: [row.payload, row.hash, seq])
        }
        let report = try Attacker.verify(path)
        let problem = try #require(report.problem, "plain verify passed a broken link after seq \(seq)")
        #expect(problem.seq == seq + 1)
        #expect(problem.message.contains("prevHash"), "\(problem)")
        #expect(try Attacker.verify(pristine).isIntact, "the untouched ledger verifies")
    }

    // MARK: - Known-at in the single-subject replay includes the amendment at exactly that seq

    /// acme's round, then an amendment of it: seq N is the amendment's own seq.
    static func amendedRoundStore(amendment: Event) throws -> (store: EventStore, amendmentSeq: Int64) {
        let store = try EventStore.inMemory()
        _ = try store.append(batch(registrations + [
            recap("founding", company: "acme", date: "2018-01-01", [("founders", "1")]),
            round("seed", company: "acme", date: "2019-01-01", investments: [("alpha", usd("10"))], postMoney: usd("40")),
        ]))
        let result = try store.append(batch(amendment))
        return (store, try #require(result.appended.first).seq)
    }

    static let seedAmendments: [(name: String, event: Event, alphaAfter: String?)] = [
        ("correction", correction("fix-seed", of: "seed", date: "2026-01-01",
                                  replacement: round("seed", company: "acme", date: "2019-01-01", investments: [("alpha", usd("20"))], postMoney: usd("40"))), "0.5"),
        ("retraction", retraction("drop-seed", of: "seed", date: "2026-01-01"), nil),
    ]

    /// `state(of:knownAt: .seq(N))`, N the amendment's own seq, sees the amendment; N − 1 does not.
    ///
    /// Bug guarded: the subject's amendments read with `seq < ?` instead of `seq <= ?`.
    @Test(arguments: seedAmendments.indices)
    func theSubjectReplayKnowsTheAmendmentAtItsOwnSeq(_ index: Int) throws {
        let amendment = Self.seedAmendments[index]
        let (store, seq) = try Self.amendedRoundStore(amendment: amendment.event)
        let asOf = day("2020-01-01")
        for useSnapshots in [false, true] {
            let before = try store.state(of: "acme", asOf: asOf, knownAt: .seq(seq - 1), useSnapshots: useSnapshots)
            #expect(stakes(before, "acme", asOf: "2020-01-01")["alpha"] == dec("0.25"), "\(amendment.name), known at \(seq - 1)")
            let at = try store.state(of: "acme", asOf: asOf, knownAt: .seq(seq), useSnapshots: useSnapshots)
            let alpha = stakes(at, "acme", asOf: "2020-01-01")["alpha"]
            #expect(alpha == amendment.alphaAfter.map(dec), "\(amendment.name), known at \(seq): alpha \(String(describing: alpha))")
            // The whole-log replay agrees.
            let whole = try store.state(asOf: asOf, knownAt: .seq(seq), useSnapshots: useSnapshots)
            #expect(at.companies["acme"] == whole.companies["acme"], "\(amendment.name), known at \(seq)")
        }
    }

    // MARK: - Retracting a correction when a later correction of the same event exists

    /// seed corrected twice (alpha 20, then alpha 30), then one correction retracted: the other one is in force.
    ///
    /// Bug guarded: retracting a correction removing the latest amendment of its target
    /// (`removeLast()`) instead of that correction's own entry.
    @Test(arguments: [("fix-1", "0.75"), ("fix-2", "0.5")])
    func retractingOneOfTwoCorrectionsKeepsTheOther(_ retracted: String, _ alphaStake: String) throws {
        let store = try EventStore.inMemory()
        _ = try store.append(batch(registrations + [
            round("seed", company: "acme", date: "2019-01-01", investments: [("alpha", usd("10"))], postMoney: usd("40")),
        ]))
        for (id, amount) in [("fix-1", "20"), ("fix-2", "30")] {
            _ = try store.append(batch(correction(id, of: "seed", date: "2026-01-01", replacement:
                round("seed", company: "acme", date: "2019-01-01", investments: [("alpha", usd(amount))], postMoney: usd("40")))))
        }
        #expect(stakes(try store.state(asOf: day("2020-01-01")), "acme", asOf: "2020-01-01")["alpha"] == dec("0.75"), "the later correction is in force")
        _ = try store.append(batch(retraction("undo", of: retracted, date: "2026-02-01")))
        for state in [try store.state(asOf: day("2020-01-01")), try store.state(of: "acme", asOf: day("2020-01-01"))] {
            let alpha = stakes(state, "acme", asOf: "2020-01-01")["alpha"]
            #expect(alpha == dec(alphaStake), "after retracting \(retracted): alpha \(String(describing: alpha))")
            #expect(state.companies["acme"]?.invested["alpha"]?.byCurrency["USD"] == dec(alphaStake) * 40)
        }
    }

    // MARK: - An event dated exactly on a checkpoint's date invalidates it

    /// Snapshots rebuilt, then an event dated on the last checkpoint's date: queries with and without snapshots agree.
    ///
    /// Bug guarded: invalidation by `date > ?` instead of `date >= ?`, which left the
    /// checkpoint usable and the new event invisible to every snapshot-backed query.
    @Test(arguments: ["2021-06-30", "2019-01-01"])
    func anEventOnTheCheckpointDateInvalidatesIt(_ checkpointDate: String) throws {
        let store = try EventStore.inMemory()
        var events = registrations + [
            recap("founding", company: "acme", date: "2018-01-01", [("founders", "1")]),
            round("seed", company: "acme", date: "2019-01-01", investments: [("alpha", usd("10"))], postMoney: usd("40")),
        ]
        if checkpointDate != "2019-01-01" {
            events.append(valuation("val", company: "acme", date: checkpointDate, usd("80")))
        }
        _ = try store.append(batch(events))
        let built = try store.rebuildSnapshots(interval: 1)
        try #require(built.checkpoints > 0)
        let checkpoint = try #require(try store.snapshots().last)
        try #require(checkpoint.date == day(checkpointDate) && checkpoint.invalidFrom == nil, "\(checkpoint)")

        let appended = try store.append(batch(
            round("on-the-day", company: "acme", date: checkpointDate, investments: [("beta", usd("50"))], postMoney: usd("100"))))
        let seq = try #require(appended.appended.first).seq
        #expect(try store.snapshots().last?.invalidFrom == seq, "the checkpoint dated \(checkpointDate) is invalidated")

        let asOf = day(checkpointDate)
        let replayed = try store.state(asOf: asOf, useSnapshots: false)
        #expect(stakes(replayed, "acme", asOf: checkpointDate)["beta"] == dec("0.5"))
        let resumed = try store.state(asOf: asOf)
        #expect(withoutSeqs(resumed) == withoutSeqs(replayed), "as of \(checkpointDate), with snapshots")
        let subject = try store.state(of: "acme", asOf: asOf)
        #expect(subject.companies["acme"] == replayed.companies["acme"], "acme as of \(checkpointDate), with snapshots")
    }

    // MARK: - A streaming import that fails part-way stores nothing

    /// A producer that hands over `count` valid events, then fails.
    static func failingProducer(count: Int) -> ((SourcedEvent) throws -> Void) throws -> Void {
        { sink in
            let events = batch(registrations + (0..<count).map {
                valuation("v-\($0)", company: "acme", date: "2020-01-01", usd(String($0 + 1)))
            })
            for event in events { try sink(event) }
            throw LedgerError("has a broken line", file: "big.jsonl")
        }
    }

    /// The reader's error reaches the caller and the batch rolls back, however many batches were handed over.
    ///
    /// Bug guarded: the pipeline finishing its channel without the reader's error
    /// (`finish(nil)`), which committed the events read so far and reported success.
    @Test(arguments: [0, 3, 600])
    func aReaderErrorRollsTheWholeImportBack(_ count: Int) throws {
        let store = try EventStore.inMemory()
        _ = try store.append(batch(party("earlier")))
        let head = try store.head()
        let error = try #require(throws: LedgerError.self) {
            _ = try store.importEvents(streaming: Self.failingProducer(count: count))
        }
        #expect(error.message.contains("broken line"), "\(error)")
        #expect(error.file == "big.jsonl")
        #expect(try store.head() == head, "nothing of the failed import is stored")
        #expect(try storedIDs(store) == ["party-earlier"])
        #expect(try store.verify().isIntact)
    }
}
