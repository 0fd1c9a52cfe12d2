/// The recorded-time bound of a replay: "what did the ledger know at T".
///
/// Given on the command line as a sequence number (`--known-at 42`) or a UTC
/// timestamp (`--known-at 2026-01-01T00:00:00Z`; a bare date means the end
/// of that day).
///
/// ```swift
/// try KnownAt(parsing: "42") // .seq(42)
/// ```
public enum KnownAt: Hashable, Sendable {
    case seq(Int64)
    case time(Timestamp)

    /// Parses a seq (digits only) or a timestamp.
    public init(parsing text: String) throws(LedgerError) {
        if !text.isEmpty, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            guard let seq = Int64(text) else { throw LedgerError("\"\(text)\" is too large for a sequence number") }
            self = .seq(seq)
        } else {
            self = .time(try Timestamp(parsing: text))
        }
    }
}
