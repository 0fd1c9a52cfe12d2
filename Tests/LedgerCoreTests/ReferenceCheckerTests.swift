import TestSupport
import Testing
@testable import LedgerCore

@Suite struct ReferenceCheckerTests {
    /// A checker over a ledger that already holds these parties, partnerships and events.
    func checker(parties: Set<String> = ["openai", "microsoft", "thrive"],
                 partnerships: Set<String> = ["microsoft-openai"],
                 stored: [String: EventType] = [:]) -> ReferenceChecker {
        ReferenceChecker(parties: parties, partnerships: partnerships) { stored[$0] }
    }

    func rejection(_ event: Event, by checker: ReferenceChecker) throws -> LedgerError {
        var checker = checker
        return try #require(throws: LedgerError.self) { try checker.admit(event) }
    }

    // MARK: - Unknown ids

    struct UnknownReference: Sendable, CustomTestStringConvertible {
        var name: String
        var event: Event
        var field: String
        var unknown: String
        var testDescription: String { name }
    }

    static let unknownReferences: [UnknownReference] = [
        UnknownReference(name: "round company", event: round("r", company: "ghost", date: "2020-01-01", investments: [("microsoft", usd("1"))]),
                         field: "company", unknown: "ghost"),
        UnknownReference(name: "round investor", event: round("r", company: "openai", date: "2020-01-01", investments: [("microsoft", usd("1")), ("ghost", usd("1"))]),
                         field: "investments[1].investor", unknown: "ghost"),
        UnknownReference(name: "round partnership", event: round("r", company: "openai", date: "2020-01-01", investments: [("microsoft", usd("1"))], partnership: "ghost-deal"),
                         field: "partnership", unknown: "ghost-deal"),
        UnknownReference(name: "valuation company", event: valuation("v", company: "ghost", date: "2020-01-01", usd("1")),
                         field: "company", unknown: "ghost"),
        UnknownReference(name: "revenue company", event: revenue("v", company: "ghost", date: "2020-01-01", usd("1")),
                         field: "company", unknown: "ghost"),
        UnknownReference(name: "governance company", event: governance("g", company: "ghost", date: "2020-01-01", [RoleChange(role: "ceo", action: .set(["A"]))]),
                         field: "company", unknown: "ghost"),
        UnknownReference(name: "renegotiation partnership", event: renegotiation("n", partnership: "ghost-deal", date: "2020-01-01", [TermChange(term: "t", action: .remove)]),
                         field: "partnership", unknown: "ghost-deal"),
        UnknownReference(name: "recapitalization company", event: recap("c", company: "ghost", date: "2020-01-01", [("openai", "0.5")]),
                         field: "company", unknown: "ghost"),
        UnknownReference(name: "recapitalization holder", event: recap("c", company: "openai", date: "2020-01-01", [("microsoft", "0.5"), ("ghost", "0.1")]),
                         field: "stakes[1].holder", unknown: "ghost"),
        UnknownReference(name: "partnership party", event: partnership("new-deal", ["openai", "ghost"], date: "2020-01-01"),
                         field: "parties[1]", unknown: "ghost"),
        UnknownReference(name: "a partnership is not a party", event: valuation("v", company: "microsoft-openai", date: "2020-01-01", usd("1")),
                         field: "company", unknown: "microsoft-openai"),
    ]

    @Test(arguments: unknownReferences)
    func rejectsAnUnknownReferenceNamingTheField(_ reference: UnknownReference) throws {
        let error = try rejection(reference.event, by: checker())
        #expect(error.field == reference.field)
        #expect(error.message.contains("\"\(reference.unknown)\" is not registered"))
    }

    @Test func aCorrectionsReplacementIsCheckedToo() throws {
        let fix = correction("fix", of: "v-1", date: "2021-01-01",
                             replacement: valuation("x", company: "ghost", date: "2020-01-01", usd("1")))
        let error = try rejection(fix, by: checker(stored: ["v-1": .valuation]))
        #expect(error.field == "replacement.company")
        #expect(error.message.contains(#"party "ghost" is not registered"#))
    }

    // MARK: - Registrations

    @Test func aRegistrationEarlierInTheBatchIsAccepted() throws {
        var checker = checker(parties: [], partnerships: [])
        try checker.admit(party("anthropic"))
        try checker.admit(party("amazon"))
        try checker.admit(partnership("amazon-anthropic", ["amazon", "anthropic"], date: "2023-09-25"))
        try checker.admit(round("r-1", company: "anthropic", date: "2023-09-25", investments: [("amazon", usd("4000000000"))], partnership: "amazon-anthropic"))
        try checker.admit(renegotiation("n-1", partnership: "amazon-anthropic", date: "2024-03-27", [TermChange(term: "cloud", action: .set(.string("aws")))]))
        #expect(checker.parties == ["anthropic", "amazon"])
        #expect(checker.partnerships == ["amazon-anthropic"])
    }

