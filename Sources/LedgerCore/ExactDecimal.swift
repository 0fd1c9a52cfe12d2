/// An exact decimal number with 20 digits after the point, held in one `Int128`: money, stakes and rates as typed.
///
/// The value is `units / 10^20`. Addition, subtraction and comparison are
/// exact and never allocate. Limits are explicit: text with more than
/// ``maxDigits`` significant digits, more than ``maxFractionDigits`` after
/// the point or more than ``maxIntegerDigits`` before it is refused when
/// parsed, so any sum of fewer than 1,700 parsed values is exact; a sum
/// beyond ±1.7 × 10^18 stops the process with a message naming the limit
/// instead of rounding. Division is the one inexact operation: its result
/// is rounded half away from zero at the 20th place, as the Foundation
/// `Decimal` path printed it (``text(_:)`` rounded `.plain` at 20 places).
/// Fractions computed from fractions (a cap table diluted round after
/// round) are ``Stake`` values, with 36 places.
///
/// The parser accepts only plain decimal text so that what a user typed is
/// exactly what is stored; printing never uses scientific notation.
///
/// ```swift
/// try ExactDecimal.parse("0.27")           // 0.27
/// ExactDecimal.text(1000)                  // "1000"
/// ExactDecimal(1) / ExactDecimal(3)        // 0.33333333333333333333
/// ```
public struct ExactDecimal: Hashable, Comparable, Sendable, AdditiveArithmetic, ExpressibleByIntegerLiteral, CustomStringConvertible {
    /// The value times 10^20.
    public var units: Int128

    /// Digits kept after the decimal point.
    public static let scale = 20
    /// Most significant digits accepted when parsing.
    public static let maxDigits = 34
    /// Most digits accepted after the decimal point.
    public static let maxFractionDigits = 20
    /// Most digits accepted before the decimal point (below a thousand trillion).
    public static let maxIntegerDigits = 15
    /// 10^15: the smallest value with more than ``maxIntegerDigits`` digits before the point.
    public static let integerLimit = ExactDecimal(1_000_000_000_000_000)
    /// 10^20, one in units.
    static let unit: Int128 = 100_000_000_000_000_000_000

    /// The value `units / 10^20`.
    public init(units: Int128) { self.units = units }

    /// An integer value; stops the process beyond ±1.7 × 10^18.
    public init<Integer: BinaryInteger>(_ integer: Integer) {
        guard let wide = Int128(exactly: integer) else { Self.overflow("\(integer)") }
        let (product, overflow) = wide.multipliedReportingOverflow(by: Self.unit)
        if overflow { Self.overflow("\(integer)") }
        units = product
    }

    public init(integerLiteral value: Int) { self.init(value) }

    public static let zero = ExactDecimal(units: 0)

    public static func + (lhs: ExactDecimal, rhs: ExactDecimal) -> ExactDecimal {
        let (sum, overflow) = lhs.units.addingReportingOverflow(rhs.units)
        if overflow { Self.overflow("\(lhs) + \(rhs)") }
        return ExactDecimal(units: sum)
    }

    /// `self + other`, or nil when the sum is beyond ±1.7 × 10^18: what a running total checks, so that
    /// the fold can name the event that took it out of range instead of stopping the process.
    public func adding(_ other: ExactDecimal) -> ExactDecimal? {
        let (sum, overflow) = units.addingReportingOverflow(other.units)
        return overflow ? nil : ExactDecimal(units: sum)
    }

    public static func - (lhs: ExactDecimal, rhs: ExactDecimal) -> ExactDecimal {
        let (difference, overflow) = lhs.units.subtractingReportingOverflow(rhs.units)
        if overflow { Self.overflow("\(lhs) - \(rhs)") }
        return ExactDecimal(units: difference)
    }

    /// The quotient rounded half away from zero at the 20th place; stops the process on division by zero or overflow.
    public static func / (lhs: ExactDecimal, rhs: ExactDecimal) -> ExactDecimal {
        precondition(rhs.units != 0, "ExactDecimal: division of \(lhs) by zero")
        guard let magnitude = FullWidth.mulDivRounded(lhs.units.magnitude, UInt128(unit), rhs.units.magnitude),
              let units = FullWidth.signed(magnitude, negative: (lhs.units < 0) != (rhs.units < 0))
        else { overflow("\(lhs) / \(rhs)") }
        return ExactDecimal(units: units)
    }

