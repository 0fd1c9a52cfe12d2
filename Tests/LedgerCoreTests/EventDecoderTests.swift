import Foundation
import TestSupport
import Testing
@testable import LedgerCore

/// One valid event of each of the ten types, as a user would write it.
enum ValidEvent: String, CaseIterable, Sendable {
    case party, partnership, fundingRound, valuation, revenue, governance, renegotiation, recapitalization, correction, retraction

    var type: EventType {
        switch self {
        case .party: .party
        case .partnership: .partnership
        case .fundingRound: .fundingRound
        case .valuation: .valuation
        case .revenue: .revenue
        case .governance: .governance
        case .renegotiation: .renegotiation
        case .recapitalization: .recapitalization
        case .correction: .correction
        case .retraction: .retraction
        }
    }

    var json: String {
        switch self {
        case .party:
            #"{"type": "party", "date": "2015-12-11", "party": "openai", "name": "OpenAI", "kind": "nonprofit"}"#
        case .partnership:
            #"{"type": "partnership", "date": "2019-07-22", "id": "msft-oai-2019", "partnership": "microsoft-openai", "parties": ["microsoft", "openai"], "terms": {"revenue-share": {"rate": "0.20", "payer": "openai", "payee": "microsoft"}, "exclusivity": true, "cap": 1.50}, "sources": ["https://example.com/a"], "announced": "2019-07-22"}"#
        case .fundingRound:
            #"{"type": "funding-round", "date": "2023-01-23", "company": "openai", "round": "2023 Microsoft", "instrument": "equity", "investments": [{"investor": "microsoft", "amount": {"amount": "10000000000", "currency": "USD"}}, {"investor": "thrive", "amount": {"amount": "0.50", "currency": "USD"}}], "preMoney": {"amount": "18999999999.50", "currency": "USD"}, "postMoney": {"amount": "29000000000", "currency": "USD"}, "partnership": "microsoft-openai", "status": "reported"}"#
        case .valuation:
            #"{"type": "valuation", "date": "2024-10-02", "company": "openai", "value": {"amount": "157000000000", "currency": "USD"}, "basis": "post-money", "status": "estimate", "note": "per press"}"#
        case .revenue:
            #"{"type": "revenue", "date": "2024-12-31", "company": "openai", "amount": {"amount": "3700000000", "currency": "USD"}, "basis": "period", "period": {"from": "2024-01-01", "to": "2024-12-31"}}"#
        case .governance:
            #"{"type": "governance", "date": "2023-11-17", "company": "openai", "changes": [{"role": "ceo", "set": "Mira Murati"}, {"role": "board", "remove": "Sam Altman"}, {"role": "observer", "add": "microsoft"}, {"role": "chair", "set": null}, {"role": "board", "set": ["Bret Taylor", "Larry Summers"]}]}"#
        case .renegotiation:
            #"{"type": "renegotiation", "date": "2025-10-28", "partnership": "microsoft-openai", "changes": [{"term": "exclusivity", "remove": true}, {"term": "revenue-share", "set": {"rate": "0.20"}}]}"#
        case .recapitalization:
            #"{"type": "recapitalization", "date": "2025-10-28", "company": "openai", "stakes": [{"holder": "microsoft", "stake": "0.27"}, {"holder": "openai-foundation", "stake": "0.26"}], "basis": "fully-diluted"}"#
        case .correction:
            #"{"type": "correction", "date": "2025-01-01", "corrects": "val-2024", "replacement": {"type": "valuation", "date": "2024-10-03", "company": "openai", "value": {"amount": "157000000000", "currency": "USD"}, "basis": "post-money"}, "reason": "wrong date"}"#
        case .retraction:
            #"{"type": "retraction", "date": "2025-01-02", "id": "retract-1", "retracts": "val-2024", "reason": "duplicate"}"#
        }
    }
}

@Suite struct EventDecoderTests {
    // MARK: - Valid events

    @Test(arguments: ValidEvent.allCases)
    func decodesEveryType(_ sample: ValidEvent) throws {
        let event = try decodeEvent(sample.json)
        #expect(event.type == sample.type)
        #expect(Slug.isValid(event.id))
    }

