import Foundation

/// A published figure the ledger must reproduce, like an hledger balance assertion.
///
/// Check files hold a JSON array (or JSON Lines) of these. Each names what
/// to look at, the as-of date, the expected value and an absolute tolerance:
///
/// ```json
/// {"check": "stake", "asOf": "2025-10-28", "company": "openai", "holder": "microsoft",
///  "expect": "0.27", "tolerance": "0.005", "source": "https://…"}
/// ```
///
/// Kinds: `valuation` (company), `stake` and `stake-value` (company, holder),
/// `invested` (investor, company), `term` (partnership, term; `expect` is the
/// exact JSON value, `null` meaning absent), `revenue` (company, basis);
/// CONTRACT §4 adds `committed`, `funded`, `outstanding` (investor, company)
/// and `purchase` (buyer, seller: the total of purchase commitments). Two more
/// kinds reach what the projection keeps beside the figures in force:
/// `negotiation` (thread, figure `amount`, `valuation` or `proposals`: the latest
/// stage of the thread that states it, open or closed) and `warrant` (company,
/// holder: `expect` is the object of the figures the warrants state, e.g.
/// `{"shares": "160000000"}`). A `valuation` or `revenue` check may name an
/// `event`: it then reads that claim, shown or listed as an alternative.
public struct Expectation: Hashable, Sendable {
    /// What is checked, with the ids it needs.
    public enum Subject: Hashable, Sendable {
        case valuation(company: String)
        case stake(company: String, holder: String)
        case stakeValue(company: String, holder: String)
        case invested(investor: String, company: String)
        case term(partnership: String, term: String)
        case revenue(company: String, basis: RevenueBasis)
        /// One of the money-promised-and-paid figures of an investor in a company.
        case funding(figure: FundingFigure, investor: String, company: String)
        /// The total of purchase commitments from buyer to seller.
        case purchase(buyer: String, seller: String)
        /// A figure of a negotiation thread's latest stage that states it.
        case negotiation(thread: String, figure: NegotiationFigure)
        /// The figures stated by the warrants a holder has on a company's equity.
        case warrant(company: String, holder: String)
    }

    /// Which figure a `negotiation` check reads.
    public enum NegotiationFigure: String, CaseIterable, Hashable, Sendable {
        case amount, valuation, proposals
    }

    /// Which figure a `committed`, `funded` or `outstanding` check reads.
    public enum FundingFigure: String, CaseIterable, Hashable, Sendable {
        case committed, funded, outstanding

        /// The figure in a position.
        public var path: KeyPath<FundingPosition.Amounts, ExactDecimal> {
            switch self {
            case .committed: \.committed
            case .funded: \.funded
            case .outstanding: \.outstanding
            }
        }
    }

    /// The expected value.
    public enum Expected: Hashable, Sendable {
        case money(Money)
        case fraction(ExactDecimal)
        case json(JSONValue)
    }

    public var subject: Subject
    public var asOf: LedgerDate
    public var knownAt: KnownAt?
    public var expected: Expected
    /// Largest accepted absolute difference (amount or fraction); zero when absent.
    public var tolerance: ExactDecimal
    public var sources: [String]
    public var note: String?
    /// For `valuation` and `revenue`: the event whose claim is read (shown or an alternative); nil reads the shown one.
    public var event: String? = nil

    /// The check's kind as written in the file.
    public var kind: String {
        switch subject {
        case .valuation: "valuation"
        case .stake: "stake"
        case .stakeValue: "stake-value"
        case .invested: "invested"
        case .term: "term"
        case .revenue: "revenue"
        case .funding(let figure, _, _): figure.rawValue
        case .purchase: "purchase"
        case .negotiation: "negotiation"
        case .warrant: "warrant"
        }
    }

    /// A short label of what is checked, e.g. `openai/microsoft`.
    public var label: String {
        switch subject {
        case .valuation(let company): company
        case .stake(let company, let holder), .stakeValue(let company, let holder): "\(company)/\(holder)"
        case .invested(let investor, let company): "\(investor)→\(company)"
        case .term(let partnership, let term): "\(partnership)/\(term)"
        case .revenue(let company, let basis): "\(company)/\(basis.rawValue)"
        case .funding(_, let investor, let company): "\(investor)→\(company)"
        case .purchase(let buyer, let seller): "\(buyer)→\(seller)"
        case .negotiation(let thread, let figure): "\(thread)/\(figure.rawValue)"
        case .warrant(let company, let holder): "\(company)/\(holder)"
        }
    }
}

