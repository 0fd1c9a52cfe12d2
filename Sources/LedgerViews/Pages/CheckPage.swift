import LedgerCore
import LedgerReport
import LedgerStore

/// `check [FILE…]`: whether the ledger reproduces published figures.
public struct CheckPage: LedgerPage {
    /// One outcome per expectation, in file order.
    public var outcomes: [CheckOutcome]

    /// How many checks failed.
    public var failed: Int { outcomes.filter { !$0.passed }.count }

    /// Reads the expectations in `paths` (check files, or folders searched for `*.checks.json`) and evaluates each
    /// against the ledger as of its date (one replay per date and known-at bound).
    public static func load(_ store: EventStore, paths: [String]) throws -> CheckPage {
        var found: [String] = []
        for path in paths {
            if path.hasSuffix(".json") || path.hasSuffix(".jsonl") || path == "-" { found.append(path); continue }
            found += try EventFiles.collectChecks(path)
        }
        guard !found.isEmpty else { throw LedgerError("no check files (*.checks.json) under \(paths.joined(separator: ", "))") }
        var expectations: [Expectation] = []
        for file in found { expectations += try Expectation.decodeDocument(EventFiles.read(file), file: file) }
        var states: [String: LedgerState] = [:]
        var outcomes: [CheckOutcome] = []
        for expectation in expectations {
            let key = "\(expectation.asOf)|\(String(describing: expectation.knownAt))"
            if states[key] == nil { states[key] = try store.state(asOf: expectation.asOf, knownAt: expectation.knownAt) }
            outcomes.append(expectation.evaluate(in: states[key]!))
        }
        return CheckPage(outcomes: outcomes)
    }

    public var json: JSONValue {
        .object([
            "passed": .number(String(outcomes.count - failed)), "failed": .number(String(failed)),
            "checks": .array(outcomes.map { outcome in
                let e = outcome.expectation
                return .object(["check": .string(e.kind), "subject": .string(e.label), "asOf": .string(e.asOf.text),
                                "expect": e.expected.json, "actual": outcome.actual?.json ?? .null,
                                "tolerance": .decimal(e.tolerance), "passed": .bool(outcome.passed),
                                "reason": outcome.reason.map(JSONValue.string) ?? .null,
                                "sources": .array(e.sources.map(JSONValue.string))])
            }),
        ])
    }

    public var csv: String {
        CSVWriter.document(["result", "check", "subject", "asOf", "expect", "actual", "tolerance", "reason"], outcomes.map { o in
            [o.passed ? "pass" : "FAIL", o.expectation.kind, o.expectation.label, o.expectation.asOf.text,
             o.expectation.expected.json.canonicalText, o.actual?.json.canonicalText ?? "", ExactDecimal.text(o.expectation.tolerance), o.reason ?? ""]
        })
    }

    public var table: String {
        var table = TextTable(["RESULT", "CHECK", "SUBJECT", "AS OF", "EXPECTED", "ACTUAL", "TOLERANCE"])
        table.wrapWidth = 40
        for o in outcomes {
            // A matching term value would only repeat the expected text.
            let sameTerm = o.passed && o.expectation.kind == "term"
            table.add([o.passed ? "pass" : "FAIL", o.expectation.kind, o.expectation.label, o.expectation.asOf.text,
                       Self.human(o.expectation.expected), sameTerm ? "(same)" : o.actual.map(Self.human) ?? "unknown",
                       Self.humanTolerance(o.expectation)])
        }
        return table.rendered + "\n\n\(outcomes.count - failed) passed, \(failed) failed"
    }

    static func human(_ value: Expectation.Expected) -> String {
        switch value {
        case .money(let money): HumanNumbers.money(money)
        case .fraction(let fraction): HumanNumbers.percent(fraction)
        case .json(let json): json == .null ? "(absent)" : ValueText.term(json)
        }
    }

    static func humanTolerance(_ e: Expectation) -> String {
        switch e.expected {
        case .money(let money): e.tolerance == 0 ? "exact" : "± " + HumanNumbers.money(Money(amount: e.tolerance, currency: money.currency))
        case .fraction: e.tolerance == 0 ? "exact" : "± " + HumanNumbers.percent(e.tolerance)
        case .json: "exact"
        }
    }
}
