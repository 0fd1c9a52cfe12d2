/// A small, fast, deterministic random number generator (SplitMix64).
///
/// The same seed gives the same sequence on every platform and Swift version,
/// which `SystemRandomNumberGenerator` cannot promise; the generated histories
/// are therefore reproducible byte for byte.
///
/// ```swift
/// var random = SeededRandom(seed: 1)
/// random.int(in: 0..<10)
/// ```
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `range` (Lemire's method through the stdlib).
    public mutating func int(in range: Range<Int>) -> Int { Int.random(in: range, using: &self) }

    /// A uniform integer in `range`.
    public mutating func int(in range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) * 0x1.0p-53 < p }

    /// A uniform element of a non-empty array.
    public mutating func pick<T>(_ items: [T]) -> T { items[int(in: 0..<items.count)] }

    /// A derived generator for an independent stream (e.g. one event's content).
    public static func derived(_ seed: UInt64, _ salt: UInt64) -> SeededRandom {
        var mixer = SeededRandom(seed: seed ^ (salt &* 0xD6E8_FEB8_6659_FD93))
        return SeededRandom(seed: mixer.next())
    }
}
