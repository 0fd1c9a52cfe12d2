import ArgumentParser
import Foundation
import LedgerCore
import LedgerReport
import LedgerStore

/// `append party`.
struct AppendParty: AppendEventCommand {
    static let configuration = CommandConfiguration(commandName: "party", abstract: "Register a party.")
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var write: WriteOptions
    @OptionGroup var event: EventFlags
    @Option(help: "Party id.") var party: String
    @Option(help: "Display name.") var name: String
    @Option(help: ArgumentHelp("\(FlagValue.values(PartyKind.self)).", valueName: "kind"), transform: FlagValue.choice("a party kind"))
    var kind: PartyKind

    func fields() throws -> [String: JSONValue] {
        ["party": .string(party), "name": .string(name), "kind": .string(kind.rawValue)]
    }
}

/// `append partnership`.
struct AppendPartnership: AppendEventCommand {
    static let configuration = CommandConfiguration(commandName: "partnership", abstract: "Register a partnership and its initial terms.")
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var write: WriteOptions
    @OptionGroup var event: EventFlags
    @Option(help: "Partnership id.") var partnership: String
    @Option(name: .customLong("party"), help: "A party id (repeat for each party).") var parties: [String] = []
    @Option(help: ArgumentHelp("A term, name=value; the value is JSON or plain text (repeatable).", valueName: "name=value")) var term: [String] = []

    func fields() throws -> [String: JSONValue] {
        var terms: [String: JSONValue] = [:]
        for text in term { let (name, value) = try FlagValue.pair(text, flag: "term"); terms[name] = value }
        return ["partnership": .string(partnership), "parties": .array(parties.map(JSONValue.string)), "terms": .object(terms)]
    }
}

/// `append funding-round`.
struct AppendFundingRound: AppendEventCommand {
    static let configuration = CommandConfiguration(commandName: "funding-round", abstract: "Record a funding round.")
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var write: WriteOptions
    @OptionGroup var event: EventFlags
    @Option(help: "The company raising money.") var company: String
    @Option(help: "Round name (default: \"<date> round\").") var round: String?
    @Option(help: ArgumentHelp("equity (default), convertible, profit-participation, cloud-credits or mixed.", valueName: "instrument"),
            transform: FlagValue.choice("an instrument"))
    var instrument: Instrument = .equity
    @Option(help: "An investor id (repeat; pairs with --amount by position).") var investor: [String] = []
    @Option(parsing: .unconditionalSingleValue, help: "An investment amount, e.g. 10B (repeat; pairs with --investor).", transform: FlagValue.amount)
    var amount: [ExactDecimal] = []
    @Option(parsing: .unconditional, help: "Pre-money valuation.", transform: FlagValue.amount) var preMoney: ExactDecimal?
    @Option(parsing: .unconditional, help: "Post-money valuation.", transform: FlagValue.amount) var postMoney: ExactDecimal?
    @Option(help: "The partnership this round belongs to.") var partnership: String?
    @Option(help: "ISO 4217 currency of every amount.") var currency = "USD"

    func validate() throws {
        guard !investor.isEmpty else { throw ValidationError("give at least one --investor with its --amount") }
        guard investor.count == amount.count else {
            throw ValidationError("give one --amount for each --investor (got \(ValueText.count(investor.count, "investor")) and \(ValueText.count(amount.count, "amount")))")
        }
    }

    func fields() throws -> [String: JSONValue] {
        var fields: [String: JSONValue] = [
            "company": .string(company), "round": .string(round ?? "\(event.dateText) round"), "instrument": .string(instrument.rawValue),
            "investments": .array(zip(investor, amount).map { investor, amount in
                .object(["investor": .string(investor), "amount": FlagValue.money(amount, currency: currency)])
            }),
        ]
        if let preMoney { fields["preMoney"] = FlagValue.money(preMoney, currency: currency) }
        if let postMoney { fields["postMoney"] = FlagValue.money(postMoney, currency: currency) }
        if let partnership { fields["partnership"] = .string(partnership) }
        return fields
    }
}

/// `append valuation`.
struct AppendValuation: AppendEventCommand {
    static let configuration = CommandConfiguration(commandName: "valuation", abstract: "Record a valuation.")
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var write: WriteOptions
    @OptionGroup var event: EventFlags
    @Option(help: "The company valued.") var company: String
    @Option(parsing: .unconditional, help: "The valuation, e.g. 500B.", transform: FlagValue.amount) var value: ExactDecimal
    @Option(help: ArgumentHelp("post-money, tender-offer, secondary or reported (default).", valueName: "basis"),
            transform: FlagValue.choice("a valuation basis"))
    var basis: ValuationBasis = .reported
    @Option(help: "ISO 4217 currency.") var currency = "USD"

