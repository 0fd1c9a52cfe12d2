import Foundation
import LedgerCore

/// The fold's figures computed as the fold computed them before ``ExactDecimal`` and ``Stake``: in Foundation `Decimal`.
///
/// The test oracle of the exact fixed-point arithmetic, and nothing else: it
/// replays the numeric rules of `LedgerState.apply` (cap tables diluted by
/// equity rounds, recapitalizations, warrant exercises; money invested,
/// promised, paid; purchase commitments) and the old `capTable(of:)` view,
/// with `Decimal`'s 38 significant digits, and prints them as the old
/// `ExactDecimal.text` did (rounded `.plain` at 20 places). Feed it the same
/// effective events, in the same order, as the state.
///
/// ```swift
/// var oracle = DecimalOracle()
/// for event in effective { state.apply(event); oracle.apply(event) }
/// oracle.capTable(of: "co-1", valuation: state.valuation(of: "co-1")?.chosen.money, fullyDiluted: false)
/// ```
public struct DecimalOracle {
    /// One investor's money promised and paid in one currency.
    public struct Amounts: Equatable {
        public var committed: Decimal = 0
        public var conditional: Decimal = 0
        public var funded: Decimal = 0
        public var outstanding: Decimal { max(0, committed - funded) }
    }

    struct WarrantRecord {
        var eventId: String
        var holder: String
        var stake: Decimal?
        var exercisedStake: Decimal = 0
        var exercisedShares: Decimal = 0
        var unexercisedStake: Decimal { max(0, (stake ?? 0) - exercisedStake) }
    }

    struct Company {
        var capTable: [String: Decimal]?
        var invested: [String: [String: Decimal]] = [:]
        var funding: [String: [String: Amounts]] = [:]
        var warrants: [WarrantRecord] = []
    }

    var companies: [String: Company] = [:]
    var partnerships: Set<String> = []
    /// Capital invested through each partnership, by investor and currency.
    public private(set) var partnershipInvested: [String: [String: [String: Decimal]]] = [:]
    /// Purchase commitments summed by buyer, then "seller currency".
    public private(set) var purchases: [String: [String: Decimal]] = [:]

    public init() {}

    /// The exact value of a parsed or computed decimal, as `Decimal`.
    public static func decimal(_ value: ExactDecimal) -> Decimal {
        guard let decimal = Decimal(string: value.description, locale: Locale(identifier: "en_US_POSIX")) else {
            fatalError("\(value) is not Decimal text")
        }
        return decimal
    }

    /// Plain text as the `Decimal` path printed it: rounded `.plain` at 20 places, trailing zeros trimmed.
    public static func text(_ value: Decimal) -> String {
        let rounded = rounded(value, places: 20)
        let description = rounded.description
        guard description.contains(where: { $0 == "e" || $0 == "E" }) else { return description }
        return NSDecimalNumber(decimal: rounded).stringValue
    }

    /// `value` rounded `.plain` to `places`.
    public static func rounded(_ value: Decimal, places: Int) -> Decimal {
        var copy = value
        var result = Decimal()
        NSDecimalRound(&result, &copy, places, .plain)
        return result
    }

