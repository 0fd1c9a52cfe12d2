import Foundation

extension LedgerState {
    /// The holder name under which unattributed stake is reported.
    public static let otherHolders = "other-holders"

    /// Applies one event, per the projection rules of CONTRACT.md §1.
    ///
    /// Events must come in (date, seq) order. Corrections and retractions are
    /// resolved before this point (see ``Amendments``); passed here, they are
    /// ignored.
    ///
    /// Returns false when the event would take a running total (money one investor
    /// invested, committed or paid) beyond the exact range, ±1.7 × 10^18; that total
    /// is left as it was, and the replay refuses to answer, naming the event
    /// (``LedgerError/runningTotalOutOfRange(eventId:)``).
    @discardableResult
    public mutating func apply(_ logged: LoggedEvent) -> Bool {
        var inRange = true
        fold(logged, inRange: &inRange)
        return inRange
    }

    private mutating func fold(_ logged: LoggedEvent, inRange: inout Bool) {
        let event = logged.event
        let seq = logged.seq
        lastDate = event.date
        appliedCount += 1
        switch event.body {
        case .party(let p):
            parties[p.party] = PartyInfo(name: p.name, kind: p.kind, eventId: event.id)
        case .partnership(let p):
            var partnership = partnerships[p.partnership]
                ?? PartnershipState(id: p.partnership, parties: p.parties, since: event.date, eventId: event.id)
            partnership.parties = p.parties
            partnership.since = event.date
            partnership.eventId = event.id
            for (name, value) in p.terms {
                partnership.record(TermClaim(kind: .set, value: value, origin: ClaimOrigin(event)), about: name)
            }
            partnerships[p.partnership] = partnership
        case .fundingRound(let round):
            applyRound(round, event: event, seq: seq, inRange: &inRange)
        case .valuation(let v):
            settleThreads(settledBy: event, company: v.company)
            Self.addValuation(Figure(money: v.value, basis: v.basis.rawValue, date: event.date, status: event.status,
                                     seq: seq, eventId: event.id, sources: event.sources, announced: event.announced),
                              to: &companies[v.company, default: CompanyState(id: v.company)])
        case .revenue(let r):
            Self.addRevenue(Figure(revenue: r, event: event, seq: seq), basis: r.basis,
                            to: &companies[r.company, default: CompanyState(id: r.company)])
        case .governance(let g):
            // Mutated in place (no copy of the company's history per event).
            Self.applyGovernance(g, event: event, to: &companies[g.company, default: CompanyState(id: g.company)])
        case .renegotiation(let r):
            guard partnerships[r.partnership] != nil else { return }
            for thread in partnerships[r.partnership]!.pendingSettlements.removeValue(forKey: event.id) ?? [] {
                Self.close(thread, on: event, in: &partnerships[r.partnership]!.negotiations)
            }
            let origin = ClaimOrigin(event)
            for change in r.changes {
                partnerships[r.partnership]!.record(TermClaim(change.action, origin: origin), about: change.term)
            }
        case .recapitalization(let r):
            settleThreads(settledBy: event, company: r.company)
            var table: [String: Stake] = [:]
            for holding in r.stakes { table[holding.holder, default: 0] += Stake(holding.stake) }
            Self.setCapTable(table, eventId: event.id, on: &companies[r.company, default: CompanyState(id: r.company)])
        case .correction, .retraction:
            appliedCount -= 1
        case .commitment(let c):
            settleThreads(settledBy: event, company: c.company)
            if !companies[c.company, default: CompanyState(id: c.company)].funding[c.investor, default: FundingPosition()]
                .pledge(firm: c.firm, conditional: c.conditional) { inRange = false }
        case .funding(let f):
            var position = companies[f.company, default: CompanyState(id: f.company)].funding[f.investor] ?? FundingPosition()
            switch f.paid {
            case .amount(let money): if !position.pay(money) { inRange = false }
            case .toDate(let money): position.setFunded(money)
            }
            companies[f.company, default: CompanyState(id: f.company)].funding[f.investor] = position
        case .purchaseCommitment(let p):
            companies[p.buyer, default: CompanyState(id: p.buyer)].purchases.append(
                PurchaseRecord(date: event.date, eventId: event.id, status: event.status, sources: event.sources, buyer: p.buyer, seller: p.seller,
                               amount: p.amount, upTo: p.upTo, period: p.period, years: p.years, capacity: p.capacity, scope: p.scope,
                               partnership: p.partnership))
        case .warrant(let w):
            Self.applyWarrant(w, event: event, to: &companies[w.company, default: CompanyState(id: w.company)])
        case .negotiation(let n):
            applyNegotiation(n, event: event)
        }
    }

    private static func applyWarrant(_ w: Warrant, event: Event, to company: inout CompanyState) {
        guard let exercised = w.exercises else {
            company.warrants.append(WarrantRecord(date: event.date, eventId: event.id, status: event.status, holder: w.holder, stake: w.stake,
                                                  shares: w.shares, conditions: w.conditions, exercisedStake: 0, exercisedShares: 0))
            return
        }
        // An exercise of a warrant on another company, or of one retracted, changes nothing.
        guard let index = company.warrants.firstIndex(where: { $0.eventId == exercised }) else { return }
        company.warrants[index].exercisedShares += w.shares ?? 0
        guard let stake = w.stake, stake > 0 else { return }
        company.warrants[index].exercisedStake += stake
        // The exercised stake is issued: earlier holders keep (1 − stake) of theirs.
        var table = company.capTable ?? [:]
        company.capTable = nil
        let keep = 1 - Stake(stake)
        for index in table.indices { table.values[index] *= keep }
        table[company.warrants[index].holder, default: 0] += Stake(stake)
        setCapTable(table, eventId: event.id, on: &company)
    }

