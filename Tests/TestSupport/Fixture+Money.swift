import LedgerCore
import LedgerStore

extension Fixture {
    /// The README's worked example of money promised and paid (CONTRACT §4): Cloud pledges up to $4B to Lab ($2.75B of it
    /// conditional), pays $1.25B and $2.75B, pledges $4B more, a filing states $6.6B paid to date; Lab commits to buy
    /// $38B of compute back from Cloud; Cloud gets a warrant; a reported proposal (thread `share`) is settled by the
    /// renegotiation `new-terms`.
    public static let moneyEventLines = """
        {"type": "party", "id": "party-lab", "date": "2021-01-01", "party": "lab", "name": "Lab", "kind": "company"}
        {"type": "party", "id": "party-cloud", "date": "2021-01-01", "party": "cloud", "name": "Cloud", "kind": "investor"}
        {"type": "party", "id": "party-nonprofit", "date": "2021-01-01", "party": "nonprofit", "name": "Nonprofit", "kind": "nonprofit"}
        {"type": "partnership", "id": "cloud-lab", "date": "2023-09-25", "partnership": "cloud-lab", "parties": ["cloud", "lab"], "terms": {"revenue-share": {"rate": "0.20"}}}
        {"type": "recapitalization", "id": "lab-cap", "date": "2023-01-01", "company": "lab", "stakes": [{"holder": "nonprofit", "stake": "1"}]}
        {"type": "commitment", "id": "pledge-1", "date": "2023-09-25", "company": "lab", "investor": "cloud", "amount": {"amount": "4000000000", "currency": "USD"}, "upTo": true, "conditional": {"amount": "2750000000", "currency": "USD"}, "conditions": "an option on a second tranche", "partnership": "cloud-lab"}
        {"type": "funding", "id": "pay-1", "date": "2023-09-25", "company": "lab", "investor": "cloud", "amount": {"amount": "1250000000", "currency": "USD"}, "commitment": "pledge-1"}
        {"type": "funding", "id": "pay-2", "date": "2024-03-27", "company": "lab", "investor": "cloud", "amount": {"amount": "2750000000", "currency": "USD"}, "commitment": "pledge-1"}
        {"type": "commitment", "id": "pledge-2", "date": "2024-11-22", "company": "lab", "investor": "cloud", "amount": {"amount": "4000000000", "currency": "USD"}}
        {"type": "funding", "id": "filing", "date": "2025-09-30", "announced": "2025-10-30", "company": "lab", "investor": "cloud", "fundedToDate": {"amount": "6600000000", "currency": "USD"}}
        {"type": "purchase-commitment", "id": "compute", "date": "2025-11-03", "buyer": "lab", "seller": "cloud", "amount": {"amount": "38000000000", "currency": "USD"}, "years": 7, "scope": "cloud compute"}
        {"type": "warrant", "id": "warrant", "date": "2025-10-28", "company": "lab", "holder": "cloud", "stake": "0.1", "conditions": "if the valuation rises tenfold"}
        {"type": "renegotiation", "id": "new-terms", "date": "2025-10-28", "partnership": "cloud-lab", "changes": [{"term": "revenue-share", "set": {"rate": "0.15"}}]}
        {"type": "negotiation", "id": "talks", "date": "2025-05-06", "status": "reported", "partnership": "cloud-lab", "party": "lab", "stage": "proposal", "thread": "share", "settledBy": "new-terms", "proposals": [{"term": "revenue-share", "set": {"rate": "0.10"}}]}
        """

    /// ``moneyEventLines`` in a fresh in-memory ledger, one batch.
    public static func moneyLedger() throws -> EventStore {
        let store = try EventStore.inMemory()
        let events = try EventDecoder.decodeDocument(Array(moneyEventLines.utf8), file: "money.jsonl")
        _ = try store.append(events.enumerated().map { SourcedEvent($1, file: "money.jsonl", index: $0 + 1) })
        return store
    }
}
