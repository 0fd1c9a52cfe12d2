import Foundation

/// The outcome of one check: what was expected, what the ledger says, and whether they agree.
public struct CheckOutcome: Hashable, Sendable {
    public var expectation: Expectation
    /// The value the projection gives, or nil when it knows none.
    public var actual: Expectation.Expected?
    public var passed: Bool
    /// Why it failed, in plain words (nil when it passed).
    public var reason: String?
}

extension Expectation {
    /// Compares this expectation with `state`, the replay to ``asOf``.
    public func evaluate(in state: LedgerState) -> CheckOutcome {
        let actual = actualValue(in: state)
        guard let actual else {
            return CheckOutcome(expectation: self, actual: nil, passed: false, reason: "the ledger has no such figure at \(asOf)")
        }
        switch (expected, actual) {
        case (.money(let want), .money(let got)):
            guard want.currency == got.currency else {
                return CheckOutcome(expectation: self, actual: actual, passed: false, reason: "currency \(got.currency), expected \(want.currency)")
            }
            return within(abs(got.amount - want.amount), actual)
        case (.fraction(let want), .fraction(let got)):
            return within(abs(got - want), actual)
        case (.json(let want), .json(let got)):
            return CheckOutcome(expectation: self, actual: actual, passed: want == got, reason: want == got ? nil : "the term's value differs")
        default:
            return CheckOutcome(expectation: self, actual: actual, passed: false, reason: "the value is of another kind")
        }
    }

    private func within(_ difference: ExactDecimal, _ actual: Expected) -> CheckOutcome {
        let passed = difference <= tolerance
        return CheckOutcome(expectation: self, actual: actual, passed: passed,
                            reason: passed ? nil : "off by \(ExactDecimal.text(difference)), tolerance \(ExactDecimal.text(tolerance))")
    }

    private func actualValue(in state: LedgerState) -> Expected? {
        switch subject {
        case .valuation(let company):
            return state.valuation(of: company).flatMap(claim).map { .money($0.money) }
        case .stake(let company, let holder):
            let table = state.capTable(of: company, asOf: asOf)
            guard table.isKnown else { return nil }
            return .fraction(table.holders.first { $0.holder == holder }?.stake.rounded ?? 0)
        case .stakeValue(let company, let holder):
            let table = state.capTable(of: company, asOf: asOf)
            guard table.isKnown, let value = table.holders.first(where: { $0.holder == holder })?.value else { return nil }
            return .money(value)
        case .invested(let investor, let company):
            guard case .money(let want) = expected else { return nil }
            let total = state.invested(by: investor, in: company).byCurrency[want.currency] ?? 0
            return .money(Money(amount: total, currency: want.currency))
        case .term(let partnership, let term):
            guard let partnershipState = state.partnerships[partnership] else { return nil }
            return .json(partnershipState.terms[term]?.value ?? .null)
        case .revenue(let company, let basis):
            return state.latestRevenue(of: company)[basis].flatMap(claim).map { .money($0.money) }
        case .funding(let figure, let investor, let company):
            guard case .money(let want) = expected else { return nil }
            return state.fundingPosition(of: investor, in: company).money(figure.path, in: want.currency).map { .money($0) }
        case .purchase(let buyer, let seller):
            guard case .money(let want) = expected else { return nil }
            let total = state.purchaseCommitments(buyer: buyer, seller: seller).filter { $0.amount.currency == want.currency }
                .reduce(ExactDecimal.zero) { $0 + $1.amount.amount }
            return .money(Money(amount: total, currency: want.currency))
        case .negotiation(let thread, let figure):
            guard let found = state.negotiations(includeClosed: true).first(where: { $0.thread.thread == thread }) else { return nil }
            for stage in found.thread.stages.reversed() {
                switch figure {
                case .amount: if let amount = stage.amount { return .money(amount) }
                case .valuation: if let valuation = stage.valuation { return .money(valuation) }
                case .proposals: if !stage.proposals.isEmpty { return .json(.array(stage.proposals)) }
                }
            }
            return nil
        case .warrant(let company, let holder):
            let warrants = (state.companies[company]?.warrants ?? []).filter { $0.holder == holder }
            guard !warrants.isEmpty else { return nil }
            var figures: [String: JSONValue] = [:]
            let shares = warrants.compactMap(\.shares), stakes = warrants.compactMap(\.stake)
            if !shares.isEmpty { figures["shares"] = .string(ExactDecimal.text(shares.reduce(0, +))) }
            if !stakes.isEmpty { figures["stake"] = .string(ExactDecimal.text(stakes.reduce(0, +))) }
            return .json(.object(figures))
        }
    }

    /// The claim this check reads among a figure's shown claim and its alternatives: the named event's, else the shown one.
    private func claim(_ figure: ChosenFigure) -> Figure? {
        guard let event else { return figure.chosen }
        return ([figure.chosen] + figure.alternatives).first { $0.eventId == event }
    }
}

extension Expectation.Expected {
    /// The value as JSON: Money object, decimal string, or the term's value.
    public var json: JSONValue {
        switch self {
        case .money(let money): money.json
        case .fraction(let fraction): .decimal(fraction)
        case .json(let value): value
        }
    }
}