    /// The product rounded half away from zero at the 20th place; stops the process on overflow.
    public static func * (lhs: ExactDecimal, rhs: ExactDecimal) -> ExactDecimal {
        guard let magnitude = FullWidth.mulDivRounded(lhs.units.magnitude, rhs.units.magnitude, UInt128(unit)),
              let units = FullWidth.signed(magnitude, negative: (lhs.units < 0) != (rhs.units < 0))
        else { overflow("\(lhs) × \(rhs)") }
        return ExactDecimal(units: units)
    }

    public static func *= (lhs: inout ExactDecimal, rhs: ExactDecimal) { lhs = lhs * rhs }
    public static func /= (lhs: inout ExactDecimal, rhs: ExactDecimal) { lhs = lhs / rhs }

    /// `self / 10^power` rounded half away from zero to `places` digits after the point, in one rounding (`$1.25B` from 1250000000).
    public func dividedByPowerOfTen(_ power: Int, places: Int) -> ExactDecimal {
        ExactDecimal(units: FullWidth.round(units, droppingDigits: Self.scale - places + power) / FullWidth.powerOfTen(power))
    }

    /// 10^`exponent` for -20 ≤ exponent ≤ 18.
    public static func powerOfTen(_ exponent: Int) -> ExactDecimal {
        ExactDecimal(units: FullWidth.powerOfTen(scale + exponent))
    }

    /// The nearest `Double`, for pixel positions only: no printed figure may come from it.
    public var approximateDouble: Double { Double(units) / 1e20 }

    /// `self` times 10^`power`, or nil beyond the limits (the command-line suffixes k, M, B, T).
    public func timesPowerOfTen(_ power: Int) -> ExactDecimal? {
        let (product, overflow) = units.multipliedReportingOverflow(by: FullWidth.powerOfTen(power))
        return overflow ? nil : ExactDecimal(units: product)
    }

    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool { lhs.units < rhs.units }

    /// The value rounded half away from zero to `places` digits after the point (0…20).
    public func rounded(places: Int) -> ExactDecimal {
        ExactDecimal(units: FullWidth.round(units, droppingDigits: Self.scale - places))
    }

    /// Plain text without exponent, trailing zeros trimmed: `"0.27"`, `"135000000000"`.
    public var description: String { FullWidth.text(units, scale: Self.scale) }

    static func overflow(_ what: String) -> Never {
        fatalError("exact decimal overflow: \(what) is beyond ±1.7 × 10^18, the ledger's exact range")
    }
}

extension ExactDecimal {
    /// Parses `[-]digits[.digits]`; `what` names the expected value in the error.
    public static func parse(_ text: String, allowNegative: Bool = false, what: String = "a decimal") throws(LedgerError) -> ExactDecimal {
        var bytes = Substring(text).utf8[...]
        var negative = false
        if bytes.first == UInt8(ascii: "-") { negative = true; bytes = bytes.dropFirst() }
        let parts = bytes.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
        let isDigits = { (part: Substring.UTF8View.SubSequence) in
            !part.isEmpty && part.allSatisfy { $0 >= 48 && $0 <= 57 }
        }
        guard !parts.isEmpty, parts.count <= 2, parts.allSatisfy(isDigits) else {
            throw LedgerError("\"\(text)\" is not \(what) (plain digits with an optional decimal point, like \"1250000000\" or \"0.27\")")
        }
        let leadingZeros = parts[0].prefix { $0 == 48 }.count
        let significant = parts.reduce(0) { $0 + $1.count } - leadingZeros
        guard significant <= maxDigits else {
            throw LedgerError("\"\(text)\" has more than \(maxDigits) significant digits")
        }
        guard parts.count < 2 || parts[1].count <= maxFractionDigits else {
            throw LedgerError("\"\(text)\" has more than \(maxFractionDigits) digits after the decimal point")
        }
        guard parts[0].count - leadingZeros <= maxIntegerDigits else {
            throw LedgerError("\"\(text)\" has more than \(maxIntegerDigits) digits before the decimal point")
        }
        guard !negative || allowNegative else { throw LedgerError("\(what) must not be negative (got \"\(text)\")") }
        var units: Int128 = 0
        for byte in parts[0] { units = units * 10 + Int128(byte - 48) }
        let fraction = parts.count == 2 ? Array(parts[1]) : []
        for index in 0..<maxFractionDigits {
            units = units * 10 + Int128(index < fraction.count ? fraction[index] - 48 : 0)
        }
        return ExactDecimal(units: negative ? -units : units)
    }

