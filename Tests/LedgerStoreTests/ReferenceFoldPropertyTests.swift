import SyntheticHistory
import Foundation
import Testing
import TestSupport
@testable import LedgerCore
@testable import LedgerStore

/// A random history with everything the projection weighs: same-date claims of different status,
/// repeat investors, and amendments of amendments, interleaved with the facts they amend.
///
/// Unlike `RandomHistory` (distinct dates, one amendment per event), the dates
/// come from a small pool, so rounds, valuations and revenue figures share
/// dates and precedence decides; an event may be corrected several times,
/// retracted, corrected again, and its corrections retracted.
struct AmendedHistory {
    /// Parties and partnerships (those of `RandomHistory`), appended first.
    let registrations: [Event]
    /// Facts and amendments in the order they are appended (every amendment after what it names).
    let stream: [Event]
    /// The effective dates in use.
    let dates: [LedgerDate]

    init(seed: UInt64, factCount: Int = 72, amendmentCount: Int = 24) {
        var rng = SeededRandom(seed: seed)
        let start = LedgerDate(year: 2010, month: 1, day: 1)!
        let pool = (0..<12).map { start.adding(days: 61 * $0)! }
        dates = pool
        registrations = RandomHistory(seed: seed, factCount: 0, amendmentCount: 0).registrations

        var stream: [Event] = []
        var facts: [Event] = []
        var corrections: [Event] = []
        var factsLeft = factCount, amendmentsLeft = amendmentCount
        var serial = 0
        let recorded = LedgerDate(year: 2030, month: 1, day: 1)!
        while factsLeft + amendmentsLeft > 0 {
            serial += 1
            if factsLeft > 0, facts.count < 4 || amendmentsLeft == 0 || Int.random(in: 0..<3, using: &rng) > 0 {
                factsLeft -= 1
                // The bodies of RandomHistory (repeat investors, priced and unpriced rounds, …), on shared dates.
                let fact = Event(id: "f-\(serial)", date: rng.pick(pool), status: RandomHistory.randomStatus(using: &rng),
                                 body: RandomHistory.randomBody(of: RandomHistory.randomType(using: &rng), using: &rng))
                facts.append(fact)
                stream.append(fact)
                continue
            }
            amendmentsLeft -= 1
            let roll = Int.random(in: 0..<10, using: &rng)
            if roll < 2, !corrections.isEmpty {
                // Withdraw a correction: its target reverts to whatever amended it before, or to the original.
                stream.append(Event(id: "undo-\(serial)", date: recorded,
                                    body: .retraction(Retraction(retracts: rng.pick(corrections).id, reason: "generated"))))
            } else if roll < 4 {
                stream.append(Event(id: "drop-\(serial)", date: recorded,
                                    body: .retraction(Retraction(retracts: rng.pick(facts).id, reason: "generated"))))
            } else {
                // Correct a fact, often one already corrected: new content, perhaps a new date and status.
                var target = rng.pick(facts)
                let corrected = corrections.compactMap { if case .correction(let c) = $0.body { c.corrects } else { nil } }
                if !corrected.isEmpty, rng.chance(0.5) {
                    let again = rng.pick(corrected)
                    target = facts.first { $0.id == again }!
                }
                let replacement = Event(id: target.id, date: rng.chance(0.4) ? rng.pick(pool) : target.date,
                                        status: RandomHistory.randomStatus(using: &rng),
                                        body: RandomHistory.randomBody(of: target.type, using: &rng))
                let fix = Event(id: "fix-\(serial)", date: recorded,
                                body: .correction(Correction(corrects: target.id, replacement: replacement, reason: "generated")))
                corrections.append(fix)
                stream.append(fix)
            }
        }
        self.stream = stream
    }

    /// Every company and partnership the history names.
    static let subjects = RandomHistory.companies + RandomHistory.partnerships.keys.sorted()
}

/// Property: the real replay (SQLite, snapshots, the single-subject path) agrees with ``ReferenceFold``
/// at random as-of dates and known-at points, amendments of amendments included.
@Suite struct ReferenceFoldPropertyTests {
    static let seeds: [UInt64] = [3, 11, 29, 102, 4242, 0xC0FFEE]

    /// Stakes agree to 10^-24: the production fold rounds quotients and products at 36 places (`Stake`).
    static let stakeTolerance = ExactFraction(BigInt(1), over: BigInt.tenToThe(24))
    /// `other-holders` is rounded to 20 places (residues of division below that are no holder).
    static let restTolerance = ExactFraction(BigInt(1), over: BigInt.tenToThe(20))
    /// Implied values are rounded to cents.
    static let valueTolerance = ExactFraction(BigInt(1), over: BigInt(100))

