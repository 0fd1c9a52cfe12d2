import SyntheticHistory
import TestSupport
import Foundation
@testable import LedgerCore

/// A random but valid partnership history.
///
/// Parties and partnerships are registered first (dated 2000); every other
/// event has its own effective date, so the replay order (date, seq) never
/// depends on the append order. Amendments target distinct events, and a
/// correction that moves a fact moves it to a date no other event uses.
struct RandomHistory {
    let registrations: [Event]
    /// Dated facts: rounds, valuations, recapitalizations, governance, renegotiations, revenue.
    let facts: [Event]
    /// Corrections and retractions of distinct facts (appendable in any order after the facts).
    let amendments: [Event]
    /// Amendments of amendments (a retraction of a correction), appended last.
    let followUps: [Event]
    /// Every effective date used, for as-of queries.
    let dates: [LedgerDate]

    static let companies = ["c1", "c2"]
    static let investors = ["i1", "i2", "i3", "i4"]
    static let holders = ["f1", "i1", "i2", "i3", "i4"]
    static let partnerships = ["p1": ["i1", "c1"], "p2": ["i2", "c2"]]
    static let people = ["ann", "bob", "cy", "dee"]
    static let roles = ["ceo", "chair", "board"]
    static let terms = ["t1", "t2", "t3", "t4"]

    init(seed: UInt64, factCount: Int = 60, amendmentCount: Int = 8) {
        var rng = SeededRandom(seed: seed)
        let start = LedgerDate(year: 2005, month: 1, day: 1)!
        // Distinct dates: one per fact, plus spares for corrections that move a fact.
        var offsets: Set<Int> = []
        while offsets.count < factCount + amendmentCount { offsets.insert(Int.random(in: 0..<6000, using: &rng)) }
        var pool = offsets.sorted().shuffled(using: &rng).map { start.adding(days: $0)! }
        let spareDates = Array(pool.suffix(amendmentCount))
        pool.removeLast(amendmentCount)

        let registrationDate = LedgerDate(year: 2000, month: 1, day: 1)!
        var registrations: [Event] = (Self.companies + Self.holders).map {
            Event(id: "party-\($0)", date: registrationDate, body: .party(PartyRegistration(party: $0, name: $0, kind: .company)))
        }
        for id in Self.partnerships.keys.sorted() {
            let terms = Dictionary(uniqueKeysWithValues: Self.terms.prefix(2).map { ($0, JSONValue.number("1")) })
            registrations.append(Event(id: "partnership-\(id)", date: registrationDate,
                                       body: .partnership(PartnershipRegistration(partnership: id, parties: Self.partnerships[id]!, terms: terms))))
        }
        self.registrations = registrations

        var facts: [Event] = []
        for (index, date) in pool.enumerated() {
            // Every kind of fact at least once, then random kinds.
            let type = index < Self.factTypes.count ? Self.factTypes[index] : Self.randomType(using: &rng)
            let body = Self.randomBody(of: type, using: &rng)
            facts.append(Event(id: "e-\(index)", date: date, status: Self.randomStatus(using: &rng), body: body))
        }
        self.facts = facts

        var amendments: [Event] = []
        var followUps: [Event] = []
        let targets = facts.shuffled(using: &rng).prefix(amendmentCount)
        for (index, target) in targets.enumerated() {
            let id = "a-\(index)"
            let date = LedgerDate(year: 2030, month: 1, day: 1 + index)!
            if Bool.random(using: &rng) {
                amendments.append(Event(id: id, date: date, body: .retraction(Retraction(retracts: target.id, reason: "generated"))))
            } else {
                let replacement = Event(id: target.id, date: Bool.random(using: &rng) ? spareDates[index] : target.date,
                                        status: Self.randomStatus(using: &rng), body: Self.randomBody(of: target.type, using: &rng))
                amendments.append(Event(id: id, date: date, body: .correction(Correction(corrects: target.id, replacement: replacement, reason: "generated"))))
                if followUps.isEmpty, Bool.random(using: &rng) {
                    followUps.append(Event(id: "undo-\(id)", date: date, body: .retraction(Retraction(retracts: id, reason: "generated"))))
                }
            }
        }
        self.amendments = amendments
        self.followUps = followUps
        dates = (pool + spareDates).sorted()
    }

