import Foundation
import Testing
import TestSupport
@testable import LedgerCore

/// CONTRACT §4: commitments, funding, purchase commitments, warrants and negotiations, with known answers.
@Suite struct MoneyPromisedTests {
    static func event(_ id: String, _ date: String, _ body: EventBody, status: EventStatus = .confirmed) -> Event {
        Event(id: id, date: day(date), status: status, body: body)
    }

    static func pledge(_ id: String, _ date: String, _ amount: String, conditional: String? = nil, company: String = "anthropic",
                       investor: String = "amazon") -> Event {
        event(id, date, .commitment(Commitment(company: company, investor: investor, amount: usd(amount), upTo: conditional != nil,
                                               conditional: conditional.map(usd))))
    }

    static func pay(_ id: String, _ date: String, _ amount: String, company: String = "anthropic", investor: String = "amazon") -> Event {
        event(id, date, .funding(Funding(company: company, investor: investor, paid: .amount(usd(amount)))))
    }

    static func paidToDate(_ id: String, _ date: String, _ amount: String, company: String = "anthropic", investor: String = "amazon") -> Event {
        event(id, date, .funding(Funding(company: company, investor: investor, paid: .toDate(usd(amount)))))
    }

    /// committed, conditional, funded, outstanding of amazon in anthropic.
    static func figures(_ state: LedgerState, investor: String = "amazon", company: String = "anthropic") throws -> [ExactDecimal] {
        let amounts = try #require(state.fundingPosition(of: investor, in: company).byCurrency["USD"])
        return [amounts.committed, amounts.conditional, amounts.funded, amounts.outstanding]
    }

    // MARK: - Validation

