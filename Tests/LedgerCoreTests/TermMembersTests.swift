@testable import LedgerCore
import Testing

/// Well-known term members (`rate`, `until`, `cap`, amounts) are read by the rules of the flags, on every path
/// that writes a term value: a partnership's terms, a renegotiation's set and merge, a negotiation's proposals.
@Suite struct TermMembersTests {
    /// The same term value written by each kind of event, and where its value sits in the decoded event.
    static func events(_ value: String) -> [String] {
        [
            #"{"type": "partnership", "id": "p", "date": "2024-01-01", "partnership": "a-b", "parties": ["a", "b"], "terms": {"revenue-share": \#(value)}}"#,
            #"{"type": "renegotiation", "id": "r", "date": "2024-01-01", "partnership": "a-b", "changes": [{"term": "revenue-share", "set": \#(value)}]}"#,
            #"{"type": "renegotiation", "id": "m", "date": "2024-01-01", "partnership": "a-b", "changes": [{"term": "revenue-share", "merge": \#(value)}]}"#,
            #"{"type": "negotiation", "id": "n", "date": "2024-01-01", "partnership": "a-b", "stage": "proposal", "proposals": [{"term": "revenue-share", "set": \#(value)}]}"#,
        ]
    }

    /// The members of the term value an event holds.
    static func members(_ event: Event) throws -> [String: JSONValue] {
        let value: JSONValue?
        switch event.body {
        case .partnership(let p): value = p.terms["revenue-share"]
        case .renegotiation(let r):
            switch r.changes.first?.action {
            case .set(let v)?: value = v
            case .merge(let m)?: value = .object(m)
            default: value = nil
            }
        case .negotiation(let n):
            if case .terms(_, let proposals) = n.subject, case .set(let v)? = proposals.first?.action { value = v } else { value = nil }
        default: value = nil
        }
        guard case .object(let members)? = value else { Issue.record("no term value in \(event)"); return [:] }
        return members
    }

    @Test(arguments: [
        (#"{"rate": "20%"}"#, "rate", JSONValue.string("0.2")),
        (#"{"rate": "0.20"}"#, "rate", .string("0.20")),
        (#"{"rate": 0.25}"#, "rate", .string("0.25")),
        (#"{"stake": "27%"}"#, "stake", .string("0.27")),
        (#"{"cap": "10B"}"#, "cap", .object(["amount": .string("10000000000"), "currency": .string("USD")])),
        (#"{"amount": "$2,000,000"}"#, "amount", .object(["amount": .string("2000000"), "currency": .string("USD")])),
        (#"{"cap": {"amount": "38000000000.0", "currency": "EUR"}}"#, "cap", .object(["amount": .string("38000000000.0"), "currency": .string("EUR")])),
        (#"{"until": "2030-12-31"}"#, "until", .string("2030-12-31")),
        (#"{"until": "2030"}"#, "until", .string("2030")),
        (#"{"until": "AGI verified by the expert panel"}"#, "until", .string("AGI verified by the expert panel")),
        (#"{"rate": "same percentage as before"}"#, "rate", .string("same percentage as before")),
        (#"{"amount": "undisclosed"}"#, "amount", .string("undisclosed")),
        (#"{"payer": "20%"}"#, "payer", .string("20%")),
        (#"{"amount": "212500000", "currency": "USD"}"#, "amount", .string("212500000")),
        (#"{"amount": "1.5B", "currency": "EUR"}"#, "amount", .string("1500000000")),
        (#"{"cap": "2000000"}"#, "cap", .string("2000000")),
    ])
    func wellKnownMembersAreNormalizedOnEveryPath(value: String, member: String, expected: JSONValue) throws {
        for text in Self.events(value) {
            let event = try EventDecoder.decode(JSONParser.parse(text))
            #expect(try Self.members(event)[member] == expected, "\(text)")
            // What is stored reads back the same, on the fast path too.
            #expect(CanonicalDecoder.event(from: Array(event.canonicalText.utf8)) == event)
        }
    }

    @Test(arguments: [
        (#"{"rate": "20 percent"}"#, "rate", "is not a stake or rate"),
        (#"{"rate": "120%"}"#, "rate", "more than 100%"),
        (#"{"rate": "-0.1"}"#, "rate", "is not a stake or rate"),
        (#"{"rate": true}"#, "rate", "must be a rate"),
        (#"{"until": "2030-13-01"}"#, "until", "is not a date"),
        (#"{"until": "31/12/2030"}"#, "until", "is not a date"),
        (#"{"cap": "-5B"}"#, "cap", "must not be negative"),
        (#"{"cap": "10 billion"}"#, "cap", "is not an amount"),
        (#"{"cap": 10000000000}"#, "cap", "must be money"),
        (#"{"cap": {"amount": "1", "currency": "dollars"}}"#, "cap.currency", "ISO 4217"),
    ])
    func aMalformedFigureIsRefusedNamingTheMember(value: String, member: String, reason: String) throws {
        let paths = ["terms.revenue-share", "changes[0].set", "changes[0].merge", "proposals[0].set"]
        for (text, path) in zip(Self.events(value), paths) {
            let error = try #require(throws: LedgerError.self, "\(text)") { try EventDecoder.decode(JSONParser.parse(text)) }
            #expect(error.field == "\(path).\(member)", "\(error)")
            #expect(error.message.contains(reason), "\(error)")
        }
    }
}