    /// Applies one effective event's numeric rules, as `LedgerState.apply` did with `Decimal`.
    public mutating func apply(_ effective: LoggedEvent) {
        let d = Self.decimal
        switch effective.event.body {
        case .partnership(let p):
            partnerships.insert(p.partnership)
        case .fundingRound(let round):
            var company = companies[round.company] ?? Company()
            for investment in round.investments {
                let amount = investment.amount
                company.invested[investment.investor, default: [:]][amount.currency, default: 0] += d(amount.amount)
                let firm = d(amount.amount) - (investment.conditional.map { d($0.amount) } ?? 0)
                Self.pledge(&company.funding[investment.investor, default: [:]], firm: firm, currency: amount.currency,
                            conditional: investment.conditional)
                let paid = investment.funded.map { d($0.amount) } ?? firm
                Self.pay(&company.funding[investment.investor, default: [:]], paid, currency: amount.currency, toDate: false)
            }
            let total = round.investments.reduce(Decimal(0)) { $0 + d($1.amount.amount) }
            var post: Decimal?
            if let postMoney = round.postMoney { post = d(postMoney.amount) } else if let pre = round.preMoney, !round.investments.isEmpty {
                post = d(pre.amount) + total
            }
            if let post, round.instrument == .equity, !round.investments.isEmpty, post > 0 {
                let keep = 1 - total / post
                var table = company.capTable ?? [:]
                for index in table.indices { table.values[index] *= keep }
                for investment in round.investments { table[investment.investor, default: 0] += d(investment.amount.amount) / post }
                company.capTable = table
            }
            companies[round.company] = company
            if let id = round.partnership, partnerships.contains(id) {
                for investment in round.investments {
                    partnershipInvested[id, default: [:]][investment.investor, default: [:]][investment.amount.currency, default: 0]
                        += d(investment.amount.amount)
                }
            }
        case .recapitalization(let r):
            var table: [String: Decimal] = [:]
            for holding in r.stakes { table[holding.holder, default: 0] += d(holding.stake) }
            companies[r.company, default: Company()].capTable = table
        case .commitment(let c):
            Self.pledge(&companies[c.company, default: Company()].funding[c.investor, default: [:]], firm: d(c.firm.amount),
                        currency: c.firm.currency, conditional: c.conditional)
        case .funding(let f):
            switch f.paid {
            case .amount(let money):
                Self.pay(&companies[f.company, default: Company()].funding[f.investor, default: [:]], d(money.amount), currency: money.currency, toDate: false)
            case .toDate(let money):
                Self.pay(&companies[f.company, default: Company()].funding[f.investor, default: [:]], d(money.amount), currency: money.currency, toDate: true)
            }
        case .purchaseCommitment(let p):
            purchases[p.buyer, default: [:]]["\(p.seller) \(p.amount.currency)", default: 0] += d(p.amount.amount)
        case .warrant(let w):
            var company = companies[w.company] ?? Company()
            defer { companies[w.company] = company }
            guard let exercised = w.exercises else {
                company.warrants.append(WarrantRecord(eventId: effective.event.id, holder: w.holder, stake: w.stake.map(d)))
                return
            }
            guard let index = company.warrants.firstIndex(where: { $0.eventId == exercised }) else { return }
            company.warrants[index].exercisedShares += w.shares.map(d) ?? 0
            guard let stake = w.stake.map(d), stake > 0 else { return }
            company.warrants[index].exercisedStake += stake
            var table = company.capTable ?? [:]
            for key in table.keys { table[key]! *= 1 - stake }
            table[company.warrants[index].holder, default: 0] += stake
            company.capTable = table
        default:
            break
        }
    }

    private static func pledge(_ position: inout [String: Amounts], firm: Decimal, currency: String, conditional: Money?) {
        position[currency, default: Amounts()].committed += firm
        if let conditional { position[conditional.currency, default: Amounts()].conditional += decimal(conditional.amount) }
        settle(&position, currency)
    }

    private static func pay(_ position: inout [String: Amounts], _ amount: Decimal, currency: String, toDate: Bool) {
        if toDate { position[currency, default: Amounts()].funded = amount } else { position[currency, default: Amounts()].funded += amount }
        settle(&position, currency)
    }

    private static func settle(_ position: inout [String: Amounts], _ currency: String) {
        guard var amounts = position[currency], amounts.funded > amounts.committed, amounts.conditional > 0 else { return }
        let moved = min(amounts.funded - amounts.committed, amounts.conditional)
        amounts.committed += moved
        amounts.conditional -= moved
        position[currency] = amounts
    }

    /// One holder line of a cap table as printed: holder, stake, implied value (equal when these are).
    public struct HolderLine: Equatable, CustomStringConvertible {
        public var holder: String
        public var stake: String
        public var value: String?
        /// The oracle's stake and value before rounding for print (nil on the side under test).
        public var unroundedStake: Decimal?
        public var unroundedValue: Decimal?
        public init(holder: String, stake: String, value: String?, unroundedStake: Decimal? = nil, unroundedValue: Decimal? = nil) {
            self.holder = holder; self.stake = stake; self.value = value
            self.unroundedStake = unroundedStake; self.unroundedValue = unroundedValue
        }
        public var description: String { "\(holder) \(stake) \(value ?? "-")" }
        public static func == (lhs: HolderLine, rhs: HolderLine) -> Bool {
            (lhs.holder, lhs.stake, lhs.value) == (rhs.holder, rhs.stake, rhs.value)
        }
    }