    /// Plain decimal text without exponent, trailing zeros trimmed: `"0.27"`, `"135000000000"`.
    public static func text(_ value: ExactDecimal) -> String { value.description }

    /// `value` rounded half away from zero to `places` fractional digits.
    public static func rounded(_ value: ExactDecimal, places: Int) -> ExactDecimal { value.rounded(places: places) }
}

extension ExactDecimal: SignedNumeric {
    /// `source` when it is within the exact range.
    public init?<Source: BinaryInteger>(exactly source: Source) {
        guard let wide = Int128(exactly: source) else { return nil }
        let (product, overflow) = wide.multipliedReportingOverflow(by: Self.unit)
        if overflow { return nil }
        units = product
    }

    /// The absolute value.
    public var magnitude: ExactDecimal { ExactDecimal(units: units < 0 ? -units : units) }

    public static prefix func - (operand: ExactDecimal) -> ExactDecimal { ExactDecimal(units: -operand.units) }
}

extension ExactDecimal: Codable {
    public init(from decoder: any Decoder) throws {
        self = try ExactDecimal.parse(try decoder.singleValueContainer().decode(String.self), allowNegative: true)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A holder's fraction of a company, exact to 36 digits after the point, held in one `Int128`.
///
/// Cap tables are computed: every equity round multiplies each earlier
/// stake by (1 − total/post-money) and adds amount/post-money per investor.
/// Those quotients and products are rounded half away from zero at the
/// 36th place, sixteen digits beyond the 20 that are printed (``rounded``),
/// so a table diluted round after round prints as the `Decimal` path (38
/// significant digits) printed it. Stakes above 170 stop the process.
///
/// ```swift
/// let stake = Stake.ratio(250, of: 1000)   // 0.25
/// (stake * Stake(ExactDecimal(1) / 2)).rounded   // 0.125
/// ```
public struct Stake: Hashable, Comparable, Sendable, AdditiveArithmetic, ExpressibleByIntegerLiteral, CustomStringConvertible {
    /// The value times 10^36.
    public var units: Int128

    /// Digits kept after the point.
    public static let scale = 36
    static let unit: Int128 = 1_000_000_000_000_000_000_000_000_000_000_000_000
    /// 10^16: an ``ExactDecimal`` unit in stake units.
    static let fromDecimal: Int128 = 10_000_000_000_000_000

    public init(units: Int128) { self.units = units }

    /// A fraction as parsed (exact).
    public init(_ fraction: ExactDecimal) {
        let (product, overflow) = fraction.units.multipliedReportingOverflow(by: Self.fromDecimal)
        if overflow { Self.overflow("\(fraction)") }
        units = product
    }

    public init(integerLiteral value: Int) { self.init(ExactDecimal(value)) }

    public static let zero = Stake(units: 0)

    /// `part / whole`, rounded half away from zero at the 36th place; stops the process on a zero `whole` or overflow.
    public static func ratio(_ part: ExactDecimal, of whole: ExactDecimal) -> Stake {
        precondition(whole.units != 0, "Stake: ratio of \(part) to zero")
        guard let magnitude = FullWidth.mulDivRounded(part.units.magnitude, UInt128(unit), whole.units.magnitude),
              let units = FullWidth.signed(magnitude, negative: (part.units < 0) != (whole.units < 0))
        else { overflow("\(part) / \(whole)") }
        return Stake(units: units)
    }

    /// The product, rounded half away from zero at the 36th place.
    public static func * (lhs: Stake, rhs: Stake) -> Stake {
        guard let magnitude = FullWidth.mulDivRounded(lhs.units.magnitude, rhs.units.magnitude, UInt128(unit)),
              let units = FullWidth.signed(magnitude, negative: (lhs.units < 0) != (rhs.units < 0))
        else { overflow("\(lhs) × \(rhs)") }
        return Stake(units: units)
    }

    public static func *= (lhs: inout Stake, rhs: Stake) { lhs = lhs * rhs }

    public static func + (lhs: Stake, rhs: Stake) -> Stake {
        let (sum, overflow) = lhs.units.addingReportingOverflow(rhs.units)
        if overflow { Self.overflow("\(lhs) + \(rhs)") }
        return Stake(units: sum)
    }

    public static func - (lhs: Stake, rhs: Stake) -> Stake {
        let (difference, overflow) = lhs.units.subtractingReportingOverflow(rhs.units)
        if overflow { Self.overflow("\(lhs) - \(rhs)") }
        return Stake(units: difference)
    }

    public static func < (lhs: Stake, rhs: Stake) -> Bool { lhs.units < rhs.units }

    /// The stake rounded half away from zero to the 20 places shown.
    public var rounded: ExactDecimal {
        ExactDecimal(units: FullWidth.round(units, droppingDigits: Self.scale - ExactDecimal.scale) / Self.fromDecimal)
    }

    /// `self × amount`, rounded half away from zero to `places` digits after the point (0…20).
    public func value(of amount: ExactDecimal, places: Int) -> ExactDecimal {
        // floor(stake × amount / 10^36) is the product in ExactDecimal units; the digits it drops
        // are below every place kept, so they cannot change a half-up rounding at `places`.
        let product = units.magnitude.multipliedFullWidth(by: amount.units.magnitude)
        guard product.high < UInt128(Self.unit) else { Self.overflow("\(self) × \(amount)") }
        let floor = UInt128(Self.unit).dividingFullWidth(product).quotient
        guard let magnitude = Int128(exactly: floor) else { Self.overflow("\(self) × \(amount)") }
        let units = (units < 0) != (amount.units < 0) ? -magnitude : magnitude
        return ExactDecimal(units: FullWidth.round(units, droppingDigits: ExactDecimal.scale - places))
    }

    /// The stake as printed: 20 places, trailing zeros trimmed.
    public var description: String { rounded.description }

    static func overflow(_ what: String) -> Never {
        fatalError("stake overflow: \(what) is beyond ±170, the ledger's exact range for stakes")
    }
}

extension Stake: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let units = Int128(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\"\(text)\" is not a stake in units"))
        }
        self.init(units: units)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(String(units))
    }
}