    func fields() throws -> [String: JSONValue] {
        ["company": .string(company), "value": FlagValue.money(value, currency: currency), "basis": .string(basis.rawValue)]
    }
}

/// `append revenue`.
struct AppendRevenue: AppendEventCommand {
    static let configuration = CommandConfiguration(commandName: "revenue", abstract: "Record a revenue figure.")
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var write: WriteOptions
    @OptionGroup var event: EventFlags
    @Option(help: "The company.") var company: String
    @Option(parsing: .unconditional, help: "The amount, e.g. 3.7B.", transform: FlagValue.amount) var amount: ExactDecimal
    @Option(help: ArgumentHelp("annualized-run-rate, fiscal-year or period (with --from and --to).", valueName: "basis"),
            transform: FlagValue.choice("a revenue basis"))
    var basis: RevenueBasis
    @Option(help: ArgumentHelp("Start of the period.", valueName: "YYYY-MM-DD"), transform: FlagValue.date) var from: LedgerDate?
    @Option(help: ArgumentHelp("End of the period.", valueName: "YYYY-MM-DD"), transform: FlagValue.date) var to: LedgerDate?
    @Option(help: "ISO 4217 currency.") var currency = "USD"

    func validate() throws {
        if (from == nil) != (to == nil) { throw ValidationError("give both --from and --to for a period, or neither") }
        if basis == .period, from == nil { throw ValidationError("--basis period needs the period: give --from and --to") }
    }

    func fields() throws -> [String: JSONValue] {
        var fields: [String: JSONValue] = ["company": .string(company), "amount": FlagValue.money(amount, currency: currency), "basis": .string(basis.rawValue)]
        if let from, let to { fields["period"] = .object(["from": .string(from.text), "to": .string(to.text)]) }
        return fields
    }
}

/// `append governance`.
struct AppendGovernance: AppendEventCommand {
    static let configuration = CommandConfiguration(commandName: "governance", abstract: "Record governance changes.")
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var write: WriteOptions
    @OptionGroup var event: EventFlags
    @Option(help: "The company.") var company: String
    @Option(help: ArgumentHelp("Replace a role's holders: role=Name, or role=[\"A\",\"B\"], or role=null (repeatable).", valueName: "role=value")) var set: [String] = []
    @Option(help: ArgumentHelp("Add a holder: role=Name (repeatable).", valueName: "role=name")) var add: [String] = []
    @Option(help: ArgumentHelp("Remove a holder: role=Name (repeatable).", valueName: "role=name")) var remove: [String] = []

    func validate() throws {
        if set.isEmpty && add.isEmpty && remove.isEmpty { throw ValidationError("give at least one --set, --add or --remove") }
    }

    func fields() throws -> [String: JSONValue] {
        var changes: [JSONValue] = []
        for text in set {
            let (role, value) = try FlagValue.pair(text, flag: "set")
            changes.append(.object(["role": .string(role), "set": value]))
        }
        for (verb, list) in [("add", add), ("remove", remove)] {
            for text in list {
                // A holder is a name, never JSON: "board=Larry Summers".
                let (role, name) = try FlagValue.textPair(text, flag: verb)
                changes.append(.object(["role": .string(role), verb: .string(name)]))
            }
        }
        return ["company": .string(company), "changes": .array(changes)]
    }
}

/// `append renegotiation`.
struct AppendRenegotiation: AppendEventCommand {
    static let configuration = CommandConfiguration(commandName: "renegotiation", abstract: "Record changed partnership terms.")
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var write: WriteOptions
    @OptionGroup var event: EventFlags
    @Option(help: "The partnership.") var partnership: String
    @Option(help: ArgumentHelp("Set a term: name=value, the value JSON or plain text (repeatable).", valueName: "name=value")) var set: [String] = []
    @Option(help: ArgumentHelp("Set some members of a term and keep the others: name={\"member\": value, …} (repeatable).",
                               valueName: "name=json")) var merge: [String] = []
    @Option(help: ArgumentHelp("Remove a term (repeatable).", valueName: "name")) var remove: [String] = []

    func validate() throws {
        if set.isEmpty && merge.isEmpty && remove.isEmpty { throw ValidationError("give at least one --set, --merge or --remove") }
    }

