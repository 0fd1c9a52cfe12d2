import Foundation
import LedgerCore
import LedgerStore

/// `flows [--party P]`: per pair of parties, money invested one way beside compute committed the other way (CONTRACT §4).
public struct FlowsPage: LedgerPage {
    /// The effective date.
    public var asOf: LedgerDate
    /// The pairs, by investor then company.
    public var flows: [FlowView]

    /// Replays the ledger to `point` and pairs investments with purchase commitments, optionally of one party.
    public static func load(_ store: EventStore, party: String?, at point: ReplayPoint) throws -> FlowsPage {
        if let party { try store.requireRegistered(party, as: "party") }
        let state = try store.state(at: point)
        return FlowsPage(asOf: point.asOf, flows: state.flows(party: party))
    }

    public init(asOf: LedgerDate, flows: [FlowView]) { self.asOf = asOf; self.flows = flows }

    private func money(_ amount: ExactDecimal, _ flow: FlowView) -> Money { Money(amount: amount, currency: flow.currency) }

    public var json: JSONValue {
        .object([
            "asOf": .string(asOf.text),
            "flows": .array(flows.map { f in
                .object(["investor": .string(f.investor), "company": .string(f.company),
                         "committed": money(f.investment.committed, f).json, "conditional": money(f.investment.conditional, f).json,
                         "funded": money(f.investment.funded, f).json, "outstanding": money(f.investment.outstanding, f).json,
                         "purchases": money(f.purchases, f).json, "purchaseEventIds": .array(f.purchaseEventIds.map(JSONValue.string))])
            }),
        ])
    }

    public var csv: String {
        CSVWriter.document(["investor", "company", "currency", "committed", "conditional", "funded", "outstanding", "purchases"], flows.map { f in
            [f.investor, f.company, f.currency] + [f.investment.committed, f.investment.conditional, f.investment.funded, f.investment.outstanding,
                                                   f.purchases].map(ExactDecimal.text)
        })
    }

    public var table: String {
        guard !flows.isEmpty else { return "flows as of \(asOf)\n\nnone recorded" }
        var table = TextTable(["INVESTOR", "COMPANY", "COMMITTED", "FUNDED", "OUTSTANDING", "COMPUTE BOUGHT BACK"], rightAligned: [2, 3, 4, 5])
        for f in flows {
            table.add([f.investor, f.company, HumanNumbers.money(money(f.investment.committed, f)), HumanNumbers.money(money(f.investment.funded, f)),
                       HumanNumbers.money(money(f.investment.outstanding, f)), HumanNumbers.money(money(f.purchases, f))])
        }
        return "flows as of \(asOf): money in (investor → company) beside compute bought back (company → investor)\n\n\(table.rendered)"
    }
}
