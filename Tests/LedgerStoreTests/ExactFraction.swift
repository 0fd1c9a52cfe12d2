import Foundation
import LedgerCore

/// A signed integer of any size, with only what exact fractions need: add, subtract, multiply, compare.
///
/// Deliberately plain (schoolbook arithmetic on 32-bit limbs) and slow: the
/// reference fold uses it so that no rounding and no overflow can hide a
/// difference from the production fold, which computes in fixed point (`ExactDecimal`, `Stake`).
struct BigInt: Comparable, CustomStringConvertible {
    /// Whether the value is below zero (never true for zero).
    private(set) var negative = false
    /// The magnitude, least significant limb first, with no high zero limbs (zero is empty).
    private(set) var limbs: [UInt32] = []

    init(_ value: Int) {
        negative = value < 0
        var magnitude = value.magnitude
        while magnitude > 0 {
            limbs.append(UInt32(truncatingIfNeeded: magnitude))
            magnitude >>= 32
        }
    }

    private init(negative: Bool, limbs: [UInt32]) {
        var limbs = limbs
        while limbs.last == 0 { limbs.removeLast() }
        self.limbs = limbs
        self.negative = negative && !limbs.isEmpty
    }

    /// Parses a run of ASCII decimal digits; nil for anything else.
    init?(digits: Substring) {
        guard !digits.isEmpty else { return nil }
        var value = BigInt(0)
        let ten = BigInt(10)
        for byte in digits.utf8 {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * ten + BigInt(Int(byte - UInt8(ascii: "0")))
        }
        self = value
    }

    /// An `Int128` value (the units of ``ExactDecimal`` and ``Stake``).
    init(units: Int128) {
        self.init(digits: Substring(String(units.magnitude)))!
        if units < 0 { self = -self }
    }

    var isZero: Bool { limbs.isEmpty }

    /// 10^exponent.
    static func tenToThe(_ exponent: Int) -> BigInt {
        (0..<exponent).reduce(BigInt(1)) { value, _ in value * BigInt(10) }
    }

    // MARK: Magnitudes

    private static func compareMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> Int {
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        for index in stride(from: a.count - 1, through: 0, by: -1) where a[index] != b[index] {
            return a[index] < b[index] ? -1 : 1
        }
        return 0
    }

    private static func addMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        var result: [UInt32] = []
        var carry: UInt64 = 0
        for index in 0..<max(a.count, b.count) {
            let sum = UInt64(index < a.count ? a[index] : 0) + UInt64(index < b.count ? b[index] : 0) + carry
            result.append(UInt32(truncatingIfNeeded: sum))
            carry = sum >> 32
        }
        if carry > 0 { result.append(UInt32(carry)) }
        return result
    }

    /// a − b for |a| ≥ |b|.
    private static func subtractMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        var result: [UInt32] = []
        var borrow: Int64 = 0
        for index in 0..<a.count {
            var difference = Int64(a[index]) - Int64(index < b.count ? b[index] : 0) - borrow
            borrow = 0
            if difference < 0 { difference += 1 << 32; borrow = 1 }
            result.append(UInt32(difference))
        }
        precondition(borrow == 0, "subtractMagnitudes needs |a| ≥ |b|")
        return result
    }

    private static func multiplyMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        guard !a.isEmpty, !b.isEmpty else { return [] }
        var result = [UInt32](repeating: 0, count: a.count + b.count)
        for i in 0..<a.count {
            var carry: UInt64 = 0
            for j in 0..<b.count {
                let product = UInt64(a[i]) * UInt64(b[j]) + UInt64(result[i + j]) + carry
                result[i + j] = UInt32(truncatingIfNeeded: product)
                carry = product >> 32
            }
            result[i + b.count] = UInt32(carry)
        }
        return result
    }

    /// The magnitude divided by a small divisor, and the remainder (for printing).
    private static func divideMagnitude(_ a: [UInt32], by divisor: UInt32) -> ([UInt32], UInt32) {
        var quotient = [UInt32](repeating: 0, count: a.count)
        var remainder: UInt64 = 0
        for index in stride(from: a.count - 1, through: 0, by: -1) {
            let current = (remainder << 32) | UInt64(a[index])
            quotient[index] = UInt32(current / UInt64(divisor))
            remainder = current % UInt64(divisor)
        }
        return (quotient, UInt32(remainder))
    }

    // MARK: Arithmetic

    static func + (a: BigInt, b: BigInt) -> BigInt {
        if a.negative == b.negative { return BigInt(negative: a.negative, limbs: addMagnitudes(a.limbs, b.limbs)) }
        if compareMagnitudes(a.limbs, b.limbs) >= 0 { return BigInt(negative: a.negative, limbs: subtractMagnitudes(a.limbs, b.limbs)) }
        return BigInt(negative: b.negative, limbs: subtractMagnitudes(b.limbs, a.limbs))
    }

    static prefix func - (a: BigInt) -> BigInt { BigInt(negative: !a.negative, limbs: a.limbs) }

    static func - (a: BigInt, b: BigInt) -> BigInt { a + (-b) }

    static func * (a: BigInt, b: BigInt) -> BigInt {
        BigInt(negative: a.negative != b.negative, limbs: multiplyMagnitudes(a.limbs, b.limbs))
    }

    static func < (a: BigInt, b: BigInt) -> Bool {
        if a.negative != b.negative { return a.negative }
        let order = compareMagnitudes(a.limbs, b.limbs)
        return a.negative ? order > 0 : order < 0
    }

    var description: String {
        guard !isZero else { return "0" }
        var digits: [Character] = []
        var rest = limbs
        while !rest.isEmpty {
            let (quotient, digit) = Self.divideMagnitude(rest, by: 10)
            digits.append(Character(String(digit)))
            rest = quotient
            while rest.last == 0 { rest.removeLast() }
        }
        return (negative ? "-" : "") + String(digits.reversed())
    }
}