extension Expectation {
    /// Decodes every expectation in a check document (an array, one object, or JSON Lines).
    public static func decodeDocument(_ bytes: [UInt8], file: String? = nil) throws(LedgerError) -> [Expectation] {
        let values: [JSONValue]
        do { values = try JSONParser.parseDocuments(bytes) } catch { throw LedgerError(error.description, file: file) }
        var expectations: [Expectation] = []
        for (offset, value) in values.enumerated() {
            do { expectations.append(try decode(value)) } catch { throw error.located(file: file, index: offset + 1) }
        }
        return expectations
    }

    /// Decodes one expectation object, rejecting unknown fields.
    public static func decode(_ value: JSONValue) throws(LedgerError) -> Expectation {
        var r = try ObjectReader(value, path: "", what: "a check object")
        let kind = try r.string("check")
        let subject: Subject
        switch kind {
        case "valuation": subject = .valuation(company: try r.slug("company", what: "company id"))
        case "stake": subject = .stake(company: try r.slug("company", what: "company id"), holder: try r.slug("holder", what: "holder id"))
        case "stake-value": subject = .stakeValue(company: try r.slug("company", what: "company id"), holder: try r.slug("holder", what: "holder id"))
        case "invested": subject = .invested(investor: try r.slug("investor", what: "investor id"), company: try r.slug("company", what: "company id"))
        case "term": subject = .term(partnership: try r.slug("partnership", what: "partnership id"), term: try r.string("term"))
        case "revenue": subject = .revenue(company: try r.slug("company", what: "company id"), basis: try r.enumeration("basis", RevenueBasis.self))
        case "committed", "funded", "outstanding":
            subject = .funding(figure: FundingFigure(rawValue: kind)!, investor: try r.slug("investor", what: "investor id"),
                               company: try r.slug("company", what: "company id"))
        case "purchase": subject = .purchase(buyer: try r.slug("buyer", what: "buyer id"), seller: try r.slug("seller", what: "seller id"))
        case "negotiation": subject = .negotiation(thread: try r.slug("thread", what: "thread id"), figure: try r.enumeration("figure", NegotiationFigure.self))
        case "warrant": subject = .warrant(company: try r.slug("company", what: "company id"), holder: try r.slug("holder", what: "holder id"))
        default:
            throw LedgerError("\"\(kind.prefix(40))\" is not a check kind (valuation, stake, stake-value, invested, term, revenue, committed, funded, outstanding, purchase, negotiation, warrant)", field: "check")
        }
        let asOf = try r.date("asOf")
        var knownAt: KnownAt?
        if let text = try r.optionalString("knownAt") {
            do { knownAt = try KnownAt(parsing: text) } catch { throw error.at("knownAt") }
        }
        let expected: Expected
        switch subject {
        case .stake: expected = .fraction(try r.fraction("expect"))
        case .term:
            guard r.has("expect") else { throw LedgerError("is required (null means the term is absent)", field: "expect") }
            expected = .json(r.members["expect"]!)
        case .negotiation(_, .proposals), .warrant:
            expected = .json(try r.required("expect"))
        default: expected = .money(try r.money("expect"))
        }
        var tolerance: ExactDecimal = 0
        if let text = try r.optionalString("tolerance") {
            do { tolerance = try ExactDecimal.parse(text, what: "a tolerance") } catch { throw error.at("tolerance") }
        }
        var sources: [String] = []
        if let source = try r.optionalString("source") { sources.append(source) }
        if r.optional("sources") != nil {
            for element in try r.array("sources", nonEmpty: false) {
                if case .string(let text) = element { sources.append(text) }
            }
        }
        let note = try r.optionalString("note")
        var event: String?
        switch subject {
        case .valuation, .revenue: event = try r.optionalSlug("event", what: "event id")
        default: break
        }
        try r.finish()
        return Expectation(subject: subject, asOf: asOf, knownAt: knownAt, expected: expected, tolerance: tolerance, sources: sources, note: note,
                           event: event)
    }
}
