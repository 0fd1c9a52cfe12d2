import Foundation
import LedgerCore

/// Maps exact values to vertical pixel positions, on a linear or a log scale, and picks the ticks.
///
/// Tick values are exact decimals (powers of ten, 1-2-5 steps) so their
/// labels print exactly. The one place the report leaves exact arithmetic
/// is ``y(_:)``: a logarithm is needed for the log scale and the result is a
/// pixel coordinate, so the value is converted to `Double` there and only
/// there; no money or stake figure printed anywhere comes from that `Double`.
///
/// ```swift
/// let axis = ValueAxis.log(values: [1_000_000_000, 500_000_000_000], bottom: 260, top: 10)
/// axis.ticks // 1e9, 1e10, 1e11, 1e12
/// ```
struct ValueAxis {
    enum Scale { case linear, log }

    let scale: Scale
    let low: ExactDecimal
    let high: ExactDecimal
    let bottom: Double
    let top: Double
    let ticks: [ExactDecimal]

    /// A log axis spanning whole decades around `values` (which must be positive).
    static func log(values: [ExactDecimal], bottom: Double, top: Double) -> ValueAxis {
        let positive = values.filter { $0 > 0 }
        let low = power(of: exponent(positive.min() ?? 1, rounding: .down))
        var high = power(of: exponent(positive.max() ?? 10, rounding: .up))
        if high <= low { high = low * 10 }
        var ticks: [ExactDecimal] = []
        var decade = low
        let decades = exponent(high, rounding: .down) - exponent(low, rounding: .down)
        // At most about eight labelled decades: wider ranges label every second, third, … power of ten.
        let stride = max(1, (decades + 7) / 8)
        var index = 0
        while decade <= high {
            if index % stride == 0 { ticks.append(decade) }
            // With few decades, 2× and 5× ticks help reading values between powers of ten.
            if decades <= 2, decade < high { ticks += [decade * 2, decade * 5] }
            decade *= 10
            index += 1
        }
        return ValueAxis(scale: .log, low: low, high: high, bottom: bottom, top: top, ticks: ticks)
    }

    /// A linear axis from 0 to a round number at or above the largest value, at most `cap` when given.
    static func linear(values: [ExactDecimal], bottom: Double, top: Double, cap: ExactDecimal? = nil) -> ValueAxis {
        let largest = max(values.max() ?? 1, 0)
        let step = niceStep(largest > 0 ? largest / 5 : 1)
        var high = step
        while high < largest { high += step }
        if let cap, high > cap { high = cap }
        var ticks: [ExactDecimal] = []
        var tick: ExactDecimal = 0
        while tick <= high {
            ticks.append(tick)
            tick += step
        }
        return ValueAxis(scale: .linear, low: 0, high: high, bottom: bottom, top: top, ticks: ticks)
    }

    /// The vertical position of `value`; values outside the axis are clamped to its ends.
    func y(_ value: ExactDecimal) -> Double {
        // Pixels only: Double is fine here, and log10 needs it (see the type's comment).
        let v = Self.double(value), lo = Self.double(low), hi = Self.double(high)
        let fraction: Double
        switch scale {
        case .linear: fraction = (v - lo) / (hi - lo)
        case .log: fraction = v > 0 ? (Foundation.log10(v) - Foundation.log10(lo)) / (Foundation.log10(hi) - Foundation.log10(lo)) : 0
        }
        return bottom - (bottom - top) * min(max(fraction, 0), 1)
    }

    private static func double(_ value: ExactDecimal) -> Double { value.approximateDouble }

    /// The decimal exponent of `value`, rounded down or up to a whole power of ten, within 10^-20…10^17 (the exact range).
    private static func exponent(_ value: ExactDecimal, rounding: FloatingPointRoundingRule) -> Int {
        var k = 0
        var p: ExactDecimal = 1
        while k < 16, p * 10 <= value { p *= 10; k += 1 }
        while k > -20, p > value { p /= 10; k -= 1 }
        return rounding == .up && p < value ? k + 1 : k
    }

    private static func power(of exponent: Int) -> ExactDecimal {
        ExactDecimal.powerOfTen(exponent)
    }

    /// The smallest of 1, 2, 2.5, 5 × 10ᵏ that is at least `raw`.
    private static func niceStep(_ raw: ExactDecimal) -> ExactDecimal {
        let magnitude = power(of: exponent(raw, rounding: .down))
        for factor in [ExactDecimal(1), 2, ExactDecimal(5) / 2, 5, 10] where magnitude * factor >= raw {
            return magnitude * factor
        }
        return magnitude * 10
    }
}
