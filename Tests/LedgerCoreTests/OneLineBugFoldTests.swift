import Foundation
import Testing
import TestSupport
@testable import LedgerCore

/// The one-line bugs of issue 10 that lived in the fold and the amendment rules, pinned where they live.
///
/// These drive `LedgerState.apply` and `Amendments` directly, without a log: the
/// behaviour is pure, so the test is too. The store-level twins are in
/// `LedgerStoreTests/OneLineBugStoreTests`.
@Suite struct OneLineBugFoldTests {
    /// Folds `events` in the order given, as the store would after sorting by (date, seq).
    static func fold(_ events: [Event]) -> LedgerState {
        var state = LedgerState()
        for (index, event) in events.enumerated() { state.apply(LoggedEvent(seq: Int64(index + 1), event: event)) }
        return state
    }

    // MARK: - A follow-on investment adds to the investor's diluted stake

    /// founders 1.0; alpha 10 at 40 post; alpha 30 at 120 post → founders 0.5625, alpha 0.4375.
    ///
    /// alpha's 0.25 is diluted by 1 − 30/120 = 0.75 to 0.1875, then gains 30/120 = 0.25.
    /// Bug guarded: the investor's new stake assigned (`=`) instead of added (`+=`),
    /// which drops the earlier diluted stake of a repeat investor.
    @Test func aRepeatInvestorKeepsItsDilutedStake() throws {
        let state = Self.fold([
            party("acme"), party("founders", kind: .person), party("alpha", kind: .investor),
            recap("founding", company: "acme", date: "2018-01-01", [("founders", "1")]),
            round("a", company: "acme", date: "2019-01-01", investments: [("alpha", usd("10"))], postMoney: usd("40")),
            round("b", company: "acme", date: "2020-01-01", investments: [("alpha", usd("30"))], postMoney: usd("120")),
        ])
        let table = state.capTable(of: "acme", asOf: day("2020-01-01"))
        try #require(table.isKnown)
        #expect(stakes(table) == ["founders": dec("0.5625"), "alpha": dec("0.4375")])
        #expect(table.holders.map(\.holder) == ["founders", "alpha"], "no other-holders: the stakes sum to 1")
        #expect(state.invested(by: "alpha", in: "acme").byCurrency == ["USD": dec("40")])
    }

    /// Two investors in one round, one of them already a holder: each gets amount/post, the holder on top of its diluted stake.
    @Test func aRoundWithANewAndARepeatInvestor() throws {
        let state = Self.fold([
            party("acme"), party("founders", kind: .person), party("alpha", kind: .investor), party("beta", kind: .investor),
            recap("founding", company: "acme", date: "2018-01-01", [("founders", "0.8"), ("alpha", "0.2")]),
            round("a", company: "acme", date: "2019-01-01", investments: [("alpha", usd("25")), ("beta", usd("25"))], postMoney: usd("100")),
        ])
        // keep = 1 − 50/100 = 0.5: founders 0.4, alpha 0.1 + 0.25, beta 0.25.
        #expect(stakes(state.capTable(of: "acme", asOf: day("2019-01-01"))) == ["founders": dec("0.4"), "alpha": dec("0.35"), "beta": dec("0.25")])
    }

    // MARK: - Retracting a correction when a later correction of the same event exists

    static let original = round("seed", company: "acme", date: "2019-01-01", investments: [("alpha", usd("10"))], postMoney: usd("40"))

    static func fix(_ id: String, _ amount: String) -> Event {
        correction(id, of: "seed", date: "2026-01-01",
                   replacement: round("seed", company: "acme", date: "2019-01-01", investments: [("alpha", usd(amount))], postMoney: usd("40")))
    }

    /// Which correction is in force after each sequence of amendments (nil: the original; "retracted": withdrawn).
    static let sequences: [(amendments: [Event], inForce: String?)] = [
        ([fix("fix-1", "20"), fix("fix-2", "30")], "fix-2"),
        ([fix("fix-1", "20"), fix("fix-2", "30"), retraction("undo", of: "fix-1", date: "2026-02-01")], "fix-2"),
        ([fix("fix-1", "20"), fix("fix-2", "30"), retraction("undo", of: "fix-2", date: "2026-02-01")], "fix-1"),
        ([fix("fix-1", "20"), fix("fix-2", "30"), fix("fix-3", "35"), retraction("undo", of: "fix-2", date: "2026-02-01")], "fix-3"),
        ([fix("fix-1", "20"), retraction("undo", of: "fix-1", date: "2026-02-01")], nil),
        ([fix("fix-1", "20"), retraction("drop", of: "seed", date: "2026-02-01"), fix("fix-2", "30")], "fix-2"),
        ([fix("fix-1", "20"), retraction("drop", of: "seed", date: "2026-02-01")], "retracted"),
        ([fix("fix-1", "20"), retraction("drop", of: "seed", date: "2026-02-01"), fix("fix-2", "30"),
          retraction("undo", of: "fix-2", date: "2026-03-01")], "retracted"),
    ]

    /// Bug guarded: retracting a correction removing the latest amendment of its target
    /// (`removeLast()`) instead of that correction's own entry.
    @Test(arguments: sequences.indices)
    func theAmendmentInForceAfterRetractingACorrection(_ index: Int) throws {
        let (amending, inForce) = Self.sequences[index]
        let amendments = Amendments(amending, targetSeqs: ["seed": 1])
        let labels = amending.map(\.id).joined(separator: ", ")
        switch amendments.amendment(for: "seed") {
        case nil:
            #expect(inForce == nil, "[\(labels)]: the original is in force, expected \(inForce ?? "-")")
        case .retracted?:
            #expect(inForce == "retracted", "[\(labels)]: retracted, expected \(inForce ?? "the original")")
        case .replaced(let event, let by)?:
            #expect(by == inForce, "[\(labels)]: \(by) in force, expected \(inForce ?? "the original")")
            let expected = try #require(amending.first { $0.id == by })
            guard case .correction(let c) = expected.body else { Issue.record("\(by) is not a correction"); return }
            #expect(event == c.replacement)
        }
    }
}