    // MARK: - Random pieces

    /// Every type generated as a fact (all but registrations and amendments).
    static let factTypes = EventType.allCases.filter { ![.party, .partnership, .correction, .retraction].contains($0) }

    static func randomType(using rng: inout SeededRandom) -> EventType {
        let weighted: [EventType] = [.fundingRound, .fundingRound, .fundingRound, .fundingRound, .valuation, .valuation,
                                     .recapitalization, .governance, .renegotiation, .renegotiation, .revenue,
                                     .commitment, .funding, .funding, .purchaseCommitment, .warrant, .negotiation]
        return weighted.randomElement(using: &rng)!
    }

    static func randomStatus(using rng: inout SeededRandom) -> EventStatus {
        [.confirmed, .confirmed, .reported, .estimate].randomElement(using: &rng)!
    }

    static func millions(_ rng: inout SeededRandom, _ range: ClosedRange<Int>) -> ExactDecimal {
        ExactDecimal(Int.random(in: range, using: &rng)) * 1_000_000
    }

    static func randomBody(of type: EventType, using rng: inout SeededRandom) -> EventBody {
        let company = companies.randomElement(using: &rng)!
        switch type {
        case .fundingRound:
            let chosen = investors.shuffled(using: &rng).prefix(Int.random(in: 1...3, using: &rng))
            let investments = chosen.map { Investment(investor: $0, amount: Money(amount: millions(&rng, 1...100), currency: "USD")) }
            let total = investments.reduce(ExactDecimal.zero) { $0 + $1.amount.amount }
            let preMoney = Money(amount: millions(&rng, 1...900), currency: "USD")
            let instrument = Instrument.allCases.randomElement(using: &rng)!
            let partnership = partnerships.keys.sorted().first { partnerships[$0]!.contains(company) && partnerships[$0]!.contains(chosen[chosen.startIndex]) }
            var round = FundingRound(company: company, round: "r", instrument: Int.random(in: 0..<3, using: &rng) == 0 ? instrument : .equity,
                                     investments: investments, partnership: partnership)
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: round.preMoney = preMoney
            case 1: break
            case 2: round.preMoney = preMoney; round.postMoney = Money(amount: preMoney.amount + total, currency: "USD")
            default: round.postMoney = Money(amount: preMoney.amount + total, currency: "USD")
            }
            return .fundingRound(round)
        case .valuation:
            return .valuation(ValuationReport(company: company, value: Money(amount: millions(&rng, 10...5000), currency: "USD"),
                                              basis: ValuationBasis.allCases.randomElement(using: &rng)!))
        case .recapitalization:
            var remaining = 20 // in twentieths
            var stakes: [Holding] = []
            for holder in holders.shuffled(using: &rng).prefix(Int.random(in: 1...3, using: &rng)) where remaining > 0 {
                let share = Int.random(in: 1...remaining, using: &rng)
                remaining -= share
                stakes.append(Holding(holder: holder, stake: ExactDecimal(share) / 20))
            }
            return .recapitalization(Recapitalization(company: company, stakes: stakes))
        case .governance:
            let changes = (0..<Int.random(in: 1...3, using: &rng)).map { _ -> RoleChange in
                let role = roles.randomElement(using: &rng)!
                let person = people.randomElement(using: &rng)!
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: return RoleChange(role: role, action: .set(Array(people.shuffled(using: &rng).prefix(Int.random(in: 0...2, using: &rng)))))
                case 1: return RoleChange(role: role, action: .add(person))
                default: return RoleChange(role: role, action: .remove(person))
                }
            }
            return .governance(GovernanceChange(company: company, changes: changes))
        case .renegotiation:
            let changes = terms.shuffled(using: &rng).prefix(Int.random(in: 1...2, using: &rng)).map { term in
                Bool.random(using: &rng) ? TermChange(term: term, action: .remove)
                    : TermChange(term: term, action: .set(.string("v\(Int.random(in: 0...99, using: &rng))")))
            }
            return .renegotiation(Renegotiation(partnership: partnerships.keys.sorted().randomElement(using: &rng)!, changes: changes))
        case .revenue:
            return .revenue(RevenueReport(company: company, amount: Money(amount: millions(&rng, 1...999), currency: "USD"),
                                          basis: RevenueBasis.allCases.randomElement(using: &rng)!))
        case .commitment:
            let amount = millions(&rng, 10...999)
            return .commitment(Commitment(company: company, investor: investors.randomElement(using: &rng)!, amount: Money(amount: amount, currency: "USD"),
                                          upTo: Bool.random(using: &rng),
                                          conditional: Bool.random(using: &rng) ? Money(amount: amount / 2, currency: "USD") : nil))
        case .funding:
            let money = Money(amount: millions(&rng, 1...500), currency: "USD")
            return .funding(Funding(company: company, investor: investors.randomElement(using: &rng)!,
                                    paid: Bool.random(using: &rng) ? .amount(money) : .toDate(money)))
        case .purchaseCommitment:
            return .purchaseCommitment(PurchaseCommitment(buyer: company, seller: investors.randomElement(using: &rng)!,
                                                          amount: Money(amount: millions(&rng, 1...999), currency: "USD"), scope: "compute"))
        case .warrant:
            return .warrant(Warrant(company: company, holder: holders.randomElement(using: &rng)!,
                                    stake: ExactDecimal(Int.random(in: 1...50, using: &rng)) / 1000, conditions: "generated"))
        case .negotiation:
            let stage = Negotiation.Stage.allCases.randomElement(using: &rng)!
            let thread = "thread-\(Int.random(in: 0...2, using: &rng))"
            if Bool.random(using: &rng) {
                return .negotiation(Negotiation(subject: .round(company: company, amount: Money(amount: millions(&rng, 1...99), currency: "USD"), valuation: nil),
                                                stage: stage, thread: thread))
            }
            let proposals = stage == .abandoned ? [] : [TermChange(term: terms.randomElement(using: &rng)!, action: .set(.string("p")))]
            return .negotiation(Negotiation(subject: .terms(partnership: partnerships.keys.sorted().randomElement(using: &rng)!, proposals: proposals),
                                            stage: stage, thread: thread))
        case .party, .partnership, .correction, .retraction:
            fatalError("not generated as a fact")
        }
    }

    // MARK: - The same fold, without the store's ordering and amendment resolution

    /// The state at `asOf` computed without the store or the Replayer: amendments
    /// resolved by hand, facts sorted by effective date, then folded with the
    /// production fold, `LedgerState.apply`.
    ///
    /// This is not an independent model of the projection: it shares the fold, so
    /// a bug in `apply` is invisible here. It checks what the store adds — replay
    /// order, the as-of bound and amendment resolution. The fold itself is checked
    /// against an independent reference fold of its own.
    func handResolvedReplay(asOf: LedgerDate) -> LedgerState {
        var replaced: [String: Event] = [:]
        var retracted: Set<String> = []
        let undone = Set(followUps.compactMap { if case .retraction(let r) = $0.body { r.retracts } else { nil } })
        for amendment in amendments where !undone.contains(amendment.id) {
            switch amendment.body {
            case .correction(let c): replaced[c.corrects] = c.replacement
            case .retraction(let r): retracted.insert(r.retracts)
            default: break
            }
        }
        let effective = facts.filter { !retracted.contains($0.id) }.map { replaced[$0.id] ?? $0 }
        var state = LedgerState()
        for event in registrations + effective.sorted(by: { $0.date < $1.date }) where event.date <= asOf {
            state.apply(LoggedEvent(seq: 0, event: event))
        }
        return state
    }
}

/// `state` with the log positions inside its figures cleared, since those depend on the append order.
func withoutSeqs(_ state: LedgerState) -> LedgerState {
    var state = state
    for id in state.companies.keys {
        state.companies[id]!.valuations = state.companies[id]!.valuations.mapValues { $0.map { var f = $0; f.seq = 0; return f } }
        state.companies[id]!.revenue = state.companies[id]!.revenue.mapValues { $0.map { var f = $0; f.seq = 0; return f } }
    }
    return state
}
