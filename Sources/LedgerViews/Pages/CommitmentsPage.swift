import Foundation
import LedgerCore
import LedgerStore

/// `commitments [--buyer P] [--seller P]`: purchase commitments buyer → seller, with totals (CONTRACT §4).
public struct CommitmentsPage: LedgerPage {
    /// The effective date.
    public var asOf: LedgerDate
    /// The purchase commitments in force by the date, by date then buyer.
    public var records: [PurchaseRecord]

    /// Replays the ledger to `point` and lists the purchase commitments, optionally of one buyer and/or one seller.
    public static func load(_ store: EventStore, buyer: String?, seller: String?, at point: ReplayPoint) throws -> CommitmentsPage {
        if let buyer { try store.requireRegistered(buyer, as: "party") }
        if let seller { try store.requireRegistered(seller, as: "party") }
        let state = try store.state(at: point, subject: buyer ?? seller)
        return CommitmentsPage(asOf: point.asOf, records: state.purchaseCommitments(buyer: buyer, seller: seller))
    }

    public init(asOf: LedgerDate, records: [PurchaseRecord]) { self.asOf = asOf; self.records = records }

    /// Totals per buyer → seller and currency, sorted.
    public var totals: [(buyer: String, seller: String, total: Money)] {
        var sums: [String: (String, String, Money)] = [:]
        for record in records {
            let key = "\(record.buyer)\u{0}\(record.seller)\u{0}\(record.amount.currency)"
            var entry = sums[key] ?? (record.buyer, record.seller, Money(amount: 0, currency: record.amount.currency))
            entry.2.amount += record.amount.amount
            sums[key] = entry
        }
        return sums.keys.sorted().map { let e = sums[$0]!; return (e.0, e.1, e.2) }
    }

    public var json: JSONValue {
        .object([
            "asOf": .string(asOf.text),
            "commitments": .array(records.map { r in
                .object(["date": .string(r.date.text), "buyer": .string(r.buyer), "seller": .string(r.seller), "amount": r.amount.json,
                         "upTo": .bool(r.upTo), "period": Self.period(r), "capacity": r.capacity.map(JSONValue.string) ?? .null,
                         "scope": .string(r.scope), "partnership": r.partnership.map(JSONValue.string) ?? .null,
                         "eventId": .string(r.eventId), "status": .string(r.status.rawValue), "sources": .array(r.sources.map(JSONValue.string))])
            }),
            "totals": .array(totals.map { .object(["buyer": .string($0.buyer), "seller": .string($0.seller), "total": $0.total.json]) }),
        ])
    }

    /// `{from, to}`, `{years}` or null.
    static func period(_ r: PurchaseRecord) -> JSONValue {
        if let period = r.period { return .object(["from": .string(period.from.text), "to": .string(period.to.text)]) }
        if let years = r.years { return .object(["years": .decimal(years)]) }
        return .null
    }

    public var csv: String {
        CSVWriter.document(["date", "buyer", "seller", "amount", "currency", "upTo", "from", "to", "years", "capacity", "scope", "status", "eventId"],
                           records.map { r in
            [r.date.text, r.buyer, r.seller, ExactDecimal.text(r.amount.amount), r.amount.currency, r.upTo ? "true" : "false",
             r.period?.from.text ?? "", r.period?.to.text ?? "", r.years.map(ExactDecimal.text) ?? "", r.capacity ?? "", r.scope,
             r.status.rawValue, r.eventId]
        })
    }

    public var table: String {
        guard !records.isEmpty else { return "purchase commitments as of \(asOf)\n\nnone recorded" }
        var table = TextTable(["DATE", "BUYER", "SELLER", "AMOUNT", "PERIOD", "STATUS", "SCOPE"], rightAligned: [3])
        for r in records {
            let period = r.period.map { "\($0.from)..\($0.to)" } ?? r.years.map { "\(ExactDecimal.text($0)) years" } ?? "-"
            table.add([r.date.text, r.buyer, r.seller, (r.upTo ? "up to " : "") + HumanNumbers.money(r.amount), period, r.status.rawValue, r.scope])
        }
        var summary = TextTable(["BUYER", "SELLER", "TOTAL"], rightAligned: [2])
        for total in totals { summary.add([total.buyer, total.seller, HumanNumbers.money(total.total)]) }
        return "purchase commitments as of \(asOf)\n\n\(table.rendered)\n\ntotal by buyer and seller\n\n\(summary.rendered)"
    }
}