    @Test(arguments: ValidEvent.allCases)
    func roundTripsThroughCanonicalText(_ sample: ValidEvent) throws {
        let event = try decodeEvent(sample.json)
        let again = try decodeEvent(event.canonicalText)
        #expect(again == event)
        #expect(again.canonicalText == event.canonicalText)
    }

    @Test func decodesAParty() throws {
        let event = try decodeEvent(ValidEvent.party.json)
        #expect(event.date == day("2015-12-11"))
        #expect(event.status == .confirmed)
        #expect(event.body == .party(PartyRegistration(party: "openai", name: "OpenAI", kind: .nonprofit)))
    }

    @Test func decodesAPartnershipWithItsTermsAndCommonFields() throws {
        let event = try decodeEvent(ValidEvent.partnership.json)
        #expect(event.id == "msft-oai-2019")
        #expect(event.announced == day("2019-07-22"))
        #expect(event.sources == ["https://example.com/a"])
        let registration = PartnershipRegistration(partnership: "microsoft-openai", parties: ["microsoft", "openai"], terms: [
            "revenue-share": .object(["rate": .string("0.20"), "payer": .string("openai"), "payee": .string("microsoft")]),
            "exclusivity": .bool(true),
            "cap": .number("1.50"),
        ])
        #expect(event.body == .partnership(registration))
    }