    /// A store holding the history appended in random batches, snapshots rebuilt part-way; the log as the
    /// reference sees it, and the head when the snapshots were built.
    static func store(for history: AmendedHistory, seed: UInt64) throws -> (store: EventStore, log: [ReferenceFold.Entry], snapshotHead: Int64) {
        var rng = SeededRandom(seed: seed ^ 0x5EED)
        let store = try EventStore.inMemory()
        _ = try store.append(batch(history.registrations))
        var rest = history.stream[...]
        var snapshotHead: Int64 = 0
        while !rest.isEmpty {
            let size = min(rest.count, Int.random(in: 1...5, using: &rng))
            _ = try store.append(batch(Array(rest.prefix(size))))
            rest = rest.dropFirst(size)
            if snapshotHead == 0, rest.count < history.stream.count / 2 {
                // Later appends, back-dated or amending, must invalidate exactly the checkpoints they reach.
                _ = try store.rebuildSnapshots(interval: 4)
                snapshotHead = try store.head().seq
            }
        }
        let events = Dictionary(uniqueKeysWithValues: (history.registrations + history.stream).map { ($0.id, $0) })
        var log: [ReferenceFold.Entry] = []
        try store.forEachEvent { row in log.append(ReferenceFold.Entry(seq: row.seq, recordedAt: row.recordedAt, event: events[row.id]!)) }
        return (store, log, snapshotHead)
    }