    func fields() throws -> [String: JSONValue] {
        var changes: [JSONValue] = []
        for text in set {
            let (term, value) = try FlagValue.pair(text, flag: "set")
            changes.append(.object(["term": .string(term), "set": value]))
        }
        for text in merge {
            let (term, members) = try FlagValue.pair(text, flag: "merge")
            changes.append(.object(["term": .string(term), "merge": members]))
        }
        for term in remove { changes.append(.object(["term": .string(term), "remove": .bool(true)])) }
        return ["partnership": .string(partnership), "changes": .array(changes)]
    }
}

/// `append recapitalization`.
struct AppendRecapitalization: AppendEventCommand {
    static let configuration = CommandConfiguration(commandName: "recapitalization", abstract: "Replace a company's cap table.")
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var write: WriteOptions
    @OptionGroup var event: EventFlags
    @Option(help: "The company.") var company: String
    @Option(help: ArgumentHelp("A holder's stake: holder=27% or holder=0.27 (repeatable).", valueName: "holder=stake")) var stake: [String] = []
    @Option(help: "How the stakes are measured, e.g. \"as-converted diluted\".") var basis: String?

    func fields() throws -> [String: JSONValue] {
        let stakes = try stake.map { text -> JSONValue in
            let (holder, fraction) = try FlagValue.textPair(text, flag: "stake")
            return .object(["holder": .string(holder), "stake": try FlagValue.fraction(fraction, flag: "stake")])
        }
        var fields: [String: JSONValue] = ["company": .string(company), "stakes": .array(stakes)]
        if let basis { fields["basis"] = .string(basis) }
        return fields
    }
}

/// `append correction`.
struct AppendCorrection: AppendEventCommand {
    static let configuration = CommandConfiguration(commandName: "correction", abstract: "Replace an earlier event's content (the original stays in the log).")
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var write: WriteOptions
    @OptionGroup var event: EventFlags
    @Option(help: "The id of the event corrected.") var corrects: String
    @Option(help: ArgumentHelp("The corrected event as JSON (no id), or @FILE.", valueName: "json|@file")) var replacement: String
    @Option(help: "Why.") var reason: String

    func fields() throws -> [String: JSONValue] {
        let text = replacement.hasPrefix("@") ? String(decoding: try EventFiles.read(String(replacement.dropFirst())), as: UTF8.self) : replacement
        let value: JSONValue
        do { value = try JSONParser.parse(text) } catch { throw LedgerError("--replacement: \(error.description)") }
        return ["corrects": .string(corrects), "replacement": value, "reason": .string(reason)]
    }
}

/// `append retraction`.
struct AppendRetraction: AppendEventCommand {
    static let configuration = CommandConfiguration(commandName: "retraction", abstract: "Withdraw an earlier event's effect (the original stays in the log).")
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var write: WriteOptions
    @OptionGroup var event: EventFlags
    @Option(help: "The id of the event retracted.") var retracts: String
    @Option(help: "Why.") var reason: String

    func fields() throws -> [String: JSONValue] {
        ["retracts": .string(retracts), "reason": .string(reason)]
    }
}

/// `append commitment`.
struct AppendCommitment: AppendEventCommand {
    static let configuration = CommandConfiguration(commandName: "commitment", abstract: "Record money an investor pledged to a company.")
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var write: WriteOptions
    @OptionGroup var event: EventFlags
    @Option(help: "The company.") var company: String
    @Option(help: "The investor.") var investor: String
    @Option(parsing: .unconditional, help: "The most pledged, e.g. 4B (the conditional part included).", transform: FlagValue.amount) var amount: ExactDecimal
    @Flag(help: "The amount is a ceiling (\"up to\").") var upTo = false
    @Option(parsing: .unconditional, help: "The part pledged only on a condition.", transform: FlagValue.amount) var conditional: ExactDecimal?
    @Option(help: "The condition, in words.") var conditions: String?
    @Option(help: ArgumentHelp("equity, convertible, profit-participation, cloud-credits or mixed.", valueName: "instrument"),
            transform: FlagValue.choice("an instrument"))
    var instrument: Instrument?
    @Option(help: ArgumentHelp("The funding-round event this pledge belongs to.", valueName: "event-id")) var round: String?
    @Option(help: "The partnership this pledge belongs to.") var partnership: String?
    @Option(help: ArgumentHelp("When the pledge lapses.", valueName: "YYYY-MM-DD"), transform: FlagValue.date) var expires: LedgerDate?
    @Option(help: "ISO 4217 currency of every amount.") var currency = "USD"

