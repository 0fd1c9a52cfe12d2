import ArgumentParser
import LedgerViews

/// `verify`: recompute the hash chain; exit 2 naming the first bad seq.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the hash chain and the log's integrity (exit 2 when broken).")

    @OptionGroup var ledger: LedgerOptions

    @Option(name: .long, help: ArgumentHelp("A head hash you kept earlier: prove the log only grew since.", valueName: "hash"))
    var head: String?

    @Flag(name: .long, help: "Also decode every event and check it agrees with its columns.")
    var deep = false

    func validate() throws {
        // A mistyped hash is a mistake on the command line, not evidence of tampering.
        if let head, head.count != 64 || !head.allSatisfy(\.isHexDigit) {
            throw ValidationError("--head: \"\(head)\" is not a head hash (the 64 hexadecimal digits `verify` prints after \"hash\")")
        }
    }

    func run() throws {
        let page = try VerifyPage.load(ledger.openForReading(), deep: deep, knownHead: head)
        if let problem = page.problem { throw IntegrityFailure(description: problem) }
        Output.print(page.line)
    }
}
