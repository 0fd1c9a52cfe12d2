import ArgumentParser
import LedgerCore
import LedgerViews

/// `--as-of`: the effective date a query replays to.
struct AsOfOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Replay events effective on or before this date (default: today, UTC).", valueName: "YYYY-MM-DD"),
            transform: FlagValue.date)
    var asOf: LedgerDate?

    /// The date in effect: the flag, else today (UTC).
    var date: LedgerDate { asOf ?? Timestamp.now().date! }
}

/// `--known-at`: replay only what the ledger had recorded by then.
struct KnownAtOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Replay only what the ledger had recorded by this time or seq.", valueName: "timestamp|seq"),
            transform: FlagValue.knownAt)
    var knownAt: KnownAtText?
}

/// `--format`: how a query prints its answer.
struct FormatOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Output format: table (default), json or csv.", valueName: "format"),
            transform: FlagValue.choice("an output format"))
    var format: ViewFormat = .table
}

/// What every query command takes: `--as-of`, `--known-at`, `--format`, `--no-snapshots`.
struct QueryOptions: ParsableArguments {
    @OptionGroup var asOf: AsOfOption
    @OptionGroup var knownAt: KnownAtOption
    @OptionGroup var output: FormatOption

    @Flag(name: .long, help: "Replay the whole log instead of starting from a snapshot (same answer, for checking and timing).")
    var noSnapshots = false

    /// The replay point the flags name.
    var point: ReplayPoint { ReplayPoint(asOf: asOf.date, knownAt: knownAt.knownAt, useSnapshots: !noSnapshots) }

    /// The output format.
    var format: ViewFormat { output.format }
}
