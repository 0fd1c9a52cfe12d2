/// One member of a structured term value that differs between two versions.
///
/// Term values are usually objects (`{"rate": "0.20", "payer": "openai", …}`);
/// a renegotiation often changes one or two members. Listing only those makes
/// an audit line read like `rate 20% → 8%` instead of two full objects.
///
/// ```swift
/// MemberChange.between(.object(["rate": .string("0.20")]), .object(["rate": .string("0.08")]))
/// // [MemberChange(key: "rate", from: "0.20", to: "0.08")]
/// ```
public struct MemberChange: Hashable, Sendable {
    /// The member's key.
    public var key: String
    /// Its value before; nil when it was absent.
    public var from: JSONValue?
    /// Its value after; nil when it is gone.
    public var to: JSONValue?

    /// Creates a member change.
    public init(key: String, from: JSONValue?, to: JSONValue?) {
        self.key = key; self.from = from; self.to = to
    }

    /// The members that differ between two object values, sorted by key;
    /// nil unless both values are objects (then only a whole-value change makes sense).
    public static func between(_ from: JSONValue?, _ to: JSONValue?) -> [MemberChange]? {
        guard case .object(let before)? = from, case .object(let after)? = to else { return nil }
        return Set(before.keys).union(after.keys).sorted().compactMap { key in
            before[key] == after[key] ? nil : MemberChange(key: key, from: before[key], to: after[key])
        }
    }
}
