import ArgumentParser
import LedgerCore
import LedgerViews

/// `audit PARTNERSHIP`: how the terms evolved; `audit COMPANY --stakes`: how the holders' stakes moved.
struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Show how a partnership's terms changed, event by event, with their evidence (or, with --stakes, how a company's stakes moved).",
        discussion: """
            Every change to every term in effective-date order: the initial terms of the partnership event, each \
            renegotiation, and each correction or retraction. Changes the ledger no longer believes stay in the audit, \
            marked superseded or retracted, with the amendment and its date. --as-of hides changes dated later; \
            --known-at shows the audit as the ledger knew it then.
            """)

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var query: QueryOptions
    @Argument(help: "The partnership id (with --stakes, the company id).") var id: String
    @Option(help: "Only changes to this term.") var term: String?
    @Flag(help: "Audit a company's cap table instead: how each holder's stake and implied value moved.") var stakes = false

    func run() throws {
        // Checked here, not in validate(), so the mistake exits 1 with a plain sentence like other user errors.
        if stakes, term != nil { throw LedgerError("--term applies to a partnership audit, not to --stakes") }
        let store = try ledger.openForReading()
        if stakes {
            Output.show(try StakeAuditPage.load(store, company: id, at: query.point), query.format)
        } else {
            Output.show(try TermAuditPage.load(store, partnership: id, term: term, at: query.point), query.format)
        }
    }
}
