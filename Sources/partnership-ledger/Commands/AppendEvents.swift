import ArgumentParser
import Foundation
import LedgerCore
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
    var amount: [Decimal] = []
    @Option(parsing: .unconditional, help: "Pre-money valuation.", transform: FlagValue.amount) var preMoney: Decimal?
    @Option(parsing: .unconditional, help: "Post-money valuation.", transform: FlagValue.amount) var postMoney: Decimal?
    @Option(help: "The partnership this round belongs to.") var partnership: String?
    @Option(help: "ISO 4217 currency of every amount.") var currency = "USD"

    func validate() throws {
        guard !investor.isEmpty else { throw ValidationError("give at least one --investor with its --amount") }
        guard investor.count == amount.count else {
            throw ValidationError("give one --amount for each --investor (got \(investor.count) investors and \(amount.count) amounts)")
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
    @Option(parsing: .unconditional, help: "The valuation, e.g. 500B.", transform: FlagValue.amount) var value: Decimal
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
    @Option(parsing: .unconditional, help: "The amount, e.g. 3.7B.", transform: FlagValue.amount) var amount: Decimal
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