    @Test func decodesAFundingRoundWithExactAmounts() throws {
        let event = try decodeEvent(ValidEvent.fundingRound.json)
        guard case .fundingRound(let round) = event.body else { Issue.record("not a round"); return }
        #expect(event.status == .reported)
        #expect(round.company == "openai")
        #expect(round.round == "2023 Microsoft")
        #expect(round.instrument == .equity)
        #expect(round.investments == [Investment(investor: "microsoft", amount: usd("10000000000")),
                                      Investment(investor: "thrive", amount: usd("0.5"))])
        #expect(round.total == usd("10000000000.5"))
        #expect(round.preMoney == usd("18999999999.5"))
        #expect(round.postMoney == usd("29000000000"))
        #expect(round.partnership == "microsoft-openai")
    }

    @Test func decodesAValuation() throws {
        let event = try decodeEvent(ValidEvent.valuation.json)
        #expect(event.status == .estimate)
        #expect(event.note == "per press")
        #expect(event.body == .valuation(ValuationReport(company: "openai", value: usd("157000000000"), basis: .postMoney)))
    }

    @Test func decodesARevenueReportWithItsPeriod() throws {
        let event = try decodeEvent(ValidEvent.revenue.json)
        #expect(event.body == .revenue(RevenueReport(company: "openai", amount: usd("3700000000"), basis: .period,
                                                     period: DatePeriod(from: day("2024-01-01"), to: day("2024-12-31")))))
    }

    @Test func decodesEveryGovernanceVerb() throws {
        let event = try decodeEvent(ValidEvent.governance.json)
        #expect(event.body == .governance(GovernanceChange(company: "openai", changes: [
            RoleChange(role: "ceo", action: .set(["Mira Murati"])),
            RoleChange(role: "board", action: .remove("Sam Altman")),
            RoleChange(role: "observer", action: .add("microsoft")),
            RoleChange(role: "chair", action: .set([])),
            RoleChange(role: "board", action: .set(["Bret Taylor", "Larry Summers"])),
        ])))
    }

    @Test func decodesARenegotiation() throws {
        let event = try decodeEvent(ValidEvent.renegotiation.json)
        #expect(event.body == .renegotiation(Renegotiation(partnership: "microsoft-openai", changes: [
            TermChange(term: "exclusivity", action: .remove),
            TermChange(term: "revenue-share", action: .set(.object(["rate": .string("0.20")]))),
        ])))
    }

    @Test func decodesARecapitalizationWithExactStakes() throws {
        let event = try decodeEvent(ValidEvent.recapitalization.json)
        #expect(event.body == .recapitalization(Recapitalization(company: "openai", stakes: [
            Holding(holder: "microsoft", stake: dec("0.27")), Holding(holder: "openai-foundation", stake: dec("0.26")),
        ], basis: "fully-diluted")))
    }

    @Test func aCorrectionsReplacementTakesTheCorrectedEventsID() throws {
        let event = try decodeEvent(ValidEvent.correction.json)
        guard case .correction(let correction) = event.body else { Issue.record("not a correction"); return }
        #expect(correction.corrects == "val-2024")
        #expect(correction.reason == "wrong date")
        #expect(correction.replacement.id == "val-2024")
        #expect(correction.replacement.date == day("2024-10-03"))
        #expect(correction.replacement.body == .valuation(ValuationReport(company: "openai", value: usd("157000000000"), basis: .postMoney)))
    }

    @Test func decodesARetraction() throws {
        let event = try decodeEvent(ValidEvent.retraction.json)
        #expect(event.id == "retract-1")
        #expect(event.body == .retraction(Retraction(retracts: "val-2024", reason: "duplicate")))
    }

    @Test func canonicalTextWritesDefaultsAndPlainDecimals() throws {
        let event = try decodeEvent(#"{"type": "recapitalization", "id": "r", "date": "2020-02-29", "company": "x", "stakes": [{"holder": "y", "stake": "0.2500"}]}"#)
        #expect(event.canonicalText == #"{"company":"x","date":"2020-02-29","id":"r","stakes":[{"holder":"y","stake":"0.25"}],"status":"confirmed","type":"recapitalization"}"#)
    }

    @Test func nullOptionalFieldsAreTheSameAsAbsentOnes() throws {
        let event = try decodeEvent(#"{"type": "retraction", "id": "r", "date": "2020-01-01", "retracts": "x", "reason": "y", "status": null, "note": null, "announced": null, "sources": null}"#)
        #expect(event == Event(id: "r", date: day("2020-01-01"), body: .retraction(Retraction(retracts: "x", reason: "y"))))
    }

    @Test func decodeDocumentReadsJSONLines() throws {
        let text = ValidEvent.party.json + "\n\n" + ValidEvent.valuation.json + "\n"
        let events = try EventDecoder.decodeDocument(Array(text.utf8), file: "x.jsonl")
        #expect(events.map(\.type) == [.party, .valuation])
    }

    @Test func decodeDocumentLocatesAnErrorByFileIndexAndID() throws {
        let text = "[" + ValidEvent.party.json + #", {"type": "valuation", "id": "v-1", "date": "2024-02-30"}]"#
        let error = try #require(throws: LedgerError.self) { try EventDecoder.decodeDocument(Array(text.utf8), file: "Events/x.json") }
        #expect(error.file == "Events/x.json")
        #expect(error.index == 2)
        #expect(error.eventId == "v-1")
        #expect(error.field == "date")
        #expect(error.description == #"Events/x.json, event 2 (id v-1), field date: "2024-02-30" is not a real calendar date."#)
    }

    @Test func decodeDocumentRejectsADocumentWithNoEvents() throws {
        let error = try #require(throws: LedgerError.self) { try EventDecoder.decodeDocument(Array("[]".utf8), file: "empty.json") }
        #expect(error.message == "holds no events")
        #expect(error.file == "empty.json")
    }

    // MARK: - Generated ids

    @Test func generatedIDsAreStableForEqualContent() throws {
        let one = try decodeEvent(#"{"type": "valuation", "date": "2024-10-02", "company": "openai", "value": {"amount": "1", "currency": "USD"}, "basis": "secondary"}"#)
        let two = try decodeEvent(#"{"basis": "secondary", "value": {"currency": "USD", "amount": "1"}, "company": "openai", "date": "2024-10-02", "type": "valuation"}"#)
        #expect(one.id == two.id)
        #expect(one.id.hasPrefix("valuation-2024-10-02-"))
        #expect(one.id.count == "valuation-2024-10-02-".count + 10)
        #expect(Slug.isValid(one.id))
    }

    @Test(arguments: [
        #"{"type": "valuation", "date": "2024-10-02", "company": "openai", "value": {"amount": "2", "currency": "USD"}, "basis": "secondary"}"#,
        #"{"type": "valuation", "date": "2024-10-03", "company": "openai", "value": {"amount": "1", "currency": "USD"}, "basis": "secondary"}"#,
        #"{"type": "valuation", "date": "2024-10-02", "company": "anthropic", "value": {"amount": "1", "currency": "USD"}, "basis": "secondary"}"#,
        #"{"type": "valuation", "date": "2024-10-02", "company": "openai", "value": {"amount": "1", "currency": "USD"}, "basis": "reported"}"#,
        #"{"type": "valuation", "date": "2024-10-02", "company": "openai", "value": {"amount": "1", "currency": "USD"}, "basis": "secondary", "note": "n"}"#,
    ])
    func generatedIDsDifferForDifferentContent(_ other: String) throws {
        let base = try decodeEvent(#"{"type": "valuation", "date": "2024-10-02", "company": "openai", "value": {"amount": "1", "currency": "USD"}, "basis": "secondary"}"#)
        let changed = try decodeEvent(other)
        #expect(base.id != changed.id)
    }

    @Test func aGivenIDIsKept() throws {
        let event = try decodeEvent(#"{"type": "retraction", "id": "a.b_c-9", "date": "2020-01-01", "retracts": "x", "reason": "y"}"#)
        #expect(event.id == "a.b_c-9")
    }

    // MARK: - Invalid events

    @Test(arguments: BadInput.all)
    func rejects(_ bad: BadInput) throws {
        let error = try #require(throws: LedgerError.self) { try EventDecoder.decodeDocument(Array(bad.json.utf8)) }
        #expect(error.message.contains(bad.fragment), "message: \(error.message)")
        #expect(error.field == bad.field, "message: \(error)")
    }

    @Test func thereAreAtLeastThirtyDistinctBadInputs() {
        #expect(BadInput.all.count >= 30)
        #expect(Set(BadInput.all.map(\.json)).count == BadInput.all.count)
        #expect(Set(BadInput.all.map(\.name)).count == BadInput.all.count)
    }
}

/// An input the decoder must refuse, with what the error must say and where.
struct BadInput: Sendable, CustomTestStringConvertible {
    var name: String
    var json: String
    /// A fragment the error message must contain.
    var fragment: String
    /// The field the error must name (nil where no field applies).
    var field: String?

    var testDescription: String { name }

    init(_ name: String, _ json: String, _ fragment: String, field: String?) {
        self.name = name; self.json = json; self.fragment = fragment; self.field = field
    }

    static let valuationHead = #""type": "valuation", "date": "2024-01-01", "company": "openai", "basis": "secondary""#
    static let usdTen = #"{"amount": "10", "currency": "USD"}"#

    static func valuation(value: String, extra: String = "") -> String {
        #"{\#(valuationHead), "value": \#(value)\#(extra)}"#
    }

    static func round(investments: String = #"[{"investor": "microsoft", "amount": {"amount": "10", "currency": "USD"}}]"#,
                      extra: String = "", instrument: String = "equity") -> String {
        #"{"type": "funding-round", "date": "2023-01-23", "company": "openai", "round": "A", "instrument": "\#(instrument)", "investments": \#(investments)\#(extra)}"#
    }

    static func investment(_ amount: String, currency: String = "USD", investor: String = "microsoft") -> String {
        #"{"investor": "\#(investor)", "amount": {"amount": \#(amount), "currency": "\#(currency)"}}"#
    }

    static func recap(_ stakes: String) -> String {
        #"{"type": "recapitalization", "date": "2025-10-28", "company": "openai", "stakes": \#(stakes)}"#
    }

    static func governance(_ change: String) -> String {
        #"{"type": "governance", "date": "2023-11-17", "company": "openai", "changes": [\#(change)]}"#
    }

    static func renegotiation(_ change: String) -> String {
        #"{"type": "renegotiation", "date": "2025-10-28", "partnership": "m-o", "changes": [\#(change)]}"#
    }

    static func correction(replacement: String, reason: String = "typo") -> String {
        #"{"type": "correction", "date": "2025-01-01", "corrects": "v-1", "replacement": \#(replacement), "reason": "\#(reason)"}"#
    }

    static let all: [BadInput] = [
        // Malformed JSON and wrong shapes
        BadInput("malformed JSON", #"{"type": "party", "#, "invalid JSON at line 1", field: nil),
        BadInput("duplicate key", #"{"type": "party", "type": "party"}"#, #"duplicate key "type""#, field: nil),
        BadInput("event is not an object", "[1]", "must be an event object, not a number", field: nil),
        BadInput("event is a string", #""party""#, "must be an event object, not a string", field: nil),
        BadInput("investor listed twice", #"{"type": "funding-round", "date": "2023-01-23", "company": "openai", "round": "r", "instrument": "equity", "investments": [{"investor": "msft", "amount": {"amount": "1", "currency": "USD"}}, {"investor": "msft", "amount": {"amount": "2", "currency": "USD"}}]}"#, "is listed twice", field: "investments[1].investor"),

        // Common fields
        BadInput("missing type", #"{"date": "2024-01-01"}"#, "is required", field: "type"),
        BadInput("unknown type", #"{"type": "merger", "date": "2024-01-01"}"#, #""merger" is not one of"#, field: "type"),
        BadInput("type as number", #"{"type": 3, "date": "2024-01-01"}"#, "must be a string, not a number", field: "type"),
        BadInput("missing date", #"{"type": "retraction", "retracts": "x", "reason": "y"}"#, "is required", field: "date"),
        BadInput("null date", #"{"type": "retraction", "date": null, "retracts": "x", "reason": "y"}"#, "is required", field: "date"),
        BadInput("February 30", #"{"type": "retraction", "date": "2023-02-30", "retracts": "x", "reason": "y"}"#, "not a real calendar date", field: "date"),
        BadInput("month 13", #"{"type": "retraction", "date": "2023-13-01", "retracts": "x", "reason": "y"}"#, "not a real calendar date", field: "date"),
        BadInput("February 29 in a common year", #"{"type": "retraction", "date": "1900-02-29", "retracts": "x", "reason": "y"}"#, "not a real calendar date", field: "date"),
        BadInput("date before 1800", #"{"type": "retraction", "date": "1799-12-31", "retracts": "x", "reason": "y"}"#, "out of range", field: "date"),
        BadInput("date after 2199", #"{"type": "retraction", "date": "2200-01-01", "retracts": "x", "reason": "y"}"#, "out of range", field: "date"),
        BadInput("date without padding", #"{"type": "retraction", "date": "2023-1-5", "retracts": "x", "reason": "y"}"#, "not a date in the form YYYY-MM-DD", field: "date"),
        BadInput("date with time", #"{"type": "retraction", "date": "2023-01-05T00:00", "retracts": "x", "reason": "y"}"#, "not a date in the form YYYY-MM-DD", field: "date"),
        BadInput("bad announced date", #"{"type": "retraction", "date": "2023-01-05", "announced": "2023-04-31", "retracts": "x", "reason": "y"}"#, "not a real calendar date", field: "announced"),
        BadInput("unknown status", #"{"type": "retraction", "date": "2023-01-05", "status": "rumour", "retracts": "x", "reason": "y"}"#, #""rumour" is not one of"#, field: "status"),
        BadInput("sources not strings", #"{"type": "retraction", "date": "2023-01-05", "sources": ["https://a", 1], "retracts": "x", "reason": "y"}"#, "must be a non-empty string", field: "sources[1]"),
        BadInput("sources not an array", #"{"type": "retraction", "date": "2023-01-05", "sources": "https://a", "retracts": "x", "reason": "y"}"#, "must be an array, not a string", field: "sources"),
        BadInput("empty source", #"{"type": "retraction", "date": "2023-01-05", "sources": [""], "retracts": "x", "reason": "y"}"#, "must be a non-empty string", field: "sources[0]"),
        BadInput("note as number", #"{"type": "retraction", "date": "2023-01-05", "note": 5, "retracts": "x", "reason": "y"}"#, "must be a string, not a number", field: "note"),
        BadInput("SQL in an event id", #"{"type": "retraction", "id": "Robert'); DROP TABLE x;--", "date": "2023-01-05", "retracts": "x", "reason": "y"}"#, "is not a valid id", field: "id"),
        BadInput("event id too long", #"{"type": "retraction", "id": "\#(String(repeating: "a", count: 129))", "date": "2023-01-05", "retracts": "x", "reason": "y"}"#, "at most 128 characters", field: "id"),
        BadInput("unknown top-level field", #"{"type": "retraction", "date": "2023-01-05", "retracts": "x", "reason": "y", "foo": 1}"#, "unknown field", field: "foo"),
        BadInput("misspelled field", #"{"type": "retraction", "date": "2023-01-05", "retract": "x", "reason": "y"}"#, "is required", field: "retracts"),

        // party
        BadInput("party id with SQL", #"{"type": "party", "date": "2015-12-11", "party": "Robert'); DROP TABLE x;--", "name": "R", "kind": "person"}"#, "is not a valid id", field: "party"),
        BadInput("upper-case party id", #"{"type": "party", "date": "2015-12-11", "party": "OpenAI", "name": "OpenAI", "kind": "company"}"#, "is not a valid id", field: "party"),
        BadInput("party id starting with a dash", #"{"type": "party", "date": "2015-12-11", "party": "-x", "name": "X", "kind": "company"}"#, "is not a valid id", field: "party"),
        BadInput("unknown party kind", #"{"type": "party", "date": "2015-12-11", "party": "x", "name": "X", "kind": "alien"}"#, #""alien" is not one of"#, field: "kind"),
        BadInput("empty party name", #"{"type": "party", "date": "2015-12-11", "party": "x", "name": "  ", "kind": "fund"}"#, "must not be empty", field: "name"),

        // partnership
        BadInput("partnership with one party", #"{"type": "partnership", "date": "2019-07-22", "partnership": "p", "parties": ["microsoft"], "terms": {}}"#, "at least 2 parties", field: "parties"),
        BadInput("partnership party listed twice", #"{"type": "partnership", "date": "2019-07-22", "partnership": "p", "parties": ["a", "b", "a"], "terms": {}}"#, "listed twice", field: "parties[2]"),
        BadInput("partnership party not a string", #"{"type": "partnership", "date": "2019-07-22", "partnership": "p", "parties": ["a", 2], "terms": {}}"#, "must be a string, not a number", field: "parties[1]"),
        BadInput("partnership terms not an object", #"{"type": "partnership", "date": "2019-07-22", "partnership": "p", "parties": ["a", "b"], "terms": []}"#, "must be an object of term name to value", field: "terms"),
        BadInput("partnership term name not a slug", #"{"type": "partnership", "date": "2019-07-22", "partnership": "p", "parties": ["a", "b"], "terms": {"Revenue Share": 1}}"#, "must be a slug", field: "terms.Revenue Share"),
        BadInput("partnership missing terms", #"{"type": "partnership", "date": "2019-07-22", "partnership": "p", "parties": ["a", "b"]}"#, "is required", field: "terms"),

        // funding-round
        BadInput("negative investment", round(investments: "[\(investment(#""-5""#))]"), "must not be negative", field: "investments[0].amount.amount"),
        BadInput("amount as JSON number", round(investments: "[\(investment("10000000000"))]"), #"must be a decimal string like "10000000000", not a number"#, field: "investments[0].amount.amount"),
        BadInput("amount with exponent", round(investments: "[\(investment(#""1e9""#))]"), #""1e9" is not an amount"#, field: "investments[0].amount.amount"),
        BadInput("amount with trailing letters", round(investments: "[\(investment(#""12abc""#))]"), #""12abc" is not an amount"#, field: "investments[0].amount.amount"),
        BadInput("amount with too many digits", round(investments: "[\(investment(#""1234567890123456789012345678901234567""#))]"), "more than 34 significant digits", field: "investments[0].amount.amount"),
        BadInput("lower-case currency", round(investments: "[\(investment(#""10""#, currency: "usd"))]"), #""usd" is not an ISO 4217 currency code"#, field: "investments[0].amount.currency"),
        BadInput("empty investments", round(investments: "[]"), "must not be empty", field: "investments"),
        BadInput("unknown nested field", round(investments: #"[{"investor": "microsoft", "amount": {"amount": "10", "currency": "USD"}, "foo": true}]"#), "unknown field", field: "investments[0].foo"),
        BadInput("unknown field in money", round(investments: #"[{"investor": "microsoft", "amount": {"amount": "10", "currency": "USD", "cents": "5"}}]"#), "unknown field", field: "investments[0].amount.cents"),
        BadInput("investor id upper-case", round(investments: "[\(investment(#""10""#, investor: "Microsoft"))]"), "is not a valid id", field: "investments[0].investor"),
        BadInput("missing investor", round(investments: #"[{"amount": {"amount": "10", "currency": "USD"}}]"#), "is required", field: "investments[0].investor"),
        BadInput("money as a string", round(investments: #"[{"investor": "microsoft", "amount": "10B"}]"#), "must be a money object", field: "investments[0].amount"),
        BadInput("mixed currencies", round(investments: "[\(investment(#""10""#)), \(investment(#""5""#, currency: "EUR", investor: "thrive"))]"), "one round, one currency", field: "investments[1].amount.currency"),
        BadInput("postMoney in another currency", round(extra: #", "postMoney": {"amount": "40", "currency": "EUR"}"#), "is in EUR but the investments are in USD", field: "postMoney.currency"),
        BadInput("postMoney below the round's total", round(extra: #", "postMoney": {"amount": "9", "currency": "USD"}"#), "is less than the round's total 10", field: "postMoney"),
        BadInput("preMoney plus total not postMoney", round(extra: #", "preMoney": \#(usdTen), "postMoney": {"amount": "25", "currency": "USD"}"#), "(20) does not equal postMoney (25)", field: "postMoney"),
        BadInput("equity round at zero valuation", round(investments: "[\(investment(#""0""#))]", extra: #", "postMoney": {"amount": "0", "currency": "USD"}"#), "must be more than zero", field: "postMoney"),
        BadInput("unknown instrument", round(instrument: "safe"), #""safe" is not one of"#, field: "instrument"),
        BadInput("round partnership not a slug", round(extra: #", "partnership": "Microsoft OpenAI""#), "is not a valid id", field: "partnership"),

        // valuation
        BadInput("valuation missing value", #"{\#(valuationHead)}"#, "is required", field: "value"),
        BadInput("valuation missing currency", valuation(value: #"{"amount": "10"}"#), "is required", field: "value.currency"),
        BadInput("valuation negative", valuation(value: #"{"amount": "-1", "currency": "USD"}"#), "must not be negative", field: "value.amount"),
        BadInput("valuation basis unknown", #"{"type": "valuation", "date": "2024-01-01", "company": "openai", "basis": "vibes", "value": \#(usdTen)}"#, #""vibes" is not one of"#, field: "basis"),
        BadInput("valuation company missing", #"{"type": "valuation", "date": "2024-01-01", "basis": "secondary", "value": \#(usdTen)}"#, "is required", field: "company"),

        // revenue
        BadInput("period from after to", #"{"type": "revenue", "date": "2024-12-31", "company": "openai", "amount": \#(usdTen), "basis": "period", "period": {"from": "2024-12-31", "to": "2024-01-01"}}"#, #""from" is after "to""#, field: "period"),
        BadInput("period with a bad date", #"{"type": "revenue", "date": "2024-12-31", "company": "openai", "amount": \#(usdTen), "basis": "period", "period": {"from": "2024-00-01", "to": "2024-01-01"}}"#, "not a real calendar date", field: "period.from"),
        BadInput("revenue basis unknown", #"{"type": "revenue", "date": "2024-12-31", "company": "openai", "amount": \#(usdTen), "basis": "monthly"}"#, #""monthly" is not one of"#, field: "basis"),

        // recapitalization
        BadInput("stake above 1", recap(#"[{"holder": "a", "stake": "1.5"}]"#), #""1.5" is above 1"#, field: "stakes[0].stake"),
        BadInput("stake as number", recap(#"[{"holder": "a", "stake": 0.5}]"#), #"must be a decimal string like "0.27", not a number"#, field: "stakes[0].stake"),
        BadInput("negative stake", recap(#"[{"holder": "a", "stake": "-0.1"}]"#), "must not be negative", field: "stakes[0].stake"),
        BadInput("percent stake", recap(#"[{"holder": "a", "stake": "27%"}]"#), #""27%" is not a fraction"#, field: "stakes[0].stake"),
        BadInput("stakes summing above 1", recap(#"[{"holder": "a", "stake": "0.6"}, {"holder": "b", "stake": "0.41"}]"#), "stakes sum to 1.01, more than 1", field: "stakes"),
        BadInput("duplicate holder", recap(#"[{"holder": "a", "stake": "0.1"}, {"holder": "a", "stake": "0.2"}]"#), #"holder "a" is listed twice"#, field: "stakes[1].holder"),
        BadInput("empty stakes", recap("[]"), "must not be empty", field: "stakes"),

        // governance
        BadInput("governance with two verbs", governance(#"{"role": "ceo", "set": "A", "add": "B"}"#), #"must have exactly one of "set", "add" or "remove""#, field: "changes[0]"),
        BadInput("governance with no verb", governance(#"{"role": "ceo"}"#), #"must have exactly one of "set", "add" or "remove""#, field: "changes[0]"),
        BadInput("governance set to a number", governance(#"{"role": "ceo", "set": 7}"#), "must be a name, an array of names or null", field: "changes[0].set"),
        BadInput("governance role not a slug", governance(#"{"role": "Chief Executive", "set": "A"}"#), "must be a slug", field: "changes[0].role"),
        BadInput("governance empty add", governance(#"{"role": "board", "add": ""}"#), "must not be empty", field: "changes[0].add"),
        BadInput("governance unknown field in a change", governance(#"{"role": "board", "add": "A", "since": "2020"}"#), "unknown field", field: "changes[0].since"),

        // renegotiation
        BadInput("renegotiation remove false", renegotiation(#"{"term": "exclusivity", "remove": false}"#), "must be true", field: "changes[0].remove"),
        BadInput("renegotiation set and remove", renegotiation(#"{"term": "exclusivity", "set": 1, "remove": true}"#), #"must have exactly one of "set", "merge" or "remove""#, field: "changes[0]"),
        BadInput("renegotiation merge not an object", renegotiation(#"{"term": "exclusivity", "merge": true}"#), "must be a non-empty object of members", field: "changes[0].merge"),
        BadInput("renegotiation without changes", #"{"type": "renegotiation", "date": "2025-10-28", "partnership": "m-o", "changes": []}"#, "must not be empty", field: "changes"),
        BadInput("renegotiation term not a slug", renegotiation(#"{"term": "Exclusivity!", "set": true}"#), "must be a slug", field: "changes[0].term"),

        // correction and retraction
        BadInput("correction replacement with an id", correction(replacement: #"{"type": "retraction", "id": "v-1", "date": "2024-01-01", "retracts": "x", "reason": "y"}"#), "must be left out", field: "replacement.id"),
        BadInput("correction replacing with a correction", correction(replacement: correction(replacement: valuation(value: usdTen))), "cannot be a correction", field: "replacement.type"),
        BadInput("correction replacing with a retraction", correction(replacement: #"{"type": "retraction", "date": "2024-01-01", "retracts": "x", "reason": "y"}"#), "cannot be a retraction", field: "replacement.type"),
        BadInput("correction with an invalid replacement", correction(replacement: valuation(value: #"{"amount": "1", "currency": "usd"}"#)), "is not an ISO 4217 currency code", field: "replacement.value.currency"),
        BadInput("correction with an unknown field in the replacement", correction(replacement: valuation(value: usdTen, extra: #", "colour": "red""#)), "unknown field", field: "replacement.colour"),
        BadInput("correction with an empty reason", correction(replacement: valuation(value: usdTen), reason: ""), "must not be empty", field: "reason"),
        BadInput("correction of a bad id", #"{"type": "correction", "date": "2025-01-01", "corrects": "V 1", "replacement": \#(valuation(value: usdTen)), "reason": "r"}"#, "is not a valid id", field: "corrects"),
        BadInput("retraction with an empty reason", #"{"type": "retraction", "date": "2025-01-01", "retracts": "x", "reason": "   "}"#, "must not be empty", field: "reason"),
        BadInput("retraction reason not a string", #"{"type": "retraction", "date": "2025-01-01", "retracts": "x", "reason": ["no"]}"#, "must be a string, not an array", field: "reason"),
    ]
}
