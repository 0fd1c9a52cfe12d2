import Foundation

/// A UTC instant with microsecond precision, as text that sorts like time.
///
/// The ledger's recorded time (`recordedAt`). The text form is always
/// `YYYY-MM-DDTHH:MM:SS.ffffffZ`, fixed width, so SQLite can compare it as
/// text and the hash chain covers the exact same bytes everywhere.
///
/// ```swift
/// Timestamp(microseconds: 0).text // "1970-01-01T00:00:00.000000Z"
/// try Timestamp(parsing: "2026-01-01") // the end of that day, for --known-at
/// ```
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Microseconds since 1970-01-01T00:00:00Z.
    public let microseconds: Int64

    public init(microseconds: Int64) { self.microseconds = microseconds }

    /// The current time.
    public static func now() -> Timestamp {
        Timestamp(microseconds: Int64((Date().timeIntervalSince1970 * 1_000_000).rounded(.down)))
    }

    /// Parses a timestamp given by a user or read from the store.
    ///
    /// Accepts `YYYY-MM-DD` (meaning the end of that UTC day, so "known at a
    /// date" includes everything recorded that day), `YYYY-MM-DDTHH:MM[:SS[.f…]]`
    /// with an optional `Z`, always UTC.
    public init(parsing text: String) throws(LedgerError) {
        let fail = LedgerError("\"\(text)\" is not a timestamp (use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS[.ffffff]Z, UTC)")
        var body = Substring(text)
        if body.hasSuffix("Z") { body = body.dropLast() }
        let parts = body.split(separator: "T", omittingEmptySubsequences: false)
        guard parts.count <= 2, let date = try? LedgerDate(parsing: String(parts[0])) else { throw fail }
        let dayMicros = Int64(date.daysSinceEpoch) * 86_400_000_000
        guard parts.count == 2 else {
            microseconds = dayMicros + 86_400_000_000 - 1
            return
        }
        // Int64("-1") and Int64("+1") parse, so every clock field must be plain digits.
        let isDigits = { (part: Substring) in !part.isEmpty && part.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }
        let clock = parts[1].split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(clock.count), isDigits(clock[0]), isDigits(clock[1]),
              let hour = Int64(clock[0]), let minute = Int64(clock[1]),
              clock[0].count == 2, clock[1].count == 2, hour < 24, minute < 60 else { throw fail }
        var micros = (hour * 3600 + minute * 60) * 1_000_000
        if clock.count == 3 {
            let secondParts = clock[2].split(separator: ".", omittingEmptySubsequences: false)
            guard secondParts[0].count == 2, isDigits(secondParts[0]), let second = Int64(secondParts[0]), second < 60, secondParts.count <= 2
            else { throw fail }
            micros += second * 1_000_000
            if secondParts.count == 2 {
                let fraction = secondParts[1]
                guard (1...6).contains(fraction.count), isDigits(fraction), let value = Int64(fraction)
                else { throw fail }
                micros += value * Int64(pow(10.0, Double(6 - fraction.count)))
            }
        }
        microseconds = dayMicros + micros
    }

    /// The fixed-width UTC text, e.g. `2026-11-26T14:22:12.123456Z`.
    public var text: String {
        let days = Int(microseconds.quotientFloor(86_400_000_000))
        let inDay = microseconds - Int64(days) * 86_400_000_000
        let date = LedgerDate(daysSinceEpoch: days)?.text ?? "0000-00-00"
        let seconds = inDay / 1_000_000
        func pad(_ value: Int64, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(date)T\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2)).\(pad(inDay % 1_000_000, 6))Z"
    }

    /// The UTC calendar date of this instant.
    public var date: LedgerDate? { LedgerDate(daysSinceEpoch: Int(microseconds.quotientFloor(86_400_000_000))) }

    public var description: String { text }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.microseconds < rhs.microseconds }
}

extension Int64 {
    fileprivate func quotientFloor(_ divisor: Int64) -> Int64 {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }
}