    func fields() throws -> [String: JSONValue] {
        var fields: [String: JSONValue] = ["company": .string(company), "investor": .string(investor), "amount": FlagValue.money(amount, currency: currency)]
        if upTo { fields["upTo"] = .bool(true) }
        if let conditional { fields["conditional"] = FlagValue.money(conditional, currency: currency) }
        if let conditions { fields["conditions"] = .string(conditions) }
        if let instrument { fields["instrument"] = .string(instrument.rawValue) }
        if let round { fields["round"] = .string(round) }
        if let partnership { fields["partnership"] = .string(partnership) }
        if let expires { fields["expires"] = .string(expires.text) }
        return fields
    }
}

/// `append funding`.
struct AppendFunding: AppendEventCommand {
    static let configuration = CommandConfiguration(commandName: "funding", abstract: "Record money an investor paid in (or the total paid to date).")
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var write: WriteOptions
    @OptionGroup var event: EventFlags
    @Option(help: "The company.") var company: String
    @Option(help: "The investor.") var investor: String
    @Option(parsing: .unconditional, help: "Paid on the date, e.g. 1.25B (adds to the total paid).", transform: FlagValue.amount) var amount: ExactDecimal?
    @Option(parsing: .unconditional, help: "The total paid so far, as a filing states it (sets the total paid).", transform: FlagValue.amount)
    var fundedToDate: ExactDecimal?
    @Option(help: ArgumentHelp("The commitment event drawn on.", valueName: "event-id")) var commitment: String?
    @Option(help: "The partnership this payment belongs to.") var partnership: String?
    @Option(help: "ISO 4217 currency.") var currency = "USD"

    func validate() throws {
        if (amount == nil) == (fundedToDate == nil) {
            throw ValidationError("give exactly one of --amount (paid on the date) and --funded-to-date (the total paid so far)")
        }
    }

    func fields() throws -> [String: JSONValue] {
        var fields: [String: JSONValue] = ["company": .string(company), "investor": .string(investor)]
        if let amount { fields["amount"] = FlagValue.money(amount, currency: currency) }
        if let fundedToDate { fields["fundedToDate"] = FlagValue.money(fundedToDate, currency: currency) }
        if let commitment { fields["commitment"] = .string(commitment) }
        if let partnership { fields["partnership"] = .string(partnership) }
        return fields
    }
}

/// `append purchase-commitment`.
struct AppendPurchaseCommitment: AppendEventCommand {
    static let configuration = CommandConfiguration(commandName: "purchase-commitment", abstract: "Record a pledge to buy (compute, cloud) from a seller.")
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var write: WriteOptions
    @OptionGroup var event: EventFlags
    @Option(help: "The buyer.") var buyer: String
    @Option(help: "The seller.") var seller: String
    @Option(parsing: .unconditional, help: "The total over the period, e.g. 250B.", transform: FlagValue.amount) var amount: ExactDecimal
    @Flag(help: "The amount is a ceiling (\"up to\").") var upTo = false
    @Option(help: ArgumentHelp("Start of the period.", valueName: "YYYY-MM-DD"), transform: FlagValue.date) var from: LedgerDate?
    @Option(help: ArgumentHelp("End of the period.", valueName: "YYYY-MM-DD"), transform: FlagValue.date) var to: LedgerDate?
    @Option(help: "How many years the purchases run (instead of --from/--to).") var years: Int?
    @Option(help: "Capacity in words, e.g. \"1 GW\".") var capacity: String?
    @Option(help: "What is bought.") var scope: String
    @Option(help: "The partnership this belongs to.") var partnership: String?
    @Option(help: "ISO 4217 currency.") var currency = "USD"

    func validate() throws {
        if (from == nil) != (to == nil) { throw ValidationError("give both --from and --to for a period, or neither") }
        if from != nil, years != nil { throw ValidationError("give --from/--to or --years, not both") }
    }

    func fields() throws -> [String: JSONValue] {
        var fields: [String: JSONValue] = ["buyer": .string(buyer), "seller": .string(seller), "amount": FlagValue.money(amount, currency: currency),
                                           "scope": .string(scope)]
        if upTo { fields["upTo"] = .bool(true) }
        if let from, let to { fields["period"] = .object(["from": .string(from.text), "to": .string(to.text)]) }
        if let years { fields["years"] = .number(String(years)) }
        if let capacity { fields["capacity"] = .string(capacity) }
        if let partnership { fields["partnership"] = .string(partnership) }
        return fields
    }
}

