import Foundation

/// Follows one company's cap table through the replay and records every move.
///
/// Feed it the effective events of a replay, in order (see `EventStore`'s
/// `forEachEffective`); after each event that names the company it compares
/// the cap table and implied values with the previous ones and records one
/// ``StakeChange`` per holder whose stake or value moved.
///
/// ```swift
/// var history = StakeHistory(company: "openai")
/// try store.forEachEffective(asOf: date, knownAt: nil) { history.feed($0) }
/// history.changes // oldest first
/// ```
public struct StakeHistory: Sendable {
    /// The company followed.
    public let company: String
    /// The projection so far.
    public private(set) var state = LedgerState()
    /// Every move so far, oldest first.
    public private(set) var changes: [StakeChange] = []
    private var previous: [String: HolderStake] = [:]

    /// Starts following `company` from an empty ledger.
    public init(company: String) { self.company = company }

    /// Applies one effective event and records the moves it caused.
    public mutating func feed(_ effective: LoggedEvent) {
        state.apply(effective)
        let event = effective.event
        // Only events naming the company can touch its cap table or valuation.
        guard event.namedIDs.contains(company) else { return }
        let view = state.capTable(of: company, asOf: event.date)
        let current = Dictionary(view.holders.map { ($0.holder, $0) }, uniquingKeysWith: { first, _ in first })
        let gone = previous.keys.filter { current[$0] == nil }.sorted()
        for holder in view.holders.map(\.holder) + gone {
            let before = previous[holder], after = current[holder]
            guard before?.stake != after?.stake || before?.value != after?.value else { continue }
            changes.append(StakeChange(cause: DiffCause(effective), holder: holder,
                                       stakeFrom: before?.stake.rounded, stakeTo: after?.stake.rounded,
                                       valueFrom: before?.value, valueTo: after?.value,
                                       valuation: view.valuation?.chosen.money))
        }
        previous = current
    }
}
