import ArgumentParser
import LedgerCore
import LedgerViews

/// `check [FILE…]`: verify that the ledger reproduces published figures.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the ledger against expected figures (exit 1 when any check fails).",
        discussion: """
            Check files (*.checks.json) hold expectations such as
              {"check": "stake", "asOf": "2025-10-28", "company": "openai",
               "holder": "microsoft", "expect": "0.27", "tolerance": "0.005"}
            Kinds: valuation, stake, stake-value, invested, term, revenue, committed, funded, outstanding, \
            purchase, negotiation, warrant. With no file, the bundled \
            Events/checks/ (the published figures of the bundled history) are checked.
            """)

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: FormatOption

    @Argument(help: ArgumentHelp("Check files or folders (default: the bundled Events/checks).", valueName: "file"))
    var files: [String] = []

    func run() throws {
        var paths = files
        if paths.isEmpty {
            guard let events = LedgerLocator.bundledEvents() else { throw LedgerError("no check files given and no bundled Events/ folder found") }
            paths = [events + "/checks"]
        }
        let page = try CheckPage.load(ledger.openForReading(), paths: paths)
        Output.show(page, output.format)
        if page.failed > 0 { throw ExitCode(1) }
    }
}
