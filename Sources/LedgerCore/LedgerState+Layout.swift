import Foundation

extension LedgerState {
    /// A fingerprint of the state's shape: the stored fields of every type it holds.
    ///
    /// Snapshots store the state through its `Codable` conformance; a snapshot
    /// written before a field was added would decode without it. Stores keep
    /// this fingerprint beside each snapshot and ignore snapshots whose
    /// fingerprint differs, so a change of shape makes them rebuild instead
    /// of answering from stale data.
    ///
    /// ```swift
    /// LedgerState.layoutFingerprint // "LedgerState(parties,partnerships,…);CompanyState(…);…"
    /// ```
    public static let layoutFingerprint: String = {
        let money = Money(amount: 1, currency: "USD")
        let date = LedgerDate(year: 2000, month: 1, day: 1)!
        let origin = ClaimOrigin(date: date, announced: nil, status: .confirmed, eventId: "e", sources: [])
        let figure = Figure(money: money, basis: "b", date: date, status: .confirmed, seq: 1, eventId: "e", sources: [])
        let samples: [Any] = [
            LedgerState(), CompanyState(id: "c"), PartyInfo(name: "n", kind: .company, eventId: "e"),
            PartnershipState(id: "p", parties: [], since: date, eventId: "e"),
            TermState(value: .null, since: date, eventId: "e", status: .confirmed), figure,
            RoleState(holders: [], since: date, eventId: "e"), MoneyTotals(), money, DatePeriod(from: date, to: date), RevenueKey(date: date, basis: .period),
            TermClaim(kind: .set, value: .null, origin: origin), origin, MemberClaim(value: .null, origin: origin),
            ClaimChoice(shown: MemberClaim(value: .null, origin: origin), alternatives: [], disputed: false),
            FundingPosition(), FundingPosition.Amounts(),
            PurchaseRecord(date: date, eventId: "e", status: .confirmed, sources: [], buyer: "b", seller: "s", amount: money, upTo: false,
                           period: nil, years: nil, capacity: nil, scope: "s", partnership: nil),
            WarrantRecord(date: date, eventId: "e", status: .confirmed, holder: "h", stake: nil, shares: nil, conditions: nil,
                          exercisedStake: 0, exercisedShares: 0),
            NegotiationThread(thread: "t", stages: []),
            NegotiationThread.Stage(date: date, eventId: "e", status: .confirmed, sources: [], stage: "talks", party: nil, proposals: [],
                                    amount: nil, valuation: nil),
        ]
        return samples.map { sample in
            let mirror = Mirror(reflecting: sample)
            return "\(mirror.subjectType)(" + mirror.children.map { $0.label ?? "?" }.joined(separator: ",") + ")"
        }.joined(separator: ";")
    }()
}
