import Foundation

/// One party's money into another beside the compute bought back the other way (CONTRACT §4, "circular" deals).
public struct FlowView: Hashable, Sendable {
    /// The investor (who put money in, and sells compute back).
    public var investor: String
    /// The company (who received money, and buys compute).
    public var company: String
    /// The currency of the figures.
    public var currency: String
    /// What the investor committed, paid and still owes the company.
    public var investment: FundingPosition.Amounts
    /// The total of the company's purchase commitments to the investor.
    public var purchases: ExactDecimal
    /// The purchase commitment events counted.
    public var purchaseEventIds: [String]
}

extension LedgerState {
    /// What `investor` committed to and paid into `company` (empty when nothing is recorded).
    public func fundingPosition(of investor: String, in company: String) -> FundingPosition {
        companies[company]?.funding[investor] ?? FundingPosition()
    }

    /// Purchase commitments in (date, buyer, event id) order, optionally of one buyer and/or one seller.
    public func purchaseCommitments(buyer: String? = nil, seller: String? = nil) -> [PurchaseRecord] {
        let buyers = buyer.map { [$0] } ?? companyIDs
        var records: [PurchaseRecord] = []
        for id in buyers {
            for record in companies[id]?.purchases ?? [] where seller == nil || record.seller == seller { records.append(record) }
        }
        return records.sorted { ($0.date, $0.buyer, $0.eventId) < ($1.date, $1.buyer, $1.eventId) }
    }

    /// Negotiation threads about `subject` (a company or a partnership; every one when nil), open ones only unless `includeClosed`.
    public func negotiations(about subject: String? = nil, includeClosed: Bool = false) -> [(subject: String, isPartnership: Bool, thread: NegotiationThread)] {
        var found: [(subject: String, isPartnership: Bool, thread: NegotiationThread)] = []
        for id in companyIDs where subject == nil || subject == id {
            for thread in (companies[id]?.negotiations ?? [:]).values where includeClosed || thread.isOpen { found.append((id, false, thread)) }
        }
        for id in partnerships.keys.sorted() where subject == nil || subject == id {
            for thread in partnerships[id]!.negotiations.values where includeClosed || thread.isOpen { found.append((id, true, thread)) }
        }
        return found.sorted { ($0.thread.stages[0].date, $0.thread.thread) < ($1.thread.stages[0].date, $1.thread.thread) }
    }

    /// Per pair of parties, the money invested one way beside the compute committed the other way.
    ///
    /// A pair appears when either side is recorded; pairs are sorted by investor, then company, then currency.
    public func flows(party: String? = nil) -> [FlowView] {
        struct Key: Hashable, Comparable {
            var investor: String, company: String, currency: String
            static func < (a: Key, b: Key) -> Bool { (a.investor, a.company, a.currency) < (b.investor, b.company, b.currency) }
        }
        var investments: [Key: FundingPosition.Amounts] = [:]
        var purchases: [Key: (ExactDecimal, [String])] = [:]
        for (companyID, company) in companies {
            for (investor, position) in company.funding {
                for (currency, amounts) in position.byCurrency { investments[Key(investor: investor, company: companyID, currency: currency)] = amounts }
            }
            for record in company.purchases {
                let key = Key(investor: record.seller, company: record.buyer, currency: record.amount.currency)
                var entry = purchases[key] ?? (0, [])
                entry.0 += record.amount.amount
                entry.1.append(record.eventId)
                purchases[key] = entry
            }
        }
        let keys = Set(investments.keys).union(purchases.keys)
            .filter { party == nil || $0.investor == party || $0.company == party }
        return keys.sorted().map { key in
            FlowView(investor: key.investor, company: key.company, currency: key.currency, investment: investments[key] ?? FundingPosition.Amounts(),
                     purchases: purchases[key]?.0 ?? 0, purchaseEventIds: purchases[key]?.1 ?? [])
        }
    }

    /// `table` with the unexercised warrants' stakes added: earlier holders keep (1 − Σ warrants) of theirs.
    static func diluted(_ table: [String: Stake], by warrants: [WarrantRecord]) -> [String: Stake] {
        let pending = warrants.filter { $0.unexercisedStake > 0 }
        guard !pending.isEmpty else { return table }
        let total = pending.reduce(ExactDecimal.zero) { $0 + $1.unexercisedStake }
        guard total < 1 else { return table }
        var result = table
        let keep = 1 - Stake(total)
        for index in result.indices { result.values[index] *= keep }
        for warrant in pending { result[warrant.holder, default: 0] += Stake(warrant.unexercisedStake) }
        return result
    }
}
