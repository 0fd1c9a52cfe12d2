import LedgerCore
import LedgerReport
import LedgerStore

/// `state`: the whole projection at a date, every company and partnership.
public struct StatePage: LedgerPage {
    /// The replayed state.
    public var state: LedgerState
    /// The effective date.
    public var asOf: LedgerDate

    /// Replays the whole ledger to `point`.
    public static func load(_ store: EventStore, at point: ReplayPoint) throws -> StatePage {
        StatePage(state: try store.state(at: point), asOf: point.asOf)
    }

    private var partnerships: [String] { state.partnerships.keys.sorted() }

    public var json: JSONValue {
        .object([
            "asOf": .string(asOf.text),
            "parties": .array(state.parties.keys.sorted().map { id in
                .object(["party": .string(id), "name": .string(state.parties[id]!.name), "kind": .string(state.parties[id]!.kind.rawValue)])
            }),
            "companies": .array(state.companyIDs.map { id in
                let company = state.companies[id]!
                guard case .object(var object) = state.capTable(of: id, asOf: asOf).json else { return .null }
                object.removeValue(forKey: "asOf")
                object["governance"] = .object(company.roles.mapValues { .array($0.holders.map(JSONValue.string)) })
                object["revenue"] = .object(Dictionary(uniqueKeysWithValues: state.latestRevenue(of: id).map { ($0.key.rawValue, $0.value.json) }))
                object["invested"] = .object(company.invested.mapValues(\.json))
                return .object(object)
            }),
            "partnerships": .array(partnerships.map { id in
                let p = state.partnerships[id]!
                return .object(["partnership": .string(id), "parties": .array(p.parties.map(JSONValue.string)),
                                "terms": .array(state.terms(of: id).map(\.json)), "invested": .object(p.invested.mapValues(\.json))])
            }),
        ])
    }

    public var csv: String {
        var rows: [[String]] = []
        for id in state.companyIDs {
            let view = state.capTable(of: id, asOf: asOf)
            if let v = view.valuation { rows.append([id, "valuation", v.chosen.basis, ExactDecimal.text(v.chosen.money.amount), v.chosen.money.currency]) }
            for h in view.holders { rows.append([id, "stake", h.holder, h.stake.description, ""]) }
        }
        for id in partnerships {
            for term in state.terms(of: id) { rows.append([id, "term", term.term, term.value.canonicalText, ""]) }
        }
        return CSVWriter.document(["subject", "kind", "name", "value", "currency"], rows)
    }

    public var table: String {
        var companies = TextTable(["COMPANY", "VALUATION", "TOP HOLDERS", "CEO", "LATEST REVENUE"])
        for id in state.companyIDs {
            let view = state.capTable(of: id, asOf: asOf)
            let holders = view.isKnown ? view.holders.prefix(3).map { "\($0.holder) \(HumanNumbers.percent($0.stake.rounded))" }.joined(separator: ", ") : "unknown"
            let revenue = state.latestRevenue(of: id).sorted { $0.key.rawValue < $1.key.rawValue }
                .map { "\(HumanNumbers.money($0.value.chosen.money)) \($0.key.rawValue) (\($0.value.chosen.date))" }.joined(separator: "; ")
            companies.add([id, HumanNumbers.money(view.valuation?.chosen.money), holders,
                           state.companies[id]?.roles["ceo"]?.holders.joined(separator: ", ") ?? "", revenue])
        }
        var terms = TextTable(["PARTNERSHIP", "TERM", "VALUE", "SINCE"])
        for id in partnerships {
            for term in state.terms(of: id) { terms.add([id, term.term, ValueText.term(term.value), term.since.text]) }
        }
        return "state as of \(asOf): \(state.appliedCount) events applied\n\ncompanies\n\n\(companies.rendered)\n\nterms in force\n\n\(terms.rendered)"
    }
}