/// The 256-bit steps behind ``ExactDecimal`` and ``Stake``: no allocation, no Foundation.
enum FullWidth {
    /// round(a × b / d) half away from zero, or nil when it does not fit 128 bits.
    static func mulDivRounded(_ a: UInt128, _ b: UInt128, _ d: UInt128) -> UInt128? {
        let product = a.multipliedFullWidth(by: b)
        guard product.high < d else { return nil }
        let (quotient, remainder) = d.dividingFullWidth(product)
        guard remainder >= d - remainder else { return quotient }
        let (rounded, overflow) = quotient.addingReportingOverflow(1)
        return overflow ? nil : rounded
    }

    /// `magnitude` with a sign, or nil beyond Int128.
    static func signed(_ magnitude: UInt128, negative: Bool) -> Int128? {
        guard let value = Int128(exactly: magnitude) else { return nil }
        return negative ? -value : value
    }

    /// `value` with its last `digits` decimal digits rounded off half away from zero (they become zeros).
    static func round(_ value: Int128, droppingDigits digits: Int) -> Int128 {
        guard digits > 0 else { return value }
        let divisor = powerOfTen(digits)
        let magnitude = value.magnitude
        var kept = magnitude / UInt128(divisor)
        if magnitude % UInt128(divisor) >= UInt128(divisor) / 2 { kept += 1 }
        let result = Int128(kept) * divisor
        return value < 0 ? -result : result
    }

    /// 10^`power`, 0 ≤ power ≤ 38.
    static func powerOfTen(_ power: Int) -> Int128 {
        var result: Int128 = 1
        for _ in 0..<power { result *= 10 }
        return result
    }

    /// `value / 10^scale` as plain text, trailing zeros trimmed.
    static func text(_ value: Int128, scale: Int) -> String {
        var digits = Array(String(value.magnitude).utf8)
        if digits.count <= scale { digits.insert(contentsOf: repeatElement(UInt8(ascii: "0"), count: scale + 1 - digits.count), at: 0) }
        var fraction = digits[(digits.count - scale)...]
        while fraction.last == UInt8(ascii: "0") { fraction.removeLast() }
        var text = String(decoding: digits[..<(digits.count - scale)], as: UTF8.self)
        if !fraction.isEmpty { text += "." + String(decoding: fraction, as: UTF8.self) }
        return value < 0 ? "-" + text : text
    }
}
