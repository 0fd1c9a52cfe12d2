/// A calendar date (`YYYY-MM-DD`), validated, ordered, and cheap to compare.
///
/// The ledger's effective and announced dates. Only real calendar dates from
/// 1800-01-01 to 2199-12-31 are accepted: partnership history lives well
/// inside that range, and anything outside it is almost always a typo.
///
/// ```swift
/// let date = try LedgerDate(parsing: "2023-01-23")
/// date.text // "2023-01-23"
/// ```
public struct LedgerDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Earliest accepted year.
    public static let minYear = 1800
    /// Latest accepted year.
    public static let maxYear = 2199

    /// The date packed as `yyyymmdd`, so ordering is integer ordering.
    public let packed: Int32

    public var year: Int { Int(packed / 10000) }
    public var month: Int { Int(packed / 100 % 100) }
    public var day: Int { Int(packed % 100) }

    /// Creates a date from its parts, or fails when it is not a real date in range.
    public init?(year: Int, month: Int, day: Int) {
        guard (Self.minYear...Self.maxYear).contains(year), (1...12).contains(month),
              day >= 1, day <= Self.daysIn(month: month, year: year) else { return nil }
        packed = Int32(year * 10000 + month * 100 + day)
    }

    /// Parses `YYYY-MM-DD`, throwing a plain message when it is malformed or not a real date.
    public init(parsing text: String) throws(LedgerError) {
        let bytes = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                let byte = bytes[i]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = digits(0..<4), let month = digits(5..<7), let day = digits(8..<10)
        else { throw LedgerError("\"\(text)\" is not a date in the form YYYY-MM-DD") }
        guard (Self.minYear...Self.maxYear).contains(year) else {
            throw LedgerError("\"\(text)\" is out of range (years \(Self.minYear) to \(Self.maxYear))")
        }
        guard let date = LedgerDate(year: year, month: month, day: day) else {
            throw LedgerError("\"\(text)\" is not a real calendar date")
        }
        self = date
    }

    /// The `YYYY-MM-DD` text.
    public var text: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public var description: String { text }

    public static func < (lhs: LedgerDate, rhs: LedgerDate) -> Bool { lhs.packed < rhs.packed }

    /// Days since 1970-01-01 (negative before), for date arithmetic and charts.
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The date `days` after 1970-01-01 (Hinnant's civil_from_days); nil when out of range.
    public init?(daysSinceEpoch days: Int) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    /// The date `days` later (or earlier, when negative).
    public func adding(days: Int) -> LedgerDate? { LedgerDate(daysSinceEpoch: daysSinceEpoch + days) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
