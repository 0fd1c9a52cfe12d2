import Foundation
import TestSupport
import Testing
@testable import LedgerCore

/// CONTRACT §4, "Claims and precedence": term members as claims, `merge`, and the same-date rules for terms and figures.
@Suite struct ClaimPrecedenceTests {
    static func announced(_ event: Event, _ date: String?) -> Event {
        var event = event
        event.announced = date.map(day)
        return event
    }

    static func reneg(_ id: String, date: String, status: EventStatus = .confirmed, announced: String? = nil,
                      _ changes: [TermChange]) -> Event {
        var event = renegotiation(id, partnership: "m-o", date: date, changes)
        event.status = status
        return Self.announced(event, announced)
    }

    /// A log whose same-date events are recorded in the given order (or reversed).
    static func log(_ events: [Event], reversed: Bool) -> Log {
        var log = Log()
        log.append(party("m"), party("o"),
                   partnership("m-o", ["m", "o"], terms: ["revenue-share": .object(["payer": .string("o"), "payee": .string("m")])],
                               date: "2019-07-22"))
        for event in reversed ? events.reversed() : events { log.append(event) }
        return log
    }

    static let official = reneg("official", date: "2025-01-21", [
        TermChange(term: "revenue-share", action: .set(.object(["payer": .string("o"), "payee": .string("m"), "until": .string("2030")]))),
    ])
    static let press = reneg("press", date: "2025-01-21", status: .reported, [
        TermChange(term: "revenue-share", action: .set(.object(["rate": .string("0.20"), "payer": .string("o"), "payee": .string("m"),
                                                                "until": .string("2031")]))),
    ])

    @Test(arguments: [false, true])
    func aReportedMemberStandsBesideTheConfirmedOnesOfTheSameDate(reversed: Bool) throws {
        let state = Self.log([Self.official, Self.press], reversed: reversed).state(asOf: "2025-12-31")
        let term = try #require(state.terms(of: "m-o").first)
        #expect(term.value == .object(["payer": .string("o"), "payee": .string("m"), "until": .string("2030"), "rate": .string("0.20")]))
        #expect(term.eventId == "official")
        #expect(term.status == .confirmed)
        #expect(!term.disputed)
        let rate = try #require(term.members["rate"])
        #expect(rate.shown.origin.eventId == "press")
        #expect(rate.shown.origin.status == .reported)
        // The confirmed "until" is shown; the reported one is kept as an alternative, with its status.
        let until = try #require(term.members["until"])
        #expect(until.shown.value == .string("2030"))
        #expect(until.shown.origin.eventId == "official")
        #expect(until.alternatives.map(\.origin.eventId) == ["press"])
        #expect(until.alternatives.map(\.origin.status) == [.reported])
        #expect(!until.disputed)
    }

    @Test(arguments: [false, true])
    func equalStatusMembersAreSettledByTheLaterAnnouncement(reversed: Bool) throws {
        let early = Self.reneg("early", date: "2025-05-06", status: .reported, announced: "2025-05-07",
                               [TermChange(term: "revenue-share", action: .merge(["rate": .string("0.10")]))])
        let late = Self.reneg("late", date: "2025-05-06", status: .reported, announced: "2025-06-01",
                              [TermChange(term: "revenue-share", action: .merge(["rate": .string("0.08")]))])
        let term = try #require(Self.log([early, late], reversed: reversed).state(asOf: "2025-12-31").terms(of: "m-o").first)
        let rate = try #require(term.members["rate"])
        #expect(rate.shown.value == .string("0.08"))
        #expect(rate.shown.origin.eventId == "late")
        #expect(rate.alternatives.map(\.origin.eventId) == ["early"])
        #expect(!rate.disputed)
        #expect(!term.disputed)
        // The members the merges did not name are kept.
        #expect(term.members["payer"]?.shown.origin.eventId == "partnership-m-o")
    }

