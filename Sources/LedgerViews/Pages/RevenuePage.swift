import LedgerCore
import LedgerStore

/// `revenue COMPANY`: reported revenue figures up to a date, disagreements resolved and shown.
public struct RevenuePage: LedgerPage {
    /// The company.
    public var company: String
    /// The effective date.
    public var asOf: LedgerDate
    /// The replayed state.
    public var state: LedgerState
    /// Every revenue figure up to the date, streamed from the log (the state keeps only the latest per basis).
    public var history: CompanyHistory
    /// Why the subject is not in the state at this point (registered later, or not yet recorded), shown instead of the table.
    public var absence: String?

    /// Checks `company` is a registered party and replays what it needs.
    public static func load(_ store: EventStore, company: String, at point: ReplayPoint) throws -> RevenuePage {
        let (state, absence) = try store.subjectState(company, as: "party", at: point)
        var history = CompanyHistory()
        try store.forEachEffective(of: company, asOf: point.asOf, knownAt: point.knownAt?.bound) { history.record($0) }
        return RevenuePage(company: company, asOf: point.asOf, state: state, history: history, absence: absence)
    }

    public var json: JSONValue {
        .object([
            "company": .string(company), "asOf": .string(asOf.text),
            "latest": .object(Dictionary(uniqueKeysWithValues: state.latestRevenue(of: company).map { ($0.key.rawValue, $0.value.json) })),
            "figures": .array(history.revenue(of: company).map(\.figure.json)),
        ])
    }

    public var csv: String {
        CSVWriter.document(["company", "date", "basis", "amount", "currency", "status", "eventId", "chosen"], history.revenue(of: company).flatMap { _, figure in
            ([figure.chosen] + figure.alternatives).map { f in
                [company, f.date.text, f.basis, ExactDecimal.text(f.money.amount), f.money.currency, f.status.rawValue, f.eventId, f == figure.chosen ? "yes" : "no"]
            }
        })
    }

    public var table: String {
        if let absence { return absence }
        let figures = history.revenue(of: company)
        var table = TextTable(["DATE", "BASIS", "AMOUNT", "STATUS", "EVENT", "OTHER FIGURES"], rightAligned: [2])
        for (_, figure) in figures {
            let f = figure.chosen
            let others = figure.alternatives.map { "\(HumanNumbers.money($0.money)) (\($0.status.rawValue))" }.joined(separator: "; ")
            table.add([f.date.text, f.basis, HumanNumbers.money(f.money), f.status.rawValue + (figure.disputed ? " (disputed)" : ""), f.eventId, others])
        }
        return "\(state.name(of: company)) (\(company)) revenue as of \(asOf)\n\n" + (figures.isEmpty ? "no revenue recorded" : table.rendered)
    }
}