    /// Whether `printed` and `oracle` differ only by a tie: neighbours one unit of the last place apart,
    /// with the oracle's unrounded figure within 10^-(places + 12) of the midpoint that either path's
    /// last digit may put on one side or the other (an exact ½ such as 0.375 printed to the cent).
    public static func isTie(_ printed: String, _ oracle: String, unrounded: Decimal?, places: Int) -> Bool {
        guard let unrounded, let a = Decimal(string: printed, locale: Locale(identifier: "en_US_POSIX")),
              let b = Decimal(string: oracle, locale: Locale(identifier: "en_US_POSIX")) else { return false }
        let unit = Decimal(sign: .plus, exponent: -places, significand: 1)
        guard abs(a - b) == unit else { return false }
        let midpoint = (a + b) / 2
        return abs(unrounded - midpoint) < Decimal(sign: .plus, exponent: -(places + 12), significand: 1)
    }

    /// The cap table lines as the `Decimal` path printed them (nil while none is known), valued at `valuation`.
    public func capTable(of company: String, valuation: Money?, fullyDiluted: Bool) -> [HolderLine]? {
        guard var table = companies[company]?.capTable else { return nil }
        if fullyDiluted { table = Self.diluted(table, by: companies[company]?.warrants ?? []) }
        let value = { (stake: Decimal) -> Decimal? in valuation.map { stake * Self.decimal($0.amount) } }
        let line = { (holder: String, stake: Decimal) in
            HolderLine(holder: holder, stake: Self.text(stake), value: value(stake).map { Self.text(Self.rounded($0, places: 2)) },
                       unroundedStake: stake, unroundedValue: value(stake))
        }
        var lines = table.filter { $0.value > 0 }
            .sorted { ($0.value, $1.key) > ($1.value, $0.key) }
            .map { line($0.key, $0.value) }
        let total = table.keys.sorted().reduce(Decimal(0)) { $0 + table[$1]! }
        let rest = Self.rounded(1 - total, places: 20)
        if rest > 0 {
            var restLine = line(LedgerState.otherHolders, rest)
            restLine.unroundedStake = 1 - total
            lines.append(restLine)
        }
        return lines
    }

    private static func diluted(_ table: [String: Decimal], by warrants: [WarrantRecord]) -> [String: Decimal] {
        let pending = warrants.filter { $0.unexercisedStake > 0 }
        guard !pending.isEmpty else { return table }
        let total = pending.reduce(Decimal(0)) { $0 + $1.unexercisedStake }
        guard total < 1 else { return table }
        var result = table
        for key in result.keys { result[key]! *= 1 - total }
        for warrant in pending { result[warrant.holder, default: 0] += warrant.unexercisedStake }
        return result
    }

    /// Money invested in `company`, as "investor currency" → printed amount.
    public func invested(in company: String) -> [String: String] {
        var lines: [String: String] = [:]
        for (investor, totals) in companies[company]?.invested ?? [:] {
            for (currency, amount) in totals { lines["\(investor) \(currency)"] = Self.text(amount) }
        }
        return lines
    }

    /// Money promised and paid into `company`, as "investor currency" → "committed conditional funded outstanding".
    public func funding(in company: String) -> [String: String] {
        var lines: [String: String] = [:]
        for (investor, position) in companies[company]?.funding ?? [:] {
            for (currency, a) in position {
                lines["\(investor) \(currency)"] = [a.committed, a.conditional, a.funded, a.outstanding].map(Self.text).joined(separator: " ")
            }
        }
        return lines
    }

    /// The unexercised stake of each warrant on `company`, by warrant event id.
    public func unexercisedWarrants(of company: String) -> [String: String] {
        Dictionary(uniqueKeysWithValues: (companies[company]?.warrants ?? []).map { ($0.eventId, Self.text($0.unexercisedStake)) })
    }

    /// The companies the oracle knows anything numeric about.
    public var companyIDs: [String] { companies.keys.sorted() }
}