    @Test(arguments: [false, true])
    func anUnsettledTieIsDisputedAndTheSameWhateverTheRecordingOrder(reversed: Bool) throws {
        let a = Self.reneg("claim-a", date: "2025-05-06", status: .reported,
                           [TermChange(term: "revenue-share", action: .merge(["rate": .string("0.10")]))])
        let b = Self.reneg("claim-b", date: "2025-05-06", status: .reported,
                           [TermChange(term: "revenue-share", action: .merge(["rate": .string("0.08")]))])
        let term = try #require(Self.log([a, b], reversed: reversed).state(asOf: "2025-12-31").terms(of: "m-o").first)
        let rate = try #require(term.members["rate"])
        #expect(rate.disputed)
        #expect(term.disputed)
        #expect(rate.shown.origin.eventId == "claim-b")
        #expect(rate.alternatives.map(\.origin.eventId) == ["claim-a"])
    }

    @Test func twoClaimsThatAgreeAreNotADispute() throws {
        let a = Self.reneg("claim-a", date: "2025-05-06", [TermChange(term: "revenue-share", action: .merge(["rate": .string("0.10")]))])
        let b = Self.reneg("claim-b", date: "2025-05-06", [TermChange(term: "revenue-share", action: .merge(["rate": .string("0.10")]))])
        let term = try #require(Self.log([a, b], reversed: false).state(asOf: "2025-12-31").terms(of: "m-o").first)
        #expect(term.members["rate"]?.alternatives.count == 1)
        #expect(term.members["rate"]?.disputed == false)
    }