    @Test(arguments: [
        (#"{"type": "funding", "date": "2025-01-01", "company": "a", "investor": "b", "amount": {"amount": "1", "currency": "USD"}, "fundedToDate": {"amount": "2", "currency": "USD"}}"#, "fundedToDate", "both"),
        (#"{"type": "funding", "date": "2025-01-01", "company": "a", "investor": "b"}"#, "amount", "fundedToDate"),
        (#"{"type": "commitment", "date": "2025-01-01", "company": "a", "investor": "b", "amount": {"amount": "4", "currency": "USD"}, "conditional": {"amount": "5", "currency": "USD"}}"#, "conditional", "more than"),
        (#"{"type": "commitment", "date": "2025-01-01", "company": "a", "investor": "b", "amount": {"amount": "4", "currency": "USD"}, "upTo": "yes"}"#, "upTo", "true or false"),
        (#"{"type": "funding-round", "date": "2025-01-01", "company": "a", "round": "r", "instrument": "equity", "investments": [{"investor": "b", "amount": {"amount": "4", "currency": "USD"}, "conditional": {"amount": "5", "currency": "USD"}}]}"#, "investments[0].conditional", "more than"),
        (#"{"type": "funding-round", "date": "2025-01-01", "company": "a", "round": "r", "instrument": "equity", "investments": [{"investor": "b", "amount": {"amount": "4", "currency": "USD"}, "funded": {"amount": "5", "currency": "USD"}}]}"#, "investments[0].funded", "more than"),
        (#"{"type": "warrant", "date": "2025-01-01", "company": "a", "holder": "b", "exercises": "w1"}"#, "stake", "exercise"),
        (#"{"type": "warrant", "date": "2025-01-01", "company": "a", "holder": "b", "stake": "0.1"}"#, "conditions", "grant"),
        (#"{"type": "negotiation", "date": "2025-01-01", "company": "a", "partnership": "p", "stage": "talks"}"#, "company", "both"),
        (#"{"type": "negotiation", "date": "2025-01-01", "partnership": "p", "stage": "talks"}"#, "proposals", "required"),
        (#"{"type": "negotiation", "date": "2025-01-01", "partnership": "p", "stage": "talks", "proposals": [{"term": "x", "merge": 3}]}"#, "proposals[0].merge", "object"),
        (#"{"type": "purchase-commitment", "date": "2025-01-01", "buyer": "a", "seller": "b", "amount": {"amount": "4", "currency": "USD"}, "scope": "cloud", "years": 5, "period": {"from": "2025-01-01", "to": "2026-01-01"}}"#, "years", "both"),
        (#"{"type": "purchase-commitment", "date": "2025-01-01", "buyer": "a", "seller": "a", "amount": {"amount": "4", "currency": "USD"}, "scope": "cloud"}"#, "seller", "buyer"),
    ])
    func badEventsAreRefusedNamingTheField(_ text: String, _ field: String, _ words: String) throws {
        let error = try #require(throws: LedgerError.self) { try decodeEvent(text) }
        #expect(error.field == field)
        #expect(error.message.contains(words))
    }

    @Test func validEventsRoundTripThroughCanonicalBytes() throws {
        for text in [
            #"{"type": "commitment", "date": "2023-09-25", "company": "anthropic", "investor": "amazon", "amount": {"amount": "4000000000", "currency": "USD"}, "upTo": true, "conditional": {"amount": "2750000000", "currency": "USD"}, "conditions": "option", "expires": "2024-03-31"}"#,
            #"{"type": "funding", "date": "2025-09-30", "company": "openai", "investor": "microsoft", "fundedToDate": {"amount": "11600000000", "currency": "USD"}, "commitment": "c1"}"#,
            #"{"type": "purchase-commitment", "date": "2025-11-03", "buyer": "openai", "seller": "amazon", "amount": {"amount": "38000000000", "currency": "USD"}, "years": 7, "capacity": "1 GW", "scope": "AWS"}"#,
            #"{"type": "warrant", "date": "2025-10-05", "company": "amd", "holder": "openai", "shares": "160000000", "stake": "0.1", "exercisePrice": {"amount": "0.01", "currency": "USD"}, "conditions": "tranches", "expires": "2030-01-01"}"#,
            #"{"type": "negotiation", "date": "2025-05-06", "partnership": "microsoft-openai", "party": "openai", "stage": "proposal", "thread": "t", "settledBy": "r1", "proposals": [{"term": "revenue-share", "merge": {"projected-rate-2030": "0.10"}}, {"term": "x", "remove": true}]}"#,
            #"{"type": "funding-round", "date": "2026-03-31", "company": "openai", "round": "r", "instrument": "equity", "investments": [{"investor": "amazon", "amount": {"amount": "50", "currency": "USD"}, "funded": {"amount": "15", "currency": "USD"}, "conditional": {"amount": "35", "currency": "USD"}, "conditions": "IPO", "upTo": true}]}"#,
        ] {
            let event = try decodeEvent(text)
            let again = try #require(CanonicalDecoder.event(from: Array(event.canonicalText.utf8)))
            #expect(again == event)
            #expect(try decodeEvent(event.canonicalText) == event)
        }
    }

    @Test func referencesToUnknownOrWrongEventsAreRefused() throws {
        let stored: [String: EventType] = ["c1": .commitment, "w1": .warrant, "r1": .fundingRound]
        let checker = { ReferenceChecker(parties: ["anthropic", "amazon"], partnerships: []) { stored[$0] } }
        let fundingUnknown = Self.event("f1", "2025-01-01", .funding(Funding(company: "anthropic", investor: "amazon", paid: .amount(usd("1")), commitment: "nope")))
        var c = checker()
        // The pledge may still come later in the batch: an unknown one is refused when the batch is finished.
        try c.admit(fundingUnknown)
        let e1 = try #require(throws: LedgerError.self) { try c.finish() }
        #expect(e1.field == "commitment")
        #expect(e1.eventId == "f1")
        #expect(e1.message.contains("no commitment event with id \"nope\""))
        let fundingWrongType = Self.event("f2", "2025-01-01", .funding(Funding(company: "anthropic", investor: "amazon", paid: .amount(usd("1")), commitment: "w1")))
        c = checker()
        let e2 = try #require(throws: LedgerError.self) { try c.admit(fundingWrongType) }
        #expect(e2.message.contains("is a warrant, not a commitment"))
        let exercise = Self.event("x1", "2025-01-01", .warrant(Warrant(company: "anthropic", holder: "amazon", stake: dec("0.01"), exercises: "missing")))
        c = checker()
        let e3 = try #require(throws: LedgerError.self) { try c.admit(exercise) }
        #expect(e3.field == "exercises")
        let fine = Self.event("f3", "2025-01-01", .funding(Funding(company: "anthropic", investor: "amazon", paid: .amount(usd("1")), commitment: "c1")))
        c = checker()
        try c.admit(fine)
    }

    // MARK: - Projection

    /// Amazon–Anthropic, simplified: up to 4B with 2.75B conditional, two payments, a second 4B, a filing's paid-to-date.
    static func amazonLog() -> Log {
        var log = Log()
        log.append(
            pledge("c1", "2023-09-25", "4000000000", conditional: "2750000000"),
            pay("p1", "2023-09-25", "1250000000"),
            pay("p2", "2024-03-27", "2750000000"),
            pledge("c2", "2024-11-22", "4000000000"),
            paidToDate("f1", "2025-09-30", "6600000000"),
            pay("p3", "2025-12-31", "1400000000"))
        return log
    }

    @Test(arguments: [
        ("2023-09-25", ["1250000000", "2750000000", "1250000000", "0"]),
        ("2024-03-27", ["4000000000", "0", "4000000000", "0"]),
        ("2024-11-22", ["8000000000", "0", "4000000000", "4000000000"]),
        ("2025-09-30", ["8000000000", "0", "6600000000", "1400000000"]),
        ("2025-12-31", ["8000000000", "0", "8000000000", "0"]),
    ])
    func committedConditionalFundedOutstanding(_ date: String, _ expected: [String]) throws {
        #expect(try Self.figures(Self.amazonLog().state(asOf: date)) == expected.map(dec))
    }

    @Test func conditionalIsNotCommittedUntilPaidBeyondTheFirmPart() throws {
        var log = Log()
        log.append(Self.pledge("c", "2026-04-20", "25", conditional: "20"), Self.pay("p", "2026-04-20", "5"))
        #expect(try Self.figures(log.state(asOf: "2026-04-20")) == [dec("5"), dec("20"), dec("5"), dec("0")])
        log.append(Self.pay("q", "2026-05-01", "7"))
        // 7 paid beyond the firm 5: the condition was met for 7 of the 20.
        #expect(try Self.figures(log.state(asOf: "2026-05-01")) == [dec("12"), dec("13"), dec("12"), dec("0")])
    }

    @Test func fundedToDateSetsTheTotalAfterIncrementsAndOutstandingNeverGoesNegative() throws {
        var log = Log()
        log.append(Self.pledge("c", "2020-01-01", "10"), Self.pay("a", "2020-02-01", "3"), Self.pay("b", "2020-03-01", "4"),
                   Self.paidToDate("t", "2020-04-01", "5"), Self.pay("d", "2020-05-01", "1"), Self.paidToDate("u", "2020-06-01", "12"))
        #expect(try Self.figures(log.state(asOf: "2020-03-01")) == [dec("10"), dec("0"), dec("7"), dec("3")])
        #expect(try Self.figures(log.state(asOf: "2020-04-01")) == [dec("10"), dec("0"), dec("5"), dec("5")])
        #expect(try Self.figures(log.state(asOf: "2020-05-01")) == [dec("10"), dec("0"), dec("6"), dec("4")])
        #expect(try Self.figures(log.state(asOf: "2020-06-01")) == [dec("10"), dec("0"), dec("12"), dec("0")])
    }

    @Test func roundEntriesWithoutTheNewFieldsAreCommittedAndPaidInFull() throws {
        var log = Log()
        log.append(round("r", company: "anthropic", date: "2024-01-01", investments: [("amazon", usd("8"))], postMoney: usd("80")))
        let state = log.state(asOf: "2024-01-01")
        #expect(try Self.figures(state) == [dec("8"), dec("0"), dec("8"), dec("0")])
        #expect(state.invested(by: "amazon", in: "anthropic").amounts == [usd("8")])
        #expect(stakes(state.capTable(of: "anthropic", asOf: day("2024-01-01")))["amazon"] == dec("0.1"))
    }

    @Test func roundEntriesWithFundedAndConditionalSplitTheFigures() throws {
        var log = Log()
        let investment = Investment(investor: "amazon", amount: usd("50"), funded: usd("15"), upTo: true, conditional: usd("35"), conditions: "IPO")
        log.append(Self.event("r", "2026-03-31", .fundingRound(FundingRound(company: "openai", round: "r", instrument: .equity,
                                                                              investments: [investment], postMoney: usd("500")))))
        let state = log.state(asOf: "2026-03-31")
        #expect(try Self.figures(state, company: "openai") == [dec("15"), dec("35"), dec("15"), dec("0")])
        // Dilution is unchanged: the round is priced on the capital it commits.
        #expect(stakes(state.capTable(of: "openai", asOf: day("2026-03-31")))["amazon"] == dec("0.1"))
    }

    @Test func purchaseCommitmentsTotalPerBuyerAndSeller() throws {
        var log = Log()
        func purchase(_ id: String, _ date: String, _ buyer: String, _ seller: String, _ amount: String) -> Event {
            Self.event(id, date, .purchaseCommitment(PurchaseCommitment(buyer: buyer, seller: seller, amount: usd(amount), scope: "compute")))
        }
        log.append(purchase("a", "2025-03-10", "openai", "coreweave", "11.9"), purchase("b", "2025-05-20", "openai", "coreweave", "4"),
                   purchase("c", "2025-10-28", "openai", "microsoft", "250"), purchase("d", "2025-11-18", "anthropic", "microsoft", "30"))
        let state = log.state(asOf: "2025-10-28")
        #expect(state.purchaseCommitments(buyer: "openai").map(\.eventId) == ["a", "b", "c"])
        #expect(state.purchaseCommitments(seller: "coreweave").reduce(ExactDecimal.zero) { $0 + $1.amount.amount } == dec("15.9"))
        #expect(state.purchaseCommitments(seller: "microsoft").map(\.eventId) == ["c"])
        let flows = log.state(asOf: "2025-12-31").flows(party: "microsoft")
        #expect(flows.map { "\($0.investor)>\($0.company)=\($0.purchases)" } == ["microsoft>anthropic=30", "microsoft>openai=250"])
    }

    @Test func warrantsDiluteOnlyTheFullyDilutedViewUntilExercised() throws {
        var log = Log()
        log.append(recap("cap", company: "openai", date: "2025-01-01", [("foundation", "0.26"), ("microsoft", "0.27"), ("employees", "0.47")]),
                   Self.event("w", "2025-10-28", .warrant(Warrant(company: "openai", holder: "foundation", stake: dec("0.1"), conditions: "tenfold"))))
        let before = log.state(asOf: "2025-10-28")
        #expect(stakes(before.capTable(of: "openai", asOf: day("2025-10-28"))) == ["foundation": dec("0.26"), "microsoft": dec("0.27"), "employees": dec("0.47")])
        let diluted = stakes(before.capTable(of: "openai", asOf: day("2025-10-28"), fullyDiluted: true))
        #expect(diluted == ["foundation": dec("0.334"), "microsoft": dec("0.243"), "employees": dec("0.423")])
        log.append(Self.event("x", "2026-01-01", .warrant(Warrant(company: "openai", holder: "foundation", stake: dec("0.04"), exercises: "w"))))
        let after = log.state(asOf: "2026-01-01")
        #expect(stakes(after.capTable(of: "openai", asOf: day("2026-01-01"))) == ["foundation": dec("0.2896"), "microsoft": dec("0.2592"), "employees": dec("0.4512")])
        #expect(after.companies["openai"]?.warrants.first?.unexercisedStake == dec("0.06"))
    }

    @Test func negotiationsNeverChangeTermsValuationsOrStakesAndCloseWhenSettledOrAbandoned() throws {
        var base = Log()
        base.append(partnership("ms-openai", ["microsoft", "openai"], terms: ["revenue-share": .object(["rate": .string("0.20")])], date: "2019-07-22"),
                    recap("cap", company: "openai", date: "2019-07-22", [("microsoft", "0.49")]),
                    valuation("v", company: "openai", date: "2023-01-01", usd("29")))
        var talks = base
        talks.append(
            Self.event("n1", "2025-05-06", .negotiation(Negotiation(subject: .terms(partnership: "ms-openai", proposals: [
                TermChange(term: "revenue-share", action: .merge(["projected-rate-2030": .string("0.10")]))]),
                stage: .proposal, thread: "share", settledBy: "reneg")), status: .reported),
            Self.event("n2", "2025-06-01", .negotiation(Negotiation(subject: .round(company: "openai", amount: usd("40"), valuation: usd("300")),
                                                                    stage: .talks, thread: "round")), status: .reported),
            Self.event("n3", "2025-07-01", .negotiation(Negotiation(subject: .round(company: "openai", amount: nil, valuation: nil),
                                                                    stage: .abandoned, thread: "round")), status: .reported))
        for date in ["2025-05-06", "2025-06-15", "2025-12-31"] {
            let plain = base.state(asOf: date), withTalks = talks.state(asOf: date)
            #expect(withTalks.terms(of: "ms-openai") == plain.terms(of: "ms-openai"))
            #expect(withTalks.valuation(of: "openai") == plain.valuation(of: "openai"))
            #expect(withTalks.capTable(of: "openai", asOf: day(date)) == plain.capTable(of: "openai", asOf: day(date)))
        }
        #expect(talks.state(asOf: "2025-06-15").negotiations().map(\.thread.thread) == ["share", "round"])
        #expect(talks.state(asOf: "2025-07-01").negotiations().map(\.thread.thread) == ["share"])
        talks.append(renegotiation("reneg", partnership: "ms-openai", date: "2025-10-28",
                                   [TermChange(term: "revenue-share", action: .set(.object(["rate": .string("0.20")])))]))
        #expect(talks.state(asOf: "2025-10-27").negotiations().map(\.thread.thread) == ["share"])
        let settled = talks.state(asOf: "2025-10-28")
        #expect(settled.negotiations().isEmpty)
        let closed = settled.negotiations(includeClosed: true).first { $0.thread.thread == "share" }?.thread
        #expect(closed?.closedOn == day("2025-10-28"))
        #expect(closed?.closedBy == "reneg")
    }

    @Test func oneEventSettlesEveryThreadThatNamesIt() throws {
        // A round settles both the talks before it and a letter of intent for part of it (OpenAI's 2026 round closed
        // the 2025-12 talks and Nvidia's 2025-09 letter of intent).
        var log = Log()
        log.append(
            Self.event("talks", "2025-12-18", .negotiation(Negotiation(subject: .round(company: "openai", amount: usd("100"), valuation: usd("750")),
                                                                      stage: .talks, thread: "round", settledBy: "priced")), status: .reported),
            Self.event("loi", "2025-09-22", .negotiation(Negotiation(subject: .round(company: "openai", amount: usd("100"), valuation: nil),
                                                                    stage: .agreedInPrinciple, party: "nvidia", thread: "letter", settledBy: "priced"))),
            valuation("priced", company: "openai", date: "2026-03-31", usd("852")))
        #expect(log.state(asOf: "2026-03-30").negotiations().map(\.thread.thread) == ["letter", "round"])
        let settled = log.state(asOf: "2026-03-31")
        #expect(settled.negotiations().isEmpty, "still open: \(settled.negotiations().map(\.thread.thread))")
        let closedBy = settled.negotiations(includeClosed: true).map(\.thread.closedBy)
        #expect(closedBy == ["priced", "priced"])
    }
}
