import LedgerCore
import LedgerStore

/// `shares COMPANY`: a company's cap table, valuation and implied stake values.
public struct SharesPage: LedgerPage {
    /// The company.
    public var company: String
    /// The cap table at the point.
    public var view: CapTableView
    /// The replayed state (for display names).
    public var state: LedgerState
    /// Whether the table adds the unexercised warrants' stakes.
    public var fullyDiluted = false
    /// Why the subject is not in the state at this point (registered later, or not yet recorded), shown instead of the table.
    public var absence: String?

    /// Checks `company` is a registered party and replays what it needs.
    public static func load(_ store: EventStore, company: String, at point: ReplayPoint, fullyDiluted: Bool = false) throws -> SharesPage {
        let (state, absence) = try store.subjectState(company, as: "party", at: point)
        return SharesPage(company: company, view: state.capTable(of: company, asOf: point.asOf, fullyDiluted: fullyDiluted), state: state,
                          fullyDiluted: fullyDiluted, absence: absence)
    }

    public var json: JSONValue { view.json }

    public var csv: String {
        CSVWriter.document(["company", "asOf", "holder", "stake", "value", "currency"], view.holders.map {
            [company, view.asOf.text, $0.holder, $0.stake.description, $0.value.map { ExactDecimal.text($0.amount) } ?? "", $0.value?.currency ?? ""]
        })
    }

    public var table: String {
        if let absence { return absence }
        var lines = ["\(state.name(of: company)) (\(company)) as of \(view.asOf)", Self.valuationLine(view.valuation)]
        if view.isKnown {
            var table = TextTable(["HOLDER", "NAME", "STAKE", "VALUE"], rightAligned: [2, 3])
            for holder in view.holders {
                table.add([holder.holder, state.name(of: holder.holder), HumanNumbers.percent(holder.stake.rounded), HumanNumbers.money(holder.value)])
            }
            let heading = fullyDiluted ? "fully diluted cap table (unexercised warrants added) from event" : "cap table from event"
            lines += ["\(heading) \(view.eventId ?? "?"):", "", table.rendered]
        } else {
            lines.append("cap table: unknown (no priced equity round or recapitalization recorded by this date)")
        }
        return lines.joined(separator: "\n")
    }

    /// The `valuation` line of the table's heading.
    static func valuationLine(_ valuation: ChosenFigure?) -> String {
        guard let valuation else { return "valuation: unknown" }
        let figure = valuation.chosen
        let status = figure.status.rawValue + (valuation.disputed ? ", disputed" : "")
        // Named, because a basis ("reported") and a status ("confirmed") side by side read as a contradiction.
        var line = "valuation: \(HumanNumbers.money(figure.money)) (basis: \(figure.basis); date: \(figure.date); status: \(status); event: \(figure.eventId))"
        if !valuation.alternatives.isEmpty {
            line += "\n  other figures for that date: " + valuation.alternatives.map {
                "\(HumanNumbers.money($0.money)) (status: \($0.status.rawValue); event: \($0.eventId))"
            }.joined(separator: "; ")
        }
        return line
    }
}
