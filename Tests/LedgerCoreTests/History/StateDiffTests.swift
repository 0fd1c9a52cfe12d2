import Foundation
import LedgerCore
import LedgerStore
import TestSupport
import Testing

/// `diff --from D1 --to D2`: differences between two as-of states, each with the events that caused it.
@Suite struct StateDiffTests {
    typealias F = Fixture

    func diff(_ store: EventStore, from: String, to: String, subjects: Set<String>? = nil, knownAt: KnownAt? = nil) throws -> [StateDifference] {
        var diff = StateDiff(from: F.day(from), to: F.day(to), subjects: subjects)
        try store.forEachEffective(asOf: F.day(to), knownAt: knownAt) { diff.feed($0) }
        return diff.differences
    }

    /// `subject aspect name: from → to [causes]`, values in their JSON text.
    func summary(_ differences: [StateDifference]) -> [String] {
        differences.map { d in
            let value = { (v: FactValue?) in v.map { $0.json.canonicalText } ?? "-" }
            return "\(d.key.subject) \(d.key.aspect.rawValue) \(d.key.name): \(value(d.from)) → \(value(d.to)) [\(d.causes.map(\.eventId).joined(separator: " "))]"
        }
    }

    @Test func companyDiffWithKnownAnswers() throws {
        let lines = summary(try diff(F.acmeLedger(), from: "2021-01-01", to: "2022-12-31", subjects: ["acme"]))
        #expect(lines == [
            #"acme valuation : {"amount":"100000000","currency":"USD"} → {"amount":"500000000","currency":"USD"} [round-b acme-secondary]"#,
            #"acme stake bolt: - → "0.1" [round-b]"#,
            #"acme stake fund: "0.1" → "0.09" [round-b]"#,
            #"acme stake other-holders: "0.9" → "0.81" [round-b]"#,
            #"acme governance ceo: - → ["Bob"] [ceo-ann ceo-bob]"#,
            #"acme invested bolt: - → [{"amount":"20000000","currency":"USD"}] [round-b]"#,
            #"acme revenue annualized-run-rate: - → {"amount":"9000000","currency":"USD"} [arr-2021 arr-2022]"#,
        ])
    }

    /// The correction of r1 applies at any as-of date, so revenue-share is 30% at both ends; r3 is retracted: no difference.
    @Test func partnershipDiffHonoursCorrectionsAndRetractions() throws {
        let lines = summary(try diff(F.acmeLedger(), from: "2021-01-01", to: "2023-12-31", subjects: ["acme-bolt"]))
        #expect(lines == [
            #"acme-bolt term exclusivity: {"provider":"bolt"} → - [r2]"#,
            #"acme-bolt term ip-rights: - → "until 2030" [r2]"#,
            #"acme-bolt invested bolt: - → [{"amount":"20000000","currency":"USD"}] [round-b]"#,
        ])
    }

    /// Known at seq 14 (before the correction and the retraction), the reported r3 still moves revenue-share.
    @Test func knownAtChangesTheAnswer() throws {
        let lines = summary(try diff(F.acmeLedger(), from: "2021-01-01", to: "2023-12-31", subjects: ["acme-bolt"], knownAt: .seq(14)))
        #expect(lines.contains(#"acme-bolt term revenue-share: {"rate":"0.25"} → {"rate":"0.10"} [r3]"#))
    }

    @Test(arguments: [
        ("2022-06-01", "2022-06-01", 0),   // same date: nothing differs
        ("2023-06-01", "2030-01-01", 0),   // nothing happened after the last event
        ("1999-01-01", "2020-06-01", 5),   // from nothing: exclusivity, revenue-share, valuation, two stakes…
    ])
    func diffSizes(from: String, to: String, atLeast: Int) throws {
        let count = try diff(F.acmeLedger(), from: from, to: to).count
        if atLeast == 0 { #expect(count == 0) } else { #expect(count >= atLeast) }
    }

    @Test func aFigureThatMovesAndMovesBackIsNoDifference() throws {
        var events = F.acmeEvents
        events.append(F.governance("ceo-ann-again", company: "acme", date: "2022-09-01", [RoleChange(role: "ceo", action: .set(["Ann"]))]))
        let lines = summary(try diff(F.store(events), from: "2021-06-01", to: "2022-12-31", subjects: ["acme"]))
        #expect(!lines.contains { $0.contains("governance ceo") })
    }

    @Test func bundledMicrosoftOpenAIDiffNamesTheDefinitiveAgreement() throws {
        let store = try F.bundledLedger()
        let differences = try diff(store, from: "2024-12-31", to: "2025-12-31", subjects: ["microsoft-openai", "microsoft", "openai"])
        let profitShare = try #require(differences.first { $0.key == FactKey(subject: "microsoft-openai", aspect: .term, name: "profit-share") })
        #expect(profitShare.to == nil)
        // Neither company said the profit share ended: the ledger records that inference as its own estimate.
        #expect(profitShare.causes.map(\.eventId) == ["2025-10-28-microsoft-openai-profit-share-ends-estimate"])
        let agiClause = try #require(differences.first { $0.key == FactKey(subject: "microsoft-openai", aspect: .term, name: "agi-clause") })
        #expect(agiClause.causes.map(\.eventId) == ["2025-10-28-microsoft-openai-definitive-agreement"])
        let valuation = try #require(differences.first { $0.key == FactKey(subject: "openai", aspect: .valuation) })
        #expect(valuation.from == .money(F.usd("157000000000")))
        #expect(valuation.to == .money(F.usd("500000000000")))
        #expect(differences.allSatisfy { !$0.causes.isEmpty })
    }
}