    private mutating func applyNegotiation(_ n: Negotiation, event: Event) {
        let threadID = n.thread ?? event.id
        var stage = NegotiationThread.Stage(date: event.date, eventId: event.id, status: event.status, sources: event.sources,
                                            stage: n.stage.rawValue, party: n.party, proposals: [])
        func record(_ threads: inout [String: NegotiationThread], _ pending: inout [String: [String]]) {
            var thread = threads[threadID] ?? NegotiationThread(thread: threadID, stages: [])
            thread.stages.append(stage)
            if n.stage == .abandoned {
                thread.closedOn = event.date; thread.closedBy = event.id
            } else if thread.closedOn != nil, thread.closedBy == thread.stages.dropLast().last?.eventId {
                // Talks resumed after being abandoned.
                thread.closedOn = nil; thread.closedBy = nil
            }
            if let settledBy = n.settledBy, thread.isOpen, !(pending[settledBy] ?? []).contains(threadID) {
                pending[settledBy, default: []].append(threadID)
            }
            threads[threadID] = thread
        }
        switch n.subject {
        case .terms(let partnership, let proposals):
            guard var state = partnerships[partnership] else { return }
            stage.proposals = proposals.map(\.json)
            record(&state.negotiations, &state.pendingSettlements)
            partnerships[partnership] = state
        case .round(let company, let amount, let valuation):
            stage.amount = amount; stage.valuation = valuation
            var state = companies[company] ?? CompanyState(id: company)
            record(&state.negotiations, &state.pendingSettlements)
            companies[company] = state
        }
    }

    /// Closes the company's threads that named `event` as their settlement.
    private mutating func settleThreads(settledBy event: Event, company: String) {
        guard let threads = companies[company]?.pendingSettlements.removeValue(forKey: event.id) else { return }
        for thread in threads { Self.close(thread, on: event, in: &companies[company]!.negotiations) }
    }

    private static func close(_ thread: String, on event: Event, in threads: inout [String: NegotiationThread]) {
        guard threads[thread]?.isOpen == true else { return }
        threads[thread]!.closedOn = event.date
        threads[thread]!.closedBy = event.id
    }

    private mutating func applyRound(_ round: FundingRound, event: Event, seq: Int64, inRange: inout Bool) {
        settleThreads(settledBy: event, company: round.company)
        Self.applyRound(round, event: event, seq: seq, to: &companies[round.company, default: CompanyState(id: round.company)], inRange: &inRange)
        if let id = round.partnership, partnerships[id] != nil {
            for investment in round.investments {
                if !partnerships[id]!.invested[investment.investor, default: MoneyTotals()].add(investment.amount) { inRange = false }
            }
        }
    }

    private static func applyRound(_ round: FundingRound, event: Event, seq: Int64, to company: inout CompanyState, inRange: inout Bool) {
        for investment in round.investments {
            if !company.invested[investment.investor, default: MoneyTotals()].add(investment.amount)
                || !company.funding[investment.investor, default: FundingPosition()].pledge(firm: investment.firm, conditional: investment.conditional)
                || !company.funding[investment.investor]!.pay(investment.paidAtClose) {
                inRange = false
            }
        }
        if let post = round.impliedPostMoney {
            addValuation(Figure(money: post, basis: ValuationBasis.postMoney.rawValue, date: event.date, status: event.status,
                                seq: seq, eventId: event.id, sources: event.sources, announced: event.announced), to: &company)
            if round.instrument == .equity, let total = round.total, post.amount > 0 {
                // Dilution: earlier holders keep (1 − total/post) of their stake; each investor gets amount/post.
                let keep = 1 - Stake.ratio(total.amount, of: post.amount)
                var table = company.capTable ?? [:]
                company.capTable = nil
                for index in table.indices { table.values[index] *= keep }
                for investment in round.investments {
                    table[investment.investor, default: 0] += Stake.ratio(investment.amount.amount, of: post.amount)
                }
                setCapTable(table, eventId: event.id, on: &company)
            }
        }
    }

    private static func applyGovernance(_ g: GovernanceChange, event: Event, to company: inout CompanyState) {
        for change in g.changes {
            var holders = company.roles[change.role]?.holders ?? []
            switch change.action {
            case .set(let names): holders = names
            case .add(let name): if !holders.contains(name) { holders.append(name) }
            case .remove(let name): holders.removeAll { $0 == name }
            }
            company.roles[change.role] = holders.isEmpty ? nil : RoleState(holders: holders, since: event.date, eventId: event.id)
        }
    }

    private static func setCapTable(_ table: [String: Stake], eventId: String, on company: inout CompanyState) {
        company.capTable = table
        company.capTableEventId = eventId
    }

    /// Keeps the figure when it is of the latest valuation date (only that date is ever shown); a later date replaces the earlier.
    private static func addValuation(_ figure: Figure, to company: inout CompanyState) {
        if let latest = company.valuations.keys.first, latest != figure.date {
            guard latest < figure.date else { return }
            company.valuations.removeAll(keepingCapacity: true)
        }
        company.valuations[figure.date, default: []].append(figure)
    }

    /// Keeps the figure when it is of its basis's latest date (``latestRevenue(of:)``); a later date replaces the earlier.
    private static func addRevenue(_ figure: Figure, basis: RevenueBasis, to company: inout CompanyState) {
        let key = RevenueKey(date: figure.date, basis: basis)
        if let earlier = company.revenue.keys.first(where: { $0.basis == basis && $0.date != figure.date }) {
            guard earlier.date < figure.date else { return }
            company.revenue.removeValue(forKey: earlier)
        }
        company.revenue[key, default: []].append(figure)
    }
}