/// An exact fraction of two ``BigInt``s, never reduced (no division is ever needed).
///
/// Equality and order compare by cross-multiplication, so 1/2 == 2/4.
struct ExactFraction: Comparable, CustomStringConvertible {
    let numerator: BigInt
    /// Always above zero.
    let denominator: BigInt

    init(_ numerator: BigInt, over denominator: BigInt = BigInt(1)) {
        precondition(!denominator.isZero, "a fraction over zero")
        if denominator < BigInt(0) {
            self.numerator = -numerator; self.denominator = -denominator
        } else {
            self.numerator = numerator; self.denominator = denominator
        }
    }

    init(_ value: Int) { self.init(BigInt(value)) }

    static let zero = ExactFraction(0)
    static let one = ExactFraction(1)

    /// The exact value of a plain decimal text such as "-12.0375" (no exponent); nil otherwise.
    init?(text: String) {
        var body = Substring(text)
        let negative = body.first == "-"
        if negative { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = BigInt(digits: parts[0]) else { return nil }
        var numerator = whole, denominator = BigInt(1)
        if parts.count == 2 {
            guard let fraction = BigInt(digits: parts[1]) else { return nil }
            denominator = BigInt.tenToThe(parts[1].count)
            numerator = whole * denominator + fraction
        }
        self.init(negative ? -numerator : numerator, over: denominator)
    }

    /// The exact value of an ``ExactDecimal``.
    init(_ decimal: ExactDecimal) {
        self.init(BigInt(units: decimal.units), over: BigInt.tenToThe(ExactDecimal.scale))
    }

    /// The exact value of a ``Stake``.
    init(_ stake: Stake) {
        self.init(BigInt(units: stake.units), over: BigInt.tenToThe(Stake.scale))
    }

    static func + (a: ExactFraction, b: ExactFraction) -> ExactFraction {
        ExactFraction(a.numerator * b.denominator + b.numerator * a.denominator, over: a.denominator * b.denominator)
    }

    static func - (a: ExactFraction, b: ExactFraction) -> ExactFraction {
        ExactFraction(a.numerator * b.denominator - b.numerator * a.denominator, over: a.denominator * b.denominator)
    }

    static func * (a: ExactFraction, b: ExactFraction) -> ExactFraction {
        ExactFraction(a.numerator * b.numerator, over: a.denominator * b.denominator)
    }

    static func / (a: ExactFraction, b: ExactFraction) -> ExactFraction {
        ExactFraction(a.numerator * b.denominator, over: a.denominator * b.numerator)
    }

    static func == (a: ExactFraction, b: ExactFraction) -> Bool {
        a.numerator * b.denominator == b.numerator * a.denominator
    }

    static func < (a: ExactFraction, b: ExactFraction) -> Bool {
        a.numerator * b.denominator < b.numerator * a.denominator
    }

    var magnitude: ExactFraction { numerator < BigInt(0) ? ExactFraction(-numerator, over: denominator) : self }

    /// Whether `decimal` is within `tolerance` of this exact value.
    func isClose(to stake: Stake, within tolerance: ExactFraction) -> Bool {
        (ExactFraction(stake) - self).magnitude <= tolerance
    }

    var description: String { "\(numerator)/\(denominator)" }
}
