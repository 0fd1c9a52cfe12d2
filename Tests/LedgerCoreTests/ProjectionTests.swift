import Foundation
import TestSupport
import Testing
@testable import LedgerCore

@Suite struct ProjectionTests {
    /// founders 100%, then A 10M at 40M post, then B 30M at 120M post.
    static func dilutionLog() -> Log {
        var log = Log()
        log.append(
            recap("founding", company: "acme", date: "2018-01-01", [("founders", "1")]),
            round("seed", company: "acme", date: "2019-01-01", investments: [("a", usd("10000000"))], postMoney: usd("40000000")),
            round("series-a", company: "acme", date: "2020-01-01", investments: [("b", usd("30000000"))], postMoney: usd("120000000")))
        return log
    }

    // MARK: - Dilution

    @Test func equityRoundsDiluteEarlierHoldersExactly() throws {
        let log = Self.dilutionLog()
        #expect(stakes(log.state(asOf: "2018-06-01").capTable(of: "acme", asOf: day("2018-06-01"))) == ["founders": dec("1")])
        #expect(stakes(log.state(asOf: "2019-06-01").capTable(of: "acme", asOf: day("2019-06-01")))
                == ["founders": dec("0.75"), "a": dec("0.25")])
        let table = log.state(asOf: "2020-06-01").capTable(of: "acme", asOf: day("2020-06-01"))
        #expect(table.holders.map(\.holder) == ["founders", "b", "a"])
        #expect(table.holders.map(\.stake.rounded) == [dec("0.5625"), dec("0.25"), dec("0.1875")])
        #expect(table.holders.map(\.stake.rounded).reduce(0, +) == 1)
        #expect(table.isKnown)
        #expect(table.eventId == "series-a")
    }

    @Test func aPreMoneyOnlyRoundUsesPreMoneyPlusTheTotal() throws {
        var log = Log()
        log.append(
            recap("founding", company: "acme", date: "2018-01-01", [("founders", "1")]),
            round("seed", company: "acme", date: "2019-01-01",
                  investments: [("a", usd("6000000")), ("c", usd("4000000"))], preMoney: usd("30000000")))
        let state = log.state(asOf: "2019-01-01")
        #expect(stakes(state.capTable(of: "acme", asOf: day("2019-01-01")))
                == ["founders": dec("0.75"), "a": dec("0.15"), "c": dec("0.1")])
        #expect(state.valuation(of: "acme")?.chosen.money == usd("40000000"))
        #expect(state.valuation(of: "acme")?.chosen.basis == "post-money")
    }

    @Test func aRoundWithoutAValuationRecordsCapitalButMovesNoStake() throws {
        var log = Log()
        log.append(
            recap("founding", company: "acme", date: "2018-01-01", [("founders", "1")]),
            round("bridge", company: "acme", date: "2019-01-01", investments: [("a", usd("5"))]))
        let state = log.state(asOf: "2019-01-01")
        #expect(stakes(state.capTable(of: "acme", asOf: day("2019-01-01"))) == ["founders": dec("1")])
        #expect(state.invested(by: "a", in: "acme").amounts == [usd("5")])
        #expect(state.valuation(of: "acme") == nil)
    }

    @Test(arguments: [Instrument.convertible, .profitParticipation, .cloudCredits, .mixed])
    func nonEquityInstrumentsRecordCapitalAndValuationButNotStakes(_ instrument: Instrument) throws {
        var log = Log()
        log.append(
            recap("founding", company: "acme", date: "2018-01-01", [("founders", "1")]),
            round("deal", company: "acme", date: "2019-01-01", instrument: instrument,
                  investments: [("a", usd("10000000"))], postMoney: usd("40000000")))
        let state = log.state(asOf: "2019-12-31")
        let table = state.capTable(of: "acme", asOf: day("2019-12-31"))
        #expect(stakes(table) == ["founders": dec("1")])
        #expect(table.eventId == "founding")
        #expect(state.invested(by: "a", in: "acme").amounts == [usd("10000000")])
        #expect(state.valuation(of: "acme")?.chosen.money == usd("40000000"))
        #expect(table.holders.first?.value == usd("40000000"))
        #expect(log.history(asOf: "2019-12-31").rounds(of: "acme").map(\.instrument) == [instrument])
    }

    @Test func anEquityRoundIntoAnUnknownCapTableGivesOnlyTheInvestorsStake() throws {
        var log = Log()
        log.append(round("seed", company: "acme", date: "2019-01-01", investments: [("a", usd("10"))], postMoney: usd("40")))
        let table = log.state(asOf: "2019-01-01").capTable(of: "acme", asOf: day("2019-01-01"))
        #expect(table.holders.map(\.holder) == ["a", LedgerState.otherHolders])
        #expect(table.holders.map(\.stake.rounded) == [dec("0.25"), dec("0.75")])
    }

    // MARK: - Recapitalization and cap table shape

    @Test func aRecapitalizationReplacesTheCapTable() throws {
        var log = Self.dilutionLog()
        log.append(recap("restructure", company: "acme", date: "2021-01-01", [("foundation", "0.26"), ("b", "0.27")]))
        let before = log.state(asOf: "2020-12-31").capTable(of: "acme", asOf: day("2020-12-31"))
        #expect(Set(before.holders.map(\.holder)) == ["founders", "a", "b"])
        let after = log.state(asOf: "2021-01-01").capTable(of: "acme", asOf: day("2021-01-01"))
        #expect(after.holders.map(\.holder) == ["b", "foundation", LedgerState.otherHolders])
        #expect(after.holders.map(\.stake.rounded) == [dec("0.27"), dec("0.26"), dec("0.47")])
        #expect(after.eventId == "restructure")
    }

    @Test func unattributedStakeIsReportedUnderOtherHoldersLast() throws {
        var log = Log()
        log.append(recap("r", company: "acme", date: "2020-01-01", [("x", "0.1"), ("y", "0.6"), ("z", "0.1")]))
        let table = log.state(asOf: "2020-01-01").capTable(of: "acme", asOf: day("2020-01-01"))
        #expect(table.holders.map(\.holder) == ["y", "x", "z", "other-holders"])
        #expect(table.holders.last?.stake.rounded == dec("0.2"))
    }

    @Test func aFullCapTableHasNoOtherHolders() throws {
        var log = Log()
        log.append(recap("r", company: "acme", date: "2020-01-01", [("x", "0.4"), ("y", "0.6")]))
        let table = log.state(asOf: "2020-01-01").capTable(of: "acme", asOf: day("2020-01-01"))
        #expect(table.holders.map(\.holder) == ["y", "x"])
    }

    /// Thirds, sevenths and thirteenths: every stake is rounded in its 38th digit.
    static func inexactLog() -> Log {
        var log = Log()
        log.append(
            recap("r", company: "acme", date: "2018-01-01", [("f1", "0.35"), ("f2", "0.3"), ("f3", "0.35")]),
            round("s1", company: "acme", date: "2019-01-01", investments: [("a", usd("1")), ("b", usd("1"))], postMoney: usd("7")),
            round("s2", company: "acme", date: "2020-01-01", investments: [("c", usd("1")), ("d", usd("2"))], postMoney: usd("13")),
            round("s3", company: "acme", date: "2021-01-01", investments: [("e", usd("1"))], postMoney: usd("3")))
        return log
    }

    @Test func theCapTableIsTheSameEveryTimeItIsComputed() throws {
        // Summing the stakes in a dictionary's (per-instance) order made the last
        // digit of the remainder vary from one replay to the next.
        let log = Self.inexactLog()
        let tables = (0..<100).map { _ in log.state(asOf: "2022-01-01").capTable(of: "acme", asOf: day("2022-01-01")) }
        #expect(Set(tables.map(\.holders)).count == 1)
    }

    @Test func roundingResiduesAreNotReportedAsOtherHolders() throws {
        let table = Self.inexactLog().state(asOf: "2022-01-01").capTable(of: "acme", asOf: day("2022-01-01"))
        #expect(table.holders.map(\.holder) == ["e", "f1", "f3", "f2", "d", "a", "b", "c"])
        #expect(table.holders[0].stake == Stake.ratio(1, of: 3))
        let sum = table.holders.reduce(Stake.zero) { $0 + $1.stake }
        #expect(abs((1 - sum).units) < 1_000_000, "stakes sum to \(sum)")
    }

    @Test func theCapTableIsUnknownWithoutARoundOrRecapitalization() throws {
        var log = Log()
        log.append(valuation("v", company: "acme", date: "2020-01-01", usd("100")))
        let state = log.state(asOf: "2021-01-01")
        let table = state.capTable(of: "acme", asOf: day("2021-01-01"))
        #expect(!table.isKnown)
        #expect(table.holders.isEmpty)
        #expect(table.eventId == nil)
        #expect(table.valuation?.chosen.money == usd("100"))
        let nobody = state.capTable(of: "nobody", asOf: day("2021-01-01"))
        #expect(!nobody.isKnown)
        #expect(nobody.valuation == nil)
        #expect(nobody.json["valuation"] == .null)
    }

    @Test func theCapTableBeforeTheFirstEventIsUnknown() throws {
        let log = Self.dilutionLog()
        let table = log.state(asOf: "2017-12-31").capTable(of: "acme", asOf: day("2017-12-31"))
        #expect(!table.isKnown)
        #expect(table.holders.isEmpty)
    }

    // MARK: - Valuation and implied values

    @Test func impliedValuesAreStakeTimesValuation() throws {
        let log = Self.dilutionLog()
        let table = log.state(asOf: "2020-06-01").capTable(of: "acme", asOf: day("2020-06-01"))
        #expect(table.valuation?.chosen.money == usd("120000000"))
        #expect(table.valuation?.chosen.eventId == "series-a")
        #expect(table.holders.map(\.value) == [usd("67500000"), usd("30000000"), usd("22500000")])
    }

    @Test func aLaterValuationRepricesEveryStake() throws {
        var log = Self.dilutionLog()
        log.append(valuation("tender", company: "acme", date: "2021-03-01", usd("500000000"), basis: .tenderOffer))
        let table = log.state(asOf: "2021-03-01").capTable(of: "acme", asOf: day("2021-03-01"))
        #expect(table.valuation?.chosen.basis == "tender-offer")
        #expect(table.holders.map(\.value) == [usd("281250000"), usd("125000000"), usd("93750000")])
        #expect(table.json["holders"] == .array([
            .object(["holder": .string("founders"), "stake": .string("0.5625"), "value": usd("281250000").json]),
            .object(["holder": .string("b"), "stake": .string("0.25"), "value": usd("125000000").json]),
            .object(["holder": .string("a"), "stake": .string("0.1875"), "value": usd("93750000").json]),
        ]))
    }

    @Test func theValuationIsTheLatestByDateNotByLogOrder() throws {
        var log = Log()
        log.append(
            valuation("new", company: "acme", date: "2022-01-01", usd("300")),
            valuation("old", company: "acme", date: "2021-01-01", usd("100")))
        #expect(log.state(asOf: "2023-01-01").valuation(of: "acme")?.chosen.eventId == "new")
        #expect(log.state(asOf: "2021-12-31").valuation(of: "acme")?.chosen.eventId == "old")
        #expect(log.state(asOf: "2020-12-31").valuation(of: "acme") == nil)
    }

    /// CONTRACT §4 replaced "the later recorded wins": equal-status figures are settled by `announced`, else disputed.
    @Test func sameDateValuationsResolveByStatusThenAnnouncedElseDisputed() throws {
        var log = Log()
        var conf2 = valuation("conf-2", company: "acme", date: "2022-01-01", usd("400"), status: .confirmed)
        conf2.announced = day("2022-01-05")
        log.append(
            valuation("est", company: "acme", date: "2022-01-01", usd("100"), status: .estimate),
            valuation("conf-1", company: "acme", date: "2022-01-01", usd("200"), status: .confirmed),
            valuation("rep", company: "acme", date: "2022-01-01", usd("300"), status: .reported),
            conf2)
        let chosen = try #require(log.state(asOf: "2022-01-01").valuation(of: "acme"))
        #expect(chosen.chosen.eventId == "conf-2")
        #expect(chosen.chosen.money == usd("400"))
        #expect(chosen.alternatives.map(\.eventId) == ["conf-1", "rep", "est"])
        #expect(!chosen.disputed)

        var tie = Log()
        tie.append(
            valuation("conf-2", company: "acme", date: "2022-01-01", usd("400"), status: .confirmed),
            valuation("conf-1", company: "acme", date: "2022-01-01", usd("200"), status: .confirmed),
            valuation("rep", company: "acme", date: "2022-01-01", usd("300"), status: .reported))
        let disputed = try #require(tie.state(asOf: "2022-01-01").valuation(of: "acme"))
        #expect(disputed.chosen.eventId == "conf-2")
        #expect(disputed.alternatives.map(\.eventId) == ["conf-1", "rep"])
        #expect(disputed.disputed)
    }

    @Test func aConfirmedValuationBeatsALaterRecordedReportedOne() throws {
        var log = Log()
        log.append(
            valuation("conf", company: "acme", date: "2022-01-01", usd("200"), status: .confirmed),
            valuation("rep", company: "acme", date: "2022-01-01", usd("300"), status: .reported))
        let chosen = try #require(log.state(asOf: "2022-01-01").valuation(of: "acme"))
        #expect(chosen.chosen.eventId == "conf")
        #expect(chosen.alternatives.map(\.eventId) == ["rep"])
    }

    @Test func aRoundsPostMoneyAndAValuationOnTheSameDateAreAlternatives() throws {
        var log = Self.dilutionLog()
        log.append(valuation("press", company: "acme", date: "2020-01-01", usd("125000000"), basis: .reported, status: .reported))
        let chosen = try #require(log.state(asOf: "2020-01-01").valuation(of: "acme"))
        #expect(chosen.chosen.eventId == "series-a")
        #expect(chosen.alternatives.map(\.money) == [usd("125000000")])
    }

    // MARK: - Terms

    static func termsLog() -> Log {
        var log = Log()
        log.append(
            partnership("m-o", ["m", "o"], terms: ["revenue-share": .string("0.20"), "exclusivity": .bool(true)], date: "2019-07-22"),
            renegotiation("amend-1", partnership: "m-o", date: "2023-01-23", [
                TermChange(term: "revenue-share", action: .set(.string("0.75"))),
                TermChange(term: "rofr", action: .set(.object(["scope": .string("compute")]))),
            ]),
            renegotiation("amend-2", partnership: "m-o", date: "2025-10-28", [
                TermChange(term: "exclusivity", action: .remove),
                TermChange(term: "rofr", action: .remove),
            ]))
        return log
    }

    @Test func termsStartFromTheRegistration() throws {
        let terms = Self.termsLog().state(asOf: "2020-01-01").terms(of: "m-o")
        #expect(terms.map(\.term) == ["exclusivity", "revenue-share"])
        #expect(terms.map(\.value) == [.bool(true), .string("0.20")])
        #expect(terms.allSatisfy { $0.since == day("2019-07-22") && $0.eventId == "partnership-m-o" })
    }

    @Test func renegotiationsSetAndRemoveTermsOverTime() throws {
        let log = Self.termsLog()
        let middle = log.state(asOf: "2023-01-23").terms(of: "m-o")
        #expect(middle.map(\.term) == ["exclusivity", "revenue-share", "rofr"])
        #expect(middle[1].value == .string("0.75"))
        #expect(middle[1].since == day("2023-01-23"))
        #expect(middle[1].eventId == "amend-1")
        #expect(middle[0].eventId == "partnership-m-o")
        let last = log.state(asOf: "2026-01-01").terms(of: "m-o")
        #expect(last.map(\.term) == ["revenue-share"])
        #expect(last[0].value == .string("0.75"))
    }

    @Test func termsOfAnUnknownPartnershipAreEmpty() {
        #expect(Self.termsLog().state(asOf: "2026-01-01").terms(of: "nope").isEmpty)
        #expect(Self.termsLog().state(asOf: "2019-07-21").terms(of: "m-o").isEmpty)
    }

    // MARK: - Governance

    @Test func governanceSetsAddsAndRemovesRoleHolders() throws {
        var log = Log()
        log.append(
            governance("g1", company: "o", date: "2020-01-01", [
                RoleChange(role: "ceo", action: .set(["Sam"])),
                RoleChange(role: "board", action: .set(["Ilya", "Greg", "Helen"])),
            ]),
            governance("g2", company: "o", date: "2023-11-17", [
                RoleChange(role: "ceo", action: .set(["Mira"])),
                RoleChange(role: "board", action: .remove("Greg")),
                RoleChange(role: "observer", action: .add("microsoft")),
            ]),
            governance("g3", company: "o", date: "2023-11-22", [
                RoleChange(role: "ceo", action: .set(["Sam"])),
                RoleChange(role: "board", action: .add("Bret")),
                RoleChange(role: "board", action: .add("Bret")),
                RoleChange(role: "observer", action: .remove("microsoft")),
            ]))
        let first = try #require(log.state(asOf: "2021-01-01").companies["o"]?.roles)
        #expect(first["ceo"]?.holders == ["Sam"])
        #expect(first["board"]?.holders == ["Ilya", "Greg", "Helen"])
        let second = try #require(log.state(asOf: "2023-11-17").companies["o"]?.roles)
        #expect(second["ceo"]?.holders == ["Mira"])
        #expect(second["ceo"]?.since == day("2023-11-17"))
        #expect(second["board"]?.holders == ["Ilya", "Helen"])
        #expect(second["observer"]?.holders == ["microsoft"])
        let third = try #require(log.state(asOf: "2024-01-01").companies["o"]?.roles)
        #expect(third["ceo"]?.holders == ["Sam"])
        #expect(third["ceo"]?.eventId == "g3")
        #expect(third["board"]?.holders == ["Ilya", "Helen", "Bret"])
        #expect(third["observer"] == nil)
    }

    @Test func settingARoleToNobodyVacatesIt() throws {
        var log = Log()
        log.append(
            governance("g1", company: "o", date: "2020-01-01", [RoleChange(role: "chair", action: .set(["Greg"]))]),
            governance("g2", company: "o", date: "2020-02-01", [RoleChange(role: "chair", action: .set([]))]))
        #expect(log.state(asOf: "2020-01-31").companies["o"]?.roles["chair"]?.holders == ["Greg"])
        #expect(log.state(asOf: "2020-02-01").companies["o"]?.roles["chair"] == nil)
    }

    // MARK: - Revenue

    @Test func sameDateAndBasisRevenueResolvesByStatusAndKeepsAlternatives() throws {
        var log = Log()
        log.append(
            revenue("rep", company: "o", date: "2024-12-31", usd("3700000000"), status: .reported),
            revenue("conf", company: "o", date: "2024-12-31", usd("3600000000"), status: .confirmed),
            revenue("est", company: "o", date: "2024-12-31", usd("4000000000"), status: .estimate),
            revenue("other-basis", company: "o", date: "2024-12-31", usd("5500000000"), basis: .fiscalYear, status: .estimate))
        let figures = log.history(asOf: "2025-01-01").revenue(of: "o")
        #expect(figures.map(\.key) == [RevenueKey(date: day("2024-12-31"), basis: .annualizedRunRate),
                                       RevenueKey(date: day("2024-12-31"), basis: .fiscalYear)])
        #expect(figures[0].figure.chosen.eventId == "conf")
        #expect(figures[0].figure.chosen.money == usd("3600000000"))
        #expect(figures[0].figure.alternatives.map(\.eventId) == ["rep", "est"])
        #expect(figures[1].figure.chosen.eventId == "other-basis")
        #expect(figures[1].figure.alternatives.isEmpty)
    }

    /// CONTRACT §4: the recording order never decides; an unsettled tie is disputed, the last event id shown.
    @Test(arguments: [false, true])
    func sameStatusRevenueIsDisputedWhateverTheRecordingOrder(reversed: Bool) throws {
        var log = Log()
        let first = revenue("first", company: "o", date: "2024-06-30", usd("1"), status: .reported)
        let second = revenue("second", company: "o", date: "2024-06-30", usd("2"), status: .reported)
        for event in reversed ? [second, first] : [first, second] { log.append(event) }
        let figure = try #require(log.history(asOf: "2024-06-30").revenue(of: "o").first?.figure)
        #expect(figure.chosen.eventId == "second")
        #expect(figure.alternatives.map(\.eventId) == ["first"])
        #expect(figure.disputed)
    }

    @Test func latestRevenueIsTheLatestDatePerBasis() throws {
        var log = Log()
        log.append(
            revenue("arr-1", company: "o", date: "2024-01-01", usd("1")),
            revenue("arr-2", company: "o", date: "2024-06-01", usd("2")),
            revenue("fy", company: "o", date: "2023-12-31", usd("9"), basis: .fiscalYear))
        let latest = log.state(asOf: "2025-01-01").latestRevenue(of: "o")
        #expect(latest[.annualizedRunRate]?.chosen.eventId == "arr-2")
        #expect(latest[.fiscalYear]?.chosen.eventId == "fy")
        #expect(latest[.period] == nil)
        #expect(log.state(asOf: "2024-05-31").latestRevenue(of: "o")[.annualizedRunRate]?.chosen.eventId == "arr-1")
    }

    // MARK: - Invested capital

    @Test func investedCapitalAccumulatesPerInvestorAndCurrency() throws {
        var log = Log()
        log.append(
            partnership("m-o", ["m", "o"], date: "2019-01-01"),
            round("r1", company: "o", date: "2019-07-22", investments: [("m", usd("1000000000"))], partnership: "m-o"),
            round("r2", company: "o", date: "2021-01-01", instrument: .cloudCredits, investments: [("m", usd("2000000000")), ("t", usd("5"))]),
            round("r3", company: "o", date: "2023-01-23", instrument: .profitParticipation,
                  investments: [("m", usd("10000000000"))], postMoney: usd("29000000000"), partnership: "m-o"),
            round("r4", company: "o", date: "2024-01-01", investments: [("m", eur("7"))]),
            round("r5", company: "x", date: "2024-01-01", investments: [("m", usd("100"))]))
        let state = log.state(asOf: "2025-01-01")
        #expect(state.invested(by: "m", in: "o").amounts == [eur("7"), usd("13000000000")])
        #expect(state.invested(by: "t", in: "o").amounts == [usd("5")])
        #expect(state.invested(by: "m", in: "x").amounts == [usd("100")])
        #expect(state.invested(by: "nobody", in: "o").amounts.isEmpty)
        #expect(state.partnerships["m-o"]?.invested["m"]?.amounts == [usd("11000000000")])
        #expect(state.partnerships["m-o"]?.invested["t"] == nil)
        #expect(log.state(asOf: "2022-12-31").invested(by: "m", in: "o").amounts == [usd("3000000000")])
    }

    // MARK: - Corrections and retractions

    @Test func aCorrectionThatChangesTheDateMovesTheFactInTime() throws {
        var log = Self.dilutionLog()
        log.append(correction("redate", of: "seed", date: "2024-01-01",
            replacement: round("x", company: "acme", date: "2020-06-01", investments: [("a", usd("10000000"))], postMoney: usd("40000000"))))
        // Nothing at the old date any more.
        #expect(stakes(log.state(asOf: "2019-06-01").capTable(of: "acme", asOf: day("2019-06-01"))) == ["founders": dec("1")])
        // B's round now comes first; the moved round dilutes it afterwards.
        #expect(stakes(log.state(asOf: "2020-01-01").capTable(of: "acme", asOf: day("2020-01-01")))
                == ["founders": dec("0.75"), "b": dec("0.25")])
        let moved = log.state(asOf: "2020-06-01")
        #expect(stakes(moved.capTable(of: "acme", asOf: day("2020-06-01")))
                == ["founders": dec("0.5625"), "b": dec("0.1875"), "a": dec("0.25")])
        #expect(moved.valuation(of: "acme")?.chosen.money == usd("40000000"))
        #expect(moved.valuation(of: "acme")?.chosen.date == day("2020-06-01"))
        #expect(log.history(asOf: "2020-06-01").rounds(of: "acme").map(\.eventId) == ["series-a", "seed"])
    }

    @Test func amendmentsResolveWithoutReplay() throws {
        let replacement = valuation("v", company: "acme", date: "2022-01-01", usd("20"))
        let amendments = Amendments([
            correction("fix", of: "v", date: "2022-02-01", replacement: replacement),
            retraction("gone", of: "w", date: "2022-02-02"),
        ], targetSeqs: ["v": 7])
        #expect(amendments.amendment(for: "v") == .replaced(replacement, by: "fix"))
        #expect(amendments.amendment(for: "w") == .retracted(by: "gone"))
        #expect(amendments.amendment(for: "z") == nil)
        #expect(amendments.replacements == [LoggedEvent(seq: 7, event: replacement, correctedBy: "fix")])
        #expect(!amendments.isEmpty)
        #expect(Amendments().isEmpty)
    }

    // MARK: - The fold itself

    @Test func applyIgnoresCorrectionsAndRetractionsPassedDirectly() throws {
        var state = LedgerState()
        state.apply(LoggedEvent(seq: 1, event: valuation("v", company: "acme", date: "2020-01-01", usd("1"))))
        let snapshot = state
        state.apply(LoggedEvent(seq: 2, event: retraction("r", of: "v", date: "2020-01-02")))
        #expect(state.appliedCount == 1)
        #expect(state.companies == snapshot.companies)
    }

    @Test func partiesAreRegisteredWithTheirNames() throws {
        var state = LedgerState()
        state.apply(LoggedEvent(seq: 1, event: party("openai", kind: .nonprofit)))
        #expect(state.parties["openai"] == PartyInfo(name: "Openai", kind: .nonprofit, eventId: "party-openai"))
        #expect(state.name(of: "openai") == "Openai")
        #expect(state.name(of: "unknown-id") == "unknown-id")
        #expect(state.name(of: LedgerState.otherHolders) == "Other holders")
    }
}