/// `append warrant`.
struct AppendWarrant: AppendEventCommand {
    static let configuration = CommandConfiguration(commandName: "warrant", abstract: "Record a warrant granted, or (with --exercises) its exercise.")
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var write: WriteOptions
    @OptionGroup var event: EventFlags
    @Option(help: "The company whose equity it is on.") var company: String
    @Option(help: "The holder.") var holder: String
    @Option(help: ArgumentHelp("The stake on full exercise (or exercised): 10% or 0.10.", valueName: "stake")) var stake: String?
    @Option(help: "Shares on full exercise (or exercised).") var shares: String?
    @Option(parsing: .unconditional, help: "Exercise price per share.", transform: FlagValue.amount) var exercisePrice: ExactDecimal?
    @Option(help: "The conditions, in words (required on a grant).") var conditions: String?
    @Option(help: ArgumentHelp("When it lapses.", valueName: "YYYY-MM-DD"), transform: FlagValue.date) var expires: LedgerDate?
    @Option(help: ArgumentHelp("The warrant event exercised.", valueName: "event-id")) var exercises: String?
    @Option(help: "ISO 4217 currency.") var currency = "USD"

    func fields() throws -> [String: JSONValue] {
        var fields: [String: JSONValue] = ["company": .string(company), "holder": .string(holder)]
        if let stake { fields["stake"] = try FlagValue.fraction(stake, flag: "stake") }
        if let shares { fields["shares"] = .string(shares) }
        if let exercisePrice { fields["exercisePrice"] = FlagValue.money(exercisePrice, currency: currency) }
        if let conditions { fields["conditions"] = .string(conditions) }
        if let expires { fields["expires"] = .string(expires.text) }
        if let exercises { fields["exercises"] = .string(exercises) }
        return fields
    }
}

/// `append negotiation`.
struct AppendNegotiation: AppendEventCommand {
    static let configuration = CommandConfiguration(commandName: "negotiation", abstract: "Record talks, a proposal or an agreement in principle (never changes terms).")
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var write: WriteOptions
    @OptionGroup var event: EventFlags
    @Option(help: ArgumentHelp("talks, proposal, agreed-in-principle or abandoned.", valueName: "stage"), transform: FlagValue.choice("a stage"))
    var stage: Negotiation.Stage
    @Option(help: "The partnership whose terms are discussed (with --set/--merge/--remove).") var partnership: String?
    @Option(help: "The company whose round is discussed (with --amount/--valuation).") var company: String?
    @Option(help: ArgumentHelp("Proposed: set a term, name=value (repeatable).", valueName: "name=value")) var set: [String] = []
    @Option(help: ArgumentHelp("Proposed: set members of a term, name=JSON object (repeatable).", valueName: "name={…}")) var merge: [String] = []
    @Option(help: ArgumentHelp("Proposed: remove a term (repeatable).", valueName: "name")) var remove: [String] = []
    @Option(parsing: .unconditional, help: "The proposed round's size.", transform: FlagValue.amount) var amount: ExactDecimal?
    @Option(parsing: .unconditional, help: "The proposed valuation.", transform: FlagValue.amount) var valuation: ExactDecimal?
    @Option(help: "Who seeks it.") var party: String?
    @Option(help: "The thread id shared by the negotiation's events.") var thread: String?
    @Option(help: ArgumentHelp("The event that settles the thread.", valueName: "event-id")) var settledBy: String?
    @Option(help: "ISO 4217 currency.") var currency = "USD"

    func fields() throws -> [String: JSONValue] {
        var fields: [String: JSONValue] = ["stage": .string(stage.rawValue)]
        if let partnership { fields["partnership"] = .string(partnership) }
        if let company { fields["company"] = .string(company) }
        var proposals: [JSONValue] = []
        for text in set {
            let (term, value) = try FlagValue.pair(text, flag: "set")
            proposals.append(.object(["term": .string(term), "set": value]))
        }
        for text in merge {
            let (term, value) = try FlagValue.pair(text, flag: "merge")
            proposals.append(.object(["term": .string(term), "merge": value]))
        }
        for term in remove { proposals.append(.object(["term": .string(term), "remove": .bool(true)])) }
        if !proposals.isEmpty { fields["proposals"] = .array(proposals) }
        if let amount { fields["amount"] = FlagValue.money(amount, currency: currency) }
        if let valuation { fields["valuation"] = FlagValue.money(valuation, currency: currency) }
        if let party { fields["party"] = .string(party) }
        if let thread { fields["thread"] = .string(thread) }
        if let settledBy { fields["settledBy"] = .string(settledBy) }
        return fields
    }
}
