import Foundation

/// A company's cap table at a date, with its valuation and implied stake values.
public struct CapTableView: Hashable, Sendable {
    public var company: String
    public var asOf: LedgerDate
    /// The valuation in force, or nil when none is known.
    public var valuation: ChosenFigure?
    /// Holders by stake, largest first; ``LedgerState/otherHolders`` last.
    public var holders: [HolderStake]
    /// False while no equity round or recapitalization has given a cap table.
    public var isKnown: Bool
    /// The event that last moved the cap table.
    public var eventId: String?
}

/// One holder's stake and its implied value.
public struct HolderStake: Hashable, Sendable {
    public var holder: String
    /// The stake, to 36 places; it prints rounded to 20 (``Stake/rounded``).
    public var stake: Stake
    /// stake × valuation, or nil when the valuation is unknown.
    public var value: Money?
}

/// The figure the projection shows, and the disagreeing figures it passed over.
public struct ChosenFigure: Hashable, Sendable {
    public var chosen: Figure
    /// The other figures of the same date, best first.
    public var alternatives: [Figure]
    /// True when an alternative of the same rank (status, then announced) gives another amount.
    public var disputed: Bool = false
}

/// One term in force: its name and its state (`view.value`, `view.since`, `view.members`… read the state).
@dynamicMemberLookup
public struct TermView: Hashable, Sendable {
    /// The term's name.
    public var term: String
    /// Its value, where it came from, its members and whether it is disputed.
    public var state: TermState

    /// Creates a view.
    public init(term: String, state: TermState) { self.term = term; self.state = state }

    /// The state's fields, read through the view.
    public subscript<Value>(dynamicMember field: KeyPath<TermState, Value>) -> Value { state[keyPath: field] }
}

extension LedgerState {
    /// Picks the figure shown among figures of the same date, by ``ClaimPrecedence``.
    static func choose(_ figures: [Figure]) -> ChosenFigure? {
        ClaimPrecedence.choose(figures, rank: \.rank, key: \.eventId, agree: { $0.money == $1.money }).map {
            ChosenFigure(chosen: $0.shown, alternatives: $0.alternatives, disputed: $0.disputed)
        }
    }

    /// The valuation in force for `company`: the latest date's figure, disagreements resolved.
    public func valuation(of company: String) -> ChosenFigure? {
        guard let valuations = companies[company]?.valuations, let latest = valuations.keys.max() else { return nil }
        return Self.choose(valuations[latest]!)
    }

    /// The cap table of `company` with implied values; `fullyDiluted` adds the unexercised warrants' stakes (CONTRACT §4).
    public func capTable(of company: String, asOf: LedgerDate, fullyDiluted: Bool = false) -> CapTableView {
        let state = companies[company]
        let valuation = valuation(of: company)
        var holders: [HolderStake] = []
        if var table = state?.capTable {
            if fullyDiluted, let warrants = state?.warrants { table = Self.diluted(table, by: warrants) }
            let value = { (stake: Stake) -> Money? in
                valuation.map { Money(amount: stake.value(of: $0.chosen.money.amount, places: 2), currency: $0.chosen.money.currency) }
            }
            holders = table.filter { $0.value > 0 }
                .sorted { ($0.value, $1.key) > ($1.value, $0.key) }
                .map { HolderStake(holder: $0.key, stake: $0.value, value: value($0.value)) }
            // Stake addition is exact, so the order of the sum does not matter.
            let total = table.values.reduce(Stake.zero, +)
            // Divisions leave residues in the last digits (1/3 + 2/3 need not be
            // exactly 1); below the 20 places shown, they are no holder.
            let rest = (1 - total).rounded
            if rest > 0 { holders.append(HolderStake(holder: Self.otherHolders, stake: Stake(rest), value: value(Stake(rest)))) }
        }
        return CapTableView(company: company, asOf: asOf, valuation: valuation, holders: holders,
                            isKnown: state?.capTable != nil, eventId: state?.capTableEventId)
    }

    /// The terms in force for `partnership`, by name.
    public func terms(of partnership: String) -> [TermView] {
        guard let terms = partnerships[partnership]?.terms else { return [] }
        return terms.keys.sorted().map { name in
            TermView(term: name, state: terms[name]!)
        }
    }

    /// Revenue figures by (date, basis), disagreements resolved, oldest first.
    static func chosenFigures(_ revenue: [RevenueKey: [Figure]]) -> [(key: RevenueKey, figure: ChosenFigure)] {
        revenue.keys.sorted().compactMap { key in choose(revenue[key]!).map { (key, $0) } }
    }

    /// The latest revenue figure of `company` for each basis (every earlier one: ``CompanyHistory/revenue(of:)``).
    public func latestRevenue(of company: String) -> [RevenueBasis: ChosenFigure] {
        var latest: [RevenueBasis: ChosenFigure] = [:]
        for (key, figure) in Self.chosenFigures(companies[company]?.revenue ?? [:]) { latest[key.basis] = figure }
        return latest
    }

    /// Cumulative invested capital of `investor` in `company`.
    public func invested(by investor: String, in company: String) -> MoneyTotals {
        companies[company]?.invested[investor] ?? MoneyTotals()
    }

    /// A party's display name, or its id when unregistered.
    public func name(of id: String) -> String {
        id == Self.otherHolders ? "Other holders" : parties[id]?.name ?? id
    }

    /// Ids of companies with anything recorded, sorted.
    public var companyIDs: [String] { companies.keys.sorted() }
}
