import LedgerCore

/// Where a query looks: the effective date, the recorded-time bound, and whether snapshots may be used.
public struct ReplayPoint: Sendable {
    /// Events effective on or before this date are applied.
    public var asOf: LedgerDate
    /// Only what the ledger had recorded by this bound, when given.
    public var knownAt: KnownAtText?
    /// False replays the whole log (same answer; for checking and timing).
    public var useSnapshots: Bool

    /// A point; by default everything recorded, snapshots allowed.
    public init(asOf: LedgerDate, knownAt: KnownAtText? = nil, useSnapshots: Bool = true) {
        self.asOf = asOf
        self.knownAt = knownAt
        self.useSnapshots = useSnapshots
    }
}

/// A `--known-at` bound together with the text it was given as, which views echo back.
public struct KnownAtText: Sendable {
    /// The parsed bound.
    public var bound: KnownAt
    /// The text as given (`42`, `2026-01-01T00:00:00Z`).
    public var text: String

    /// Parses a seq or a timestamp, keeping the text.
    public init(parsing text: String) throws(LedgerError) {
        bound = try KnownAt(parsing: text)
        self.text = text
    }
}