    @Test func aRegistrationLaterInTheBatchDoesNotCount() throws {
        var checker = checker(parties: [], partnerships: [])
        try checker.admit(party("anthropic"))
        let error = try #require(throws: LedgerError.self) {
            try checker.admit(round("r-1", company: "anthropic", date: "2023-09-25", investments: [("amazon", usd("4"))]))
        }
        #expect(error.field == "investments[0].investor")
        try checker.admit(party("amazon"))
        try checker.admit(round("r-1", company: "anthropic", date: "2023-09-25", investments: [("amazon", usd("4"))]))
    }

    @Test func aRejectedEventRegistersNothing() throws {
        var checker = checker(parties: ["a"], partnerships: [])
        _ = try #require(throws: LedgerError.self) { try checker.admit(partnership("a-b", ["a", "b"], date: "2020-01-01")) }
        #expect(checker.partnerships.isEmpty)
        _ = try #require(throws: LedgerError.self) { try checker.admit(renegotiation("n", partnership: "a-b", date: "2020-01-02", [TermChange(term: "t", action: .remove)])) }
    }

    @Test func registeringAKnownPartyAgainIsRejected() throws {
        let error = try rejection(party("openai"), by: checker())
        #expect(error.field == "party")
        #expect(error.message.contains(#""openai" is already registered"#))
    }

    @Test func aPartyCannotTakeAPartnershipsID() throws {
        let error = try rejection(party("microsoft-openai"), by: checker())
        #expect(error.field == "party")
    }

    @Test func registeringAKnownPartnershipAgainIsRejected() throws {
        let error = try rejection(partnership("microsoft-openai", ["microsoft", "openai"], date: "2020-01-01", eventID: "again"), by: checker())
        #expect(error.field == "partnership")
        #expect(error.message.contains("already registered"))
    }

    // MARK: - Event ids

    @Test func anIDAlreadyStoredIsRejected() throws {
        let error = try rejection(valuation("v-1", company: "openai", date: "2020-01-01", usd("1")), by: checker(stored: ["v-1": .revenue]))
        #expect(error.field == "id")
        #expect(error.message.contains(#"id "v-1" is already used"#))
    }

    @Test func anIDUsedEarlierInTheBatchIsRejected() throws {
        var checker = checker()
        try checker.admit(valuation("v-1", company: "openai", date: "2020-01-01", usd("1")))
        let error = try #require(throws: LedgerError.self) {
            try checker.admit(valuation("v-1", company: "openai", date: "2020-01-02", usd("2")))
        }
        #expect(error.field == "id")
    }

    @Test func aFailingLookupBecomesAPlainError() throws {
        struct Broken: Error {}
        var checker = ReferenceChecker(parties: ["openai"], partnerships: []) { _ in throw Broken() }
        let error = try #require(throws: LedgerError.self) { try checker.admit(valuation("v", company: "openai", date: "2020-01-01", usd("1"))) }
        #expect(error.message.contains(#"could not look up event id "v""#))
    }

    // MARK: - Corrections and retractions

    @Test func correctingAnUnknownIDIsRejected() throws {
        let fix = correction("fix", of: "nope", date: "2021-01-01", replacement: valuation("x", company: "openai", date: "2020-01-01", usd("1")))
        let error = try rejection(fix, by: checker())
        #expect(error.field == "corrects")
        #expect(error.message.contains(#"no event with id "nope" exists"#))
    }

    @Test func aCorrectionMustKeepTheType() throws {
        let fix = correction("fix", of: "v-1", date: "2021-01-01", replacement: revenue("x", company: "openai", date: "2020-01-01", usd("1")))
        let error = try rejection(fix, by: checker(stored: ["v-1": .valuation]))
        #expect(error.field == "replacement.type")
        #expect(error.message.contains(#"is "revenue" but event "v-1" is "valuation""#))
    }

    @Test func aCorrectionOfAnEventEarlierInTheBatchIsAccepted() throws {
        var checker = checker()
        try checker.admit(valuation("v-1", company: "openai", date: "2020-01-01", usd("1")))
        try checker.admit(correction("fix", of: "v-1", date: "2021-01-01", replacement: valuation("x", company: "openai", date: "2020-01-01", usd("2"))))
        try checker.admit(retraction("undo", of: "fix", date: "2021-01-02"))
        // The checker now knows each admitted event's type from the batch, as it would from the store:
        let again = try #require(throws: LedgerError.self) {
            try checker.admit(correction("fix-2", of: "fix", date: "2021-01-03", replacement: valuation("x", company: "openai", date: "2020-01-01", usd("3"))))
        }
        #expect(again.field == "corrects")
        #expect(again.message.contains("correct or retract the original event instead"), "\(again)")
        let undoUndo = try #require(throws: LedgerError.self) { try checker.admit(retraction("undo-2", of: "undo", date: "2021-01-04")) }
        #expect(undoUndo.field == "retracts")
        #expect(undoUndo.message.contains("is itself a retraction"), "\(undoUndo)")
    }

    @Test func correctingACorrectionIsRejected() throws {
        let fix = correction("fix-2", of: "fix-1", date: "2021-01-01", replacement: valuation("x", company: "openai", date: "2020-01-01", usd("1")))
        let error = try rejection(fix, by: checker(stored: ["fix-1": .correction]))
        #expect(error.field == "corrects")
        #expect(error.message.contains("correct or retract the original event instead"))
    }

    @Test func retractingAPartyRegistrationIsRejected() throws {
        let error = try rejection(retraction("oops", of: "party-openai", date: "2021-01-01"), by: checker(stored: ["party-openai": .party]))
        #expect(error.field == "retracts")
        #expect(error.message.contains("registers an id other events rely on"))
    }

    @Test func retractingAPartnershipRegistrationIsRejected() throws {
        let error = try rejection(retraction("oops", of: "p-1", date: "2021-01-01"), by: checker(stored: ["p-1": .partnership]))
        #expect(error.field == "retracts")
    }

    @Test func retractingARetractionIsRejected() throws {
        let error = try rejection(retraction("oops", of: "r-1", date: "2021-01-01"), by: checker(stored: ["r-1": .retraction]))
        #expect(error.field == "retracts")
        #expect(error.message.contains("is itself a retraction"))
    }

    @Test func retractingAnUnknownIDIsRejected() throws {
        let error = try rejection(retraction("oops", of: "nope", date: "2021-01-01"), by: checker())
        #expect(error.field == "retracts")
        #expect(error.message.contains(#"no event with id "nope" exists"#))
    }

    @Test func aCorrectionCannotChangeWhichIDARegistrationInTheBatchRegisters() throws {
        var checker = checker(parties: ["openai"], partnerships: [])
        try checker.admit(party("microsoft"))
        let error = try #require(throws: LedgerError.self) {
            try checker.admit(correction("swap", of: "party-microsoft", date: "2021-01-01", replacement: party("openai")))
        }
        #expect(error.field == "replacement.party")
        #expect(error.message.contains(#"event "party-microsoft" registered "microsoft""#))
    }

    @Test func aCorrectionCannotChangeWhichIDAStoredRegistrationRegisters() throws {
        var checker = ReferenceChecker(parties: ["openai", "microsoft", "amazon"], partnerships: ["microsoft-openai", "amazon-openai"],
                                       eventType: { ["party-openai": .party, "p-mo": .partnership][$0] },
                                       registeredID: { ["party-openai": "openai", "p-mo": "microsoft-openai"][$0] })
        let partyError = try #require(throws: LedgerError.self) {
            try checker.admit(correction("swap", of: "party-openai", date: "2021-01-01", replacement: party("microsoft")))
        }
        #expect(partyError.field == "replacement.party")
        let partnershipError = try #require(throws: LedgerError.self) {
            try checker.admit(correction("swap-2", of: "p-mo", date: "2021-01-01",
                                         replacement: partnership("amazon-openai", ["amazon", "openai"], date: "2019-01-01")))
        }
        #expect(partnershipError.field == "replacement.partnership")
        try checker.admit(correction("ok", of: "p-mo", date: "2021-01-01",
                                     replacement: partnership("microsoft-openai", ["microsoft", "openai", "amazon"], date: "2019-01-01")))
    }

    @Test func correctingARegistrationMayChangeItsContent() throws {
        var checker = checker(stored: ["party-openai": .party])
        var renamed = party("openai", kind: .nonprofit)
        renamed.body = .party(PartyRegistration(party: "openai", name: "OpenAI Inc.", kind: .nonprofit))
        try checker.admit(correction("rename", of: "party-openai", date: "2021-01-01", replacement: renamed))
        // Admitted as a correction of a registration: the registered id is unchanged, nothing new is registered,
        // and the correction's own id is now taken in this batch.
        #expect(checker.parties == ["openai", "microsoft", "thrive"])
        #expect(checker.partnerships == ["microsoft-openai"])
        let reused = try #require(throws: LedgerError.self) {
            try checker.admit(valuation("rename", company: "openai", date: "2021-01-02", usd("1")))
        }
        #expect(reused.field == "id")
    }
}