    /// Compares what the real state shows about every company and partnership with the reference.
    /// `subject` limits the comparison to one company or partnership (the single-subject replay).
    /// With `history` (the rounds and revenue a view streams from the log), every revenue figure up to the date is compared too.
    static func compare(_ state: LedgerState, _ reference: ReferenceFold, asOf: LedgerDate, subject: String? = nil,
                        history: CompanyHistory? = nil, _ label: String) -> Int {
        var compared = 0
        for company in RandomHistory.companies where subject == nil || subject == company {
            let table = state.capTable(of: company, asOf: asOf)
            let expectedHolders = reference.holders(of: company)
            #expect(table.isKnown == (expectedHolders != nil), "\(label): \(company) cap table known")
            #expect(table.eventId == reference.capTableEvent[company], "\(label): \(company) cap table event")
            if let expectedHolders {
                compared += 1
                #expect(Set(table.holders.map(\.holder)) == Set(expectedHolders.keys),
                        "\(label): \(company) holders \(table.holders.map(\.holder).sorted()) vs \(expectedHolders.keys.sorted())")
                for holder in table.holders {
                    guard let expected = expectedHolders[holder.holder] else { continue }
                    let tolerance = holder.holder == LedgerState.otherHolders ? restTolerance : stakeTolerance
                    #expect(expected.isClose(to: holder.stake, within: tolerance),
                            "\(label): \(company) \(holder.holder) stake \(holder.stake), reference \(expected)")
                    if let chosen = reference.valuation(of: company)?.chosen {
                        let value = holder.value.map { ExactFraction($0.amount) }
                        #expect(value.map { ($0 - expected * chosen.amount).magnitude <= valueTolerance } == true,
                                "\(label): \(company) \(holder.holder) value \(String(describing: holder.value))")
                    } else {
                        #expect(holder.value == nil, "\(label): \(company) \(holder.holder) has a value without a valuation")
                    }
                }
            }
            let valuation = state.valuation(of: company)
            let expectedValuation = reference.valuation(of: company)
            #expect(valuation?.chosen.eventId == expectedValuation?.chosen.eventId, "\(label): \(company) valuation event")
            #expect(valuation.map { ExactFraction($0.chosen.money.amount) } == expectedValuation.map(\.chosen.amount), "\(label): \(company) valuation")
            #expect(valuation?.chosen.basis == expectedValuation?.chosen.basis, "\(label): \(company) valuation basis")
            #expect(valuation?.alternatives.map(\.eventId) ?? [] == expectedValuation?.others.map(\.eventId) ?? [],
                    "\(label): \(company) valuation alternatives")

            let expectedRevenue = reference.revenueFigures(of: company)
            // The state keeps each basis's latest figure; the history streamed from the log keeps every one.
            let latest = state.latestRevenue(of: company)
            let expectedLatest = Dictionary(expectedRevenue.map { ($0.basis, $0) }, uniquingKeysWith: { _, later in later })
            #expect(latest.mapValues { "\($0.chosen.date.text) \($0.chosen.eventId) \($0.alternatives.map(\.eventId))" }
                    == Dictionary(uniqueKeysWithValues: expectedLatest.map { (RevenueBasis(rawValue: $0.key)!, "\($0.value.date.text) \($0.value.chosen.eventId) \($0.value.others.map(\.eventId))") }),
                    "\(label): \(company) latest revenue")
            for (basis, expected) in expectedLatest {
                #expect(latest[RevenueBasis(rawValue: basis)!].map { ExactFraction($0.chosen.money.amount) } == expected.chosen.amount,
                        "\(label): \(company) latest revenue amount")
            }
            if let history {
                let revenue = history.revenue(of: company)
                #expect(revenue.map { "\($0.key.date.text) \($0.key.basis.rawValue) \($0.figure.chosen.eventId) \($0.figure.alternatives.map(\.eventId))" }
                        == expectedRevenue.map { "\($0.date.text) \($0.basis) \($0.chosen.eventId) \($0.others.map(\.eventId))" },
                        "\(label): \(company) revenue")
                for (figure, expected) in zip(revenue, expectedRevenue) {
                    #expect(ExactFraction(figure.figure.chosen.money.amount) == expected.chosen.amount, "\(label): \(company) revenue amount")
                }
            }

            for investor in RandomHistory.investors {
                let totals = state.invested(by: investor, in: company).byCurrency.mapValues { ExactFraction($0) }
                #expect(totals == reference.invested[company]?[investor] ?? [:], "\(label): \(investor) invested in \(company)")
            }
            let roles = state.companies[company]?.roles ?? [:]
            let expectedRoles = reference.roles[company] ?? [:]
            #expect(roles.mapValues { "\($0.holders) since \($0.since.text) by \($0.eventId)" }
                    == expectedRoles.mapValues { "\($0.holders) since \($0.since.text) by \($0.eventId)" },
                    "\(label): \(company) governance")
        }
        for partnership in RandomHistory.partnerships.keys.sorted() where subject == nil || subject == partnership {
            compared += 1
            let terms = state.terms(of: partnership)
            let expected = (reference.terms[partnership] ?? [:]).sorted { $0.key < $1.key }
            #expect(terms.map { "\($0.term)=\($0.value.canonicalText) since \($0.since.text) by \($0.eventId) \($0.status)" }
                    == expected.map { "\($0.key)=\($0.value.value.canonicalText) since \($0.value.since.text) by \($0.value.eventId) \($0.value.status)" },
                    "\(label): \(partnership) terms")
            let invested = (state.partnerships[partnership]?.invested ?? [:]).mapValues { $0.byCurrency.mapValues { ExactFraction($0) } }
            #expect(invested == reference.partnershipInvested[partnership] ?? [:], "\(label): capital invested through \(partnership)")
        }
        if subject == nil {
            #expect(state.parties.mapValues(\.name) == reference.partyNames, "\(label): parties")
        }
        return compared
    }

    @Test(arguments: seeds)
    func theReplayAgreesWithTheReferenceFold(_ seed: UInt64) throws {
        let history = AmendedHistory(seed: seed)
        let (store, log, snapshotHead) = try Self.store(for: history, seed: seed)
        try #require(try store.verify().isIntact)
        let head = try #require(log.last).seq
        var rng = SeededRandom(seed: seed &* UInt64(0x9E37))
        // Random points, plus the ends: every date around the pool, everything known.
        var points: [(LedgerDate, Int64)] = history.dates.map { ($0, head) }
        for _ in 0..<24 {
            let date = rng.pick(history.dates).adding(days: Int.random(in: -1...1, using: &rng))!
            points.append((date, Int64.random(in: Int64(history.registrations.count)...head, using: &rng)))
        }
        points.append((LedgerDate(year: 2099, month: 1, day: 1)!, head))
        // Each seq appended after the part-way snapshots, known at its own seq: whatever it invalidates must not be used.
        try #require(snapshotHead > 0 && snapshotHead < head)
        // (Those need only the snapshot-backed replays; the others compare both.)
        let replayedBothWays = points.count
        points += (snapshotHead...head).map { (rng.pick(history.dates).adding(days: Int.random(in: 0...1, using: &rng))!, $0) }
        var compared = 0
        for (index, (asOf, knownAt)) in points.enumerated() {
            let reference = ReferenceFold(log: log, asOf: asOf, knownAt: knownAt)
            let label = "seed \(seed), as of \(asOf.text), known at \(knownAt)"
            var history = CompanyHistory()
            try store.forEachEffective(asOf: asOf, knownAt: .seq(knownAt)) { history.record($0) }
            for useSnapshots in index < replayedBothWays ? [false, true] : [true] {
                let state = try store.state(asOf: asOf, knownAt: .seq(knownAt), useSnapshots: useSnapshots)
                compared += Self.compare(state, reference, asOf: asOf, history: history, "\(label), snapshots \(useSnapshots)")
                for subject in AmendedHistory.subjects {
                    let single = try store.state(of: subject, asOf: asOf, knownAt: .seq(knownAt), useSnapshots: useSnapshots)
                    var own = CompanyHistory()
                    try store.forEachEffective(of: subject, asOf: asOf, knownAt: .seq(knownAt)) { own.record($0) }
                    _ = Self.compare(single, reference, asOf: asOf, subject: subject, history: own,
                                     "\(label), \(subject) alone, snapshots \(useSnapshots)")
                }
            }
        }
        // Known-at by recorded time: the reference finds the last seq recorded by then itself.
        for row in log where rng.chance(0.2) {
            let knownAt = log.filter { $0.recordedAt <= row.recordedAt }.map(\.seq).max()!
            let asOf = rng.pick(history.dates)
            let state = try store.state(asOf: asOf, knownAt: .time(try Timestamp(parsing: row.recordedAt)))
            _ = Self.compare(state, ReferenceFold(log: log, asOf: asOf, knownAt: knownAt), asOf: asOf,
                             "seed \(seed), as of \(asOf.text), known at \(row.recordedAt)")
        }
        // Snapshots of the whole log: checkpoints now hold corrected facts, replacements dated on a
        // checkpoint's date included, and every query that knows everything resumes from one.
        let built = try store.rebuildSnapshots(interval: 3)
        try #require(built.checkpoints > 3)
        for date in history.dates {
            for asOf in [date, date.adding(days: 1)!] {
                let reference = ReferenceFold(log: log, asOf: asOf, knownAt: head)
                let label = "seed \(seed), as of \(asOf.text), snapshots of the whole log"
                compared += Self.compare(try store.state(asOf: asOf), reference, asOf: asOf, label)
                for subject in AmendedHistory.subjects {
                    _ = Self.compare(try store.state(of: subject, asOf: asOf), reference, asOf: asOf, subject: subject, "\(label), \(subject) alone")
                }
            }
        }
        // Back-dated appends onto those checkpoints: one new term for p1 on each date, checked on that date.
        var grown = log
        for (index, date) in history.dates.shuffled(using: &rng).enumerated() {
            let late = Event(id: "late-\(index)", date: date, body: .renegotiation(Renegotiation(
                partnership: "p1", changes: [TermChange(term: "late-\(index)", action: .set(.string("on \(date.text)")))])))
            let seq = try #require(try store.append(batch(late)).appended.first).seq
            grown.append(ReferenceFold.Entry(seq: seq, recordedAt: try #require(try store.event(id: late.id)).recordedAt, event: late))
            let reference = ReferenceFold(log: grown, asOf: date, knownAt: seq)
            let label = "seed \(seed), as of \(date.text), after \(late.id) dated that day"
            compared += Self.compare(try store.state(asOf: date), reference, asOf: date, label)
            _ = Self.compare(try store.state(of: "p1", asOf: date), reference, asOf: date, subject: "p1", "\(label), p1 alone")
        }
        #expect(compared > 40, "the comparisons must reach known cap tables and terms")
    }

    /// The generated histories reach every case the comparison is meant to cover.
    @Test(arguments: seeds)
    func theHistoriesExerciseWhatTheFoldWeighs(_ seed: UInt64) throws {
        let history = AmendedHistory(seed: seed)
        let facts = history.stream.filter { $0.type != .correction && $0.type != .retraction }
        // Every type that moves a compared figure, and money types beside them (they move none of the
        // compared figures but must not disturb them).
        let types = Set(facts.map(\.type))
        #expect(types.isSuperset(of: [.fundingRound, .valuation, .recapitalization, .governance, .renegotiation, .revenue]))
        #expect(types.intersection([.commitment, .funding, .purchaseCommitment, .warrant, .negotiation]).count >= 3)
        let corrected = history.stream.compactMap { if case .correction(let c) = $0.body { c.corrects } else { nil } }
        #expect(Set(corrected).count < corrected.count, "some event is corrected twice (seed \(seed))")
        let retracted = Set(history.stream.compactMap { if case .retraction(let r) = $0.body { r.retracts } else { nil } })
        #expect(retracted.contains { $0.hasPrefix("fix-") }, "a correction is retracted (seed \(seed))")
        #expect(retracted.contains { $0.hasPrefix("f-") }, "a fact is retracted (seed \(seed))")
        var investorsPerCompany: [String: [String]] = [:]
        for fact in facts {
            if case .fundingRound(let round) = fact.body { investorsPerCompany[round.company, default: []] += round.investments.map(\.investor) }
        }
        #expect(investorsPerCompany.values.contains { Set($0).count < $0.count }, "an investor invests twice in one company (seed \(seed))")
        let sameDay = Dictionary(grouping: facts.filter { $0.type == .valuation || $0.type == .fundingRound || $0.type == .revenue }) { $0.date }
        #expect(sameDay.values.contains { $0.count > 1 }, "figures share a date (seed \(seed))")
    }
}
