extension JSONValue {
    /// The canonical text of this value: sorted keys, no insignificant whitespace.
    ///
    /// Hashes and idempotent imports compare these bytes, so the encoding is
    /// fixed: keys sorted by their UTF-8 bytes, strings escaped minimally
    /// (`"`, `\`, and control characters), non-ASCII kept as UTF-8, numbers as
    /// their literal text.
    ///
    /// ```swift
    /// JSONValue.object(["b": .null, "a": .string("x")]).canonicalText // {"a":"x","b":null}
    /// ```
    public var canonicalText: String {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        encodeCanonical(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the canonical bytes of this value to `out`.
    public func encodeCanonical(into out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let text): out.append(contentsOf: text.utf8)
        case .string(let text): Self.writeString(text, into: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (offset, element) in elements.enumerated() {
                if offset > 0 { out.append(UInt8(ascii: ",")) }
                element.encodeCanonical(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (offset, key) in keys.enumerated() {
                if offset > 0 { out.append(UInt8(ascii: ",")) }
                Self.writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                members[key]!.encodeCanonical(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// The value as indented, human-readable JSON (keys sorted, two-space indent).
    public func prettyText(indent: String = "") -> String {
        let inner = indent + "  "
        switch self {
        case .array(let elements) where !elements.isEmpty:
            return "[\n" + elements.map { inner + $0.prettyText(indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case .object(let members) where !members.isEmpty:
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            let lines = keys.map { key in
                inner + JSONValue.string(key).canonicalText + ": " + members[key]!.prettyText(indent: inner)
            }
            return "{\n" + lines.joined(separator: ",\n") + "\n\(indent)}"
        default:
            return canonicalText
        }
    }

    /// Appends `text` as a canonical JSON string.
    static func writeString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case 0x0A: out.append(contentsOf: #"\n"#.utf8)
            case 0x0D: out.append(contentsOf: #"\r"#.utf8)
            case 0x09: out.append(contentsOf: #"\t"#.utf8)
            case 0..<0x20:
                let hex = String(byte, radix: 16)
                out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
