import Foundation
import LedgerCore
import LedgerStore
import TestSupport
import Testing

/// `audit PARTNERSHIP`: the term history with set, remove, correction and retraction, read from a real store.
@Suite struct TermAuditTests {
    typealias F = Fixture

    /// A line reduced to what a reader checks: date, term, from → to, event, effect.
    struct Row: Equatable, CustomStringConvertible {
        var date: String, term: String, from: String, to: String, eventId: String, type: String, effect: String
        init(_ line: TermAuditLine) {
            date = line.date.text; term = line.term
            from = line.from?.canonicalText ?? "-"; to = line.to?.canonicalText ?? "-"
            eventId = line.eventId; type = line.type.rawValue; effect = line.effect.rawValue
        }
        init(_ date: String, _ term: String, _ from: String, _ to: String, _ eventId: String, _ type: String, _ effect: String) {
            self.date = date; self.term = term; self.from = from; self.to = to
            self.eventId = eventId; self.type = type; self.effect = effect
        }
        var description: String { "\(date) \(term) \(from)→\(to) \(eventId)/\(type) \(effect)" }
    }

    @Test func everyChangeInEffectiveOrderWithAmendmentsAsTheirOwnLines() throws {
        let lines = try F.acmeLedger().audit("acme-bolt")
        #expect(lines.map(Row.init) == [
            Row("2020-01-01", "exclusivity", "-", #"{"provider":"bolt"}"#, "partnership-acme-bolt", "partnership", "in-force"),
            Row("2020-01-01", "revenue-share", "-", #"{"rate":"0.20"}"#, "partnership-acme-bolt", "partnership", "in-force"),
            Row("2021-01-01", "revenue-share", #"{"rate":"0.20"}"#, #"{"rate":"0.25"}"#, "r1", "renegotiation", "superseded"),
            Row("2021-01-01", "revenue-share", #"{"rate":"0.20"}"#, #"{"rate":"0.30"}"#, "fix", "correction", "in-force"),
            Row("2022-01-01", "exclusivity", #"{"provider":"bolt"}"#, "-", "r2", "renegotiation", "in-force"),
            Row("2022-01-01", "ip-rights", "-", #""until 2030""#, "r2", "renegotiation", "in-force"),
            // Retracted after the correction was recorded, so it was believed to move the corrected 30%.
            Row("2023-01-01", "revenue-share", #"{"rate":"0.30"}"#, #"{"rate":"0.10"}"#, "r3", "renegotiation", "retracted"),
            Row("2023-01-01", "revenue-share", #"{"rate":"0.10"}"#, #"{"rate":"0.30"}"#, "drop", "retraction", "in-force"),
        ])
    }

    @Test func amendmentLinesSayWhatWasAmendedWhenAndWhy() throws {
        let lines = try F.acmeLedger().audit("acme-bolt")
        let superseded = try #require(lines.first { $0.effect == .superseded })
        #expect(superseded.amendedBy == "fix")
        #expect(superseded.amendedOn == F.day("2021-06-01"))
        #expect(superseded.amendedRecordedAt != nil)
        #expect(superseded.sources == ["https://example.com/r1"])

        let correction = try #require(lines.first { $0.type == .correction })
        #expect(correction.amends == "r1")
        #expect(correction.reason == "typo in the rate")

        let retracted = try #require(lines.first { $0.effect == .retracted })
        #expect(retracted.amendedBy == "drop")
        #expect(retracted.amendedOn == F.day("2023-06-01"))
        #expect(retracted.status == .reported)

        let revert = try #require(lines.first { $0.type == .retraction })
        #expect(revert.action == .revert)
        #expect(revert.amends == "r3")
        #expect(revert.reason == "never signed")

        let removal = try #require(lines.first { $0.action == .remove })
        #expect(removal.term == "exclusivity" && removal.to == nil)
    }

    /// Known-at by seq: before the correction (seq 15) and before the retraction (seq 16), the audit shows the belief of the time.
    @Test(arguments: [
        (Int64(14), ["r1 in-force 0.20→0.25", "r3 in-force 0.25→0.10"]),
        (Int64(15), ["r1 superseded 0.20→0.25", "fix in-force 0.20→0.30", "r3 in-force 0.30→0.10"]),
        (Int64(16), ["r1 superseded 0.20→0.25", "fix in-force 0.20→0.30", "r3 retracted 0.30→0.10", "drop in-force 0.10→0.30"]),
    ])
    func knownAtShowsWhatWasBelievedThen(seq: Int64, expected: [String]) throws {
        let lines = try F.acmeLedger().audit("acme-bolt", knownAt: .seq(seq), term: "revenue-share")
        let rate = { (value: JSONValue?) -> String in
            if case .string(let text)? = value?["rate"] { return text }
            return "-"
        }
        let summary = lines.dropFirst().map { "\($0.eventId) \($0.effect.rawValue) \(rate($0.from))→\(rate($0.to))" }
        #expect(summary == expected)
    }

    @Test func termFilterKeepsOnlyThatTerm() throws {
        let lines = try F.acmeLedger().audit("acme-bolt", term: "exclusivity")
        #expect(lines.map(\.term) == ["exclusivity", "exclusivity"])
        #expect(lines.map(\.action) == [.set, .remove])
    }

    /// The last believed line of each term gives the value `terms` shows: the audit and the fold agree.
    @Test(arguments: ["synthetic", "bundled"])
    func auditEndsWhereTheTermsInForceAre(ledger: String) throws {
        let store = ledger == "synthetic" ? try F.acmeLedger() : try F.bundledLedger()
        let state = try store.state(asOf: F.day("2199-12-31"))
        for partnership in state.partnerships.keys {
            var last: [String: JSONValue?] = [:]
            for line in try store.audit(partnership) where line.effect == .inForce { last[line.term] = line.to }
            var inForce: [String: JSONValue?] = [:]
            for term in state.terms(of: partnership) { inForce[term.term] = term.value }
            #expect(last.filter { $0.value != nil } == inForce, "partnership \(partnership)")
        }
    }

    @Test func jsonKeepsTheContractFields() throws {
        let lines = try F.acmeLedger().audit("acme-bolt")
        for line in lines {
            guard case .object(let object) = line.json else { Issue.record("not an object"); continue }
            for key in ["date", "term", "from", "to", "eventId", "type", "sources"] {
                #expect(object[key] != nil, "missing \(key)")
            }
        }
        #expect(lines[0].json["from"] == .null)
        #expect(lines[4].json["to"] == .null)
    }

    @Test func bundledMicrosoftOpenAIStoryStartsWithTheInitialTerms() throws {
        let lines = try F.bundledLedger().audit("microsoft-openai")
        #expect(lines.first?.date == F.day("2019-07-22"))
        #expect(lines.first?.from == nil)
        #expect(lines.contains { $0.term == "profit-share" && $0.action == .remove && $0.date == F.day("2025-10-28") })
        #expect(lines.allSatisfy { $0.effect == .inForce })
        #expect(lines.map(\.date) == lines.map(\.date).sorted())
    }
}
