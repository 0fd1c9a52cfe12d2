import ArgumentParser
import LedgerCore
import LedgerReport
import LedgerStore

/// `check [FILE…]`: verify that the ledger reproduces published figures.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the ledger against expected figures (exit 1 when any check fails).",
        discussion: """
            Check files (*.checks.json) hold expectations such as
              {"check": "stake", "asOf": "2025-10-28", "company": "openai", "holder": "microsoft", "expect": "0.27", "tolerance": "0.005"}
            Kinds: valuation, stake, stake-value, invested, term, revenue. With no file, the bundled
            Events/checks/ (the published figures of the bundled history) are checked.
            """)

    @OptionGroup var ledger: LedgerOptions

    @Option(name: .long, help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    @Argument(help: ArgumentHelp("Check files or folders (default: the bundled Events/checks).", valueName: "file"))
    var files: [String] = []

    func run() throws {
        let store = try ledger.openForReading()
        let expectations = try loadExpectations()
        var states: [String: LedgerState] = [:]
        var outcomes: [CheckOutcome] = []
        for expectation in expectations {
            let key = "\(expectation.asOf)|\(String(describing: expectation.knownAt))"
            if states[key] == nil { states[key] = try store.state(asOf: expectation.asOf, knownAt: expectation.knownAt) }
            outcomes.append(expectation.evaluate(in: states[key]!))
        }
        report(outcomes)
        let failed = outcomes.filter { !$0.passed }.count
        if failed > 0 { throw ExitCode(1) }
    }

    private func loadExpectations() throws -> [Expectation] {
        var paths = files
        if paths.isEmpty {
            guard let events = LedgerLocator.bundledEvents() else { throw LedgerError("no check files given and no bundled Events/ folder found") }
            paths = [events + "/checks"]
        }
        var found: [String] = []
        for path in paths {
            if path.hasSuffix(".json") || path.hasSuffix(".jsonl") || path == "-" { found.append(path); continue }
            found += try EventFiles.collectChecks(path)
        }
        guard !found.isEmpty else { throw LedgerError("no check files (*.checks.json) under \(paths.joined(separator: ", "))") }
        var expectations: [Expectation] = []
        for file in found { expectations += try Expectation.decodeDocument(EventFiles.read(file), file: file) }
        return expectations
    }

    private func report(_ outcomes: [CheckOutcome]) {
        let failed = outcomes.filter { !$0.passed }.count
        switch format {
        case .json:
            Output.json(.object([
                "passed": .number(String(outcomes.count - failed)), "failed": .number(String(failed)),
                "checks": .array(outcomes.map { outcome in
                    let e = outcome.expectation
                    return .object(["check": .string(e.kind), "subject": .string(e.label), "asOf": .string(e.asOf.text),
                                    "expect": e.expected.json, "actual": outcome.actual?.json ?? .null,
                                    "tolerance": .decimal(e.tolerance), "passed": .bool(outcome.passed),
                                    "reason": outcome.reason.map(JSONValue.string) ?? .null,
                                    "sources": .array(e.sources.map(JSONValue.string))])
                }),
            ]))
        case .csv:
            Output.print(CSVWriter.document(["result", "check", "subject", "asOf", "expect", "actual", "tolerance", "reason"], outcomes.map { o in
                [o.passed ? "pass" : "FAIL", o.expectation.kind, o.expectation.label, o.expectation.asOf.text,
                 o.expectation.expected.json.canonicalText, o.actual?.json.canonicalText ?? "", ExactDecimal.text(o.expectation.tolerance), o.reason ?? ""]
            }))
        case .table:
            var table = TextTable(["RESULT", "CHECK", "SUBJECT", "AS OF", "EXPECTED", "ACTUAL", "TOLERANCE"])
            table.wrapWidth = 40
            for o in outcomes {
                // A matching term value would only repeat the expected text.
                let sameTerm = o.passed && o.expectation.kind == "term"
                table.add([o.passed ? "pass" : "FAIL", o.expectation.kind, o.expectation.label, o.expectation.asOf.text,
                           Self.human(o.expectation.expected), sameTerm ? "(same)" : o.actual.map(Self.human) ?? "unknown",
                           Self.humanTolerance(o.expectation)])
            }
            Output.print(table.rendered + "\n\n\(outcomes.count - failed) passed, \(failed) failed")
        }
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