    @Test func mergeKeepsOtherMembersSetReplacesAndRemoveDeletes() throws {
        let merge = Self.reneg("merge", date: "2023-01-23", [TermChange(term: "revenue-share", action: .merge(["rate": .string("0.20")]))])
        let set = Self.reneg("set", date: "2024-01-01", [TermChange(term: "revenue-share", action: .set(.object(["rate": .string("0.10")])))])
        let fresh = Self.reneg("fresh", date: "2024-06-01", [TermChange(term: "rofr", action: .merge(["holder": .string("m")]))])
        let remove = Self.reneg("remove", date: "2025-01-01", [TermChange(term: "revenue-share", action: .remove)])
        let log = Self.log([merge, set, fresh, remove], reversed: false)
        #expect(log.state(asOf: "2023-06-01").terms(of: "m-o").first?.value
            == .object(["payer": .string("o"), "payee": .string("m"), "rate": .string("0.20")]))
        #expect(log.state(asOf: "2023-06-01").terms(of: "m-o").first?.since == day("2023-01-23"))
        #expect(log.state(asOf: "2024-01-01").terms(of: "m-o").first?.value == .object(["rate": .string("0.10")]))
        let later = log.state(asOf: "2024-12-31").terms(of: "m-o")
        #expect(later.map(\.term) == ["revenue-share", "rofr"])
        #expect(later[1].value == .object(["holder": .string("m")]))
        #expect(log.state(asOf: "2025-01-01").terms(of: "m-o").map(\.term) == ["rofr"])
    }

    @Test(arguments: [false, true])
    func aConfirmedRemovalIsNotUndoneByAReportedSetOfTheSameDate(reversed: Bool) throws {
        let removal = Self.reneg("removal", date: "2025-01-21", [TermChange(term: "revenue-share", action: .remove)])
        let report = Self.reneg("report", date: "2025-01-21", status: .reported,
                                [TermChange(term: "revenue-share", action: .set(.object(["rate": .string("0.20")])))])
        let state = Self.log([removal, report], reversed: reversed).state(asOf: "2025-12-31")
        #expect(state.terms(of: "m-o").isEmpty)
    }

    // MARK: - Figures

    @Test(arguments: [false, true])
    func equalStatusFiguresAreSettledByAnnouncedElseDisputed(reversed: Bool) throws {
        let early = Self.announced(revenue("early", company: "o", date: "2023-12-31", usd("1600000000"), status: .reported), "2024-01-02")
        let late = Self.announced(revenue("late", company: "o", date: "2023-12-31", usd("2000000000"), status: .reported), "2024-02-09")
        var log = Log()
        for event in reversed ? [late, early] : [early, late] { log.append(event) }
        let settled = try #require(log.history(asOf: "2024-12-31").revenue(of: "o").first?.figure)
        #expect(settled.chosen.eventId == "late")
        #expect(settled.alternatives.map(\.eventId) == ["early"])
        #expect(!settled.disputed)

        let x = revenue("x", company: "o", date: "2023-12-31", usd("1"), status: .reported)
        let y = revenue("y", company: "o", date: "2023-12-31", usd("2"), status: .reported)
        var tie = Log()
        for event in reversed ? [y, x] : [x, y] { tie.append(event) }
        let disputed = try #require(tie.history(asOf: "2024-12-31").revenue(of: "o").first?.figure)
        #expect(disputed.chosen.eventId == "y")
        #expect(disputed.alternatives.map(\.eventId) == ["x"])
        #expect(disputed.disputed)
        #expect(disputed.json["disputed"] == .bool(true))
    }

    // MARK: - Snapshots

    @Test func theCodecRoundTripsClaimsMembersAndAnnouncedFigures() throws {
        let dispute = Self.reneg("dispute", date: "2025-01-21", status: .reported, announced: "2025-01-22",
                                 [TermChange(term: "revenue-share", action: .merge(["rate": .string("0.30")]))])
        var log = Self.log([Self.official, Self.press, dispute], reversed: false)
        log.append(Self.announced(revenue("fig", company: "o", date: "2023-12-31", usd("2"), status: .reported), "2024-02-09"))
        let state = log.state(asOf: "2025-12-31")
        #expect(StateCodec.coversCurrentLayout)
        var bytes: [UInt8] = []
        StateCodec.write(try #require(state.partnerships["m-o"]), into: &bytes)
        let partnership = try bytes.withUnsafeBytes { try StateCodec.readPartnership(from: $0) }
        #expect(partnership == state.partnerships["m-o"])
        #expect(partnership.terms["revenue-share"]?.members["rate"]?.shown.origin.eventId == "dispute")
        bytes = []
        StateCodec.write(try #require(state.companies["o"]), into: &bytes)
        let company = try bytes.withUnsafeBytes { try StateCodec.readCompany(from: $0) }
        #expect(company == state.companies["o"])
    }

    // MARK: - The event

    @Test func aMergeChangeDecodesAndWritesCanonically() throws {
        let event = try decodeEvent(#"{"type": "renegotiation", "id": "r", "date": "2025-01-21", "partnership": "m-o", "changes": [{"term": "revenue-share", "merge": {"rate": "0.20"}}]}"#)
        guard case .renegotiation(let r) = event.body else { Issue.record("not a renegotiation"); return }
        #expect(r.changes == [TermChange(term: "revenue-share", action: .merge(["rate": .string("0.20")]))])
        #expect(event.canonicalText.contains(#""merge":{"rate":"0.20"}"#))
    }

    @Test(arguments: [
        (#"{"term": "t", "merge": "0.20"}"#, "changes[0].merge"),
        (#"{"term": "t", "merge": {}}"#, "changes[0].merge"),
        (#"{"term": "t", "merge": {"a": 1}, "set": 2}"#, "changes[0]"),
    ])
    func aBadMergeIsRefusedNamingTheField(change: String, field: String) throws {
        let text = #"{"type": "renegotiation", "id": "r", "date": "2025-01-21", "partnership": "m-o", "changes": ["# + change + "]}"
        let error = try #require(throws: LedgerError.self) { try decodeEvent(text) }
        #expect(error.field == field, "message: \(error)")
    }
}
