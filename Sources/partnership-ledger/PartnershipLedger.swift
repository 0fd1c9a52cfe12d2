import ArgumentParser

/// The `partnership-ledger` command: configuration and subcommands only.
///
/// Every command names itself (`commandName:` in its configuration). Without it, ArgumentParser derives
/// each name from the type's name at start-up (`String(describing:)`, a runtime conformance scan of the
/// whole binary per command type), which was most of the time a short command took in the static build.
@main
struct PartnershipLedger: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partnership-ledger",
        abstract: "An event-sourced ledger of partnership history: who owned what, on which terms, at any date.",
        discussion: """
            The database is --db PATH, else $PARTNERSHIP_LEDGER_DB, else ledger.sqlite in the current folder.
            When that default file does not exist, read commands build it from the bundled Events/.
            A postgres://user@host:port/dbname URL in their place selects a shared PostgreSQL ledger.
            """,
        version: version,
        subcommands: [
            Init.self, Append.self, Import.self, Log.self, Verify.self, Export.self, Copy.self,
            State.self, Shares.self, Terms.self, Governance.self, Revenue.self, Investments.self, Check.self,
            Audit.self, Diff.self, Report.self, Snapshot.self, Commitments.self, Negotiations.self, Flows.self, Schema.self,
        ]
    )

    /// The release, printed by `--version`.
    static let version = "0.3.0"

    static func main() {
        ErrorReporter.run(self)
    }
}
