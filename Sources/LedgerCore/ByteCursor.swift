import Foundation

/// A forward-only reader over canonical JSON bytes: the scalar readers of the
/// stored-payload fast path (see ``CanonicalFieldReader``). Every method
/// returns nil (or false) on anything unexpected, leaving the general decoder
/// to explain.
struct ByteCursor {
    let bytes: UnsafePointer<UInt8>
    let count: Int
    var index = 0

    init(_ bytes: UnsafePointer<UInt8>, count: Int) { self.bytes = bytes; self.count = count }

    var peek: UInt8 { index < count ? bytes[index] : 0 }

    mutating func eat(_ byte: UInt8) -> Bool {
        guard index < count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// Eats `text` when the bytes at the cursor are exactly it.
    mutating func eat(_ text: StaticString) -> Bool {
        let length = text.utf8CodeUnitCount
        guard index + length <= count, memcmp(bytes + index, text.utf8Start, length) == 0 else { return false }
        index += length
        return true
    }

    // MARK: Structure

    /// Skips one JSON value (strings, nesting and scalars), without judging it; false on unbalanced or unterminated input.
    ///
    /// The value is judged when a field reader reads it, and every member of
    /// an event object must be read, so nothing skipped here goes unchecked.
    mutating func skipValue() -> Bool {
        guard index < count else { return false }
        var depth = 0
        repeat {
            guard index < count else { return false }
            switch bytes[index] {
            case UInt8(ascii: "\""):
                index += 1
                while index < count, bytes[index] != UInt8(ascii: "\"") {
                    index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
                }
                guard index < count else { return false }
                index += 1
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                guard depth < JSONParser.maxDepth else { return false }
                index += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard depth > 0 else { return false }
                depth -= 1
                index += 1
            case UInt8(ascii: ","), UInt8(ascii: ":"):
                guard depth > 0 else { return false }
                index += 1
            default:
                let start = index
                while index < count {
                    let byte = bytes[index]
                    if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]")
                        || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "\"") { break }
                    index += 1
                }
                guard index > start else { return false }
            }
        } while depth > 0
        return true
    }

    /// A key without escapes, as a range of the bytes, or nil.
    mutating func plainKey() -> Range<Int>? {
        guard eat(UInt8(ascii: "\"")) else { return nil }
        let start = index
        while index < count, bytes[index] != UInt8(ascii: "\"") {
            if bytes[index] == UInt8(ascii: "\\") || bytes[index] < 0x20 { return nil }
            index += 1
        }
        guard index < count else { return nil }
        index += 1
        return start..<(index - 1)
    }

    // MARK: Scalars

    /// The raw bytes of a string without escapes (ASCII only), or nil.
    mutating func plainString() -> UnsafeBufferPointer<UInt8>? {
        guard eat(UInt8(ascii: "\"")) else { return nil }
        let start = index
        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return UnsafeBufferPointer(start: bytes + start, count: index - 1 - start)
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { return nil }
            index += 1
        }
        return nil
    }

    /// A JSON string as a Swift String (escapes and UTF-8 validated).
    mutating func string() -> String? {
        guard peek == UInt8(ascii: "\"") else { return nil }
        let start = index + 1
        var plain = true
        var ascii = true
        var scan = start
        while scan < count {
            let byte = bytes[scan]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") { plain = false; scan += 2; continue }
            if byte < 0x20 { return nil }
            if byte >= 0x80 { ascii = false }
            scan += 1
        }
        guard scan < count else { return nil }
        let raw = UnsafeBufferPointer(start: bytes + start, count: scan - start)
        index = scan + 1
        if plain {
            return ascii ? String(decoding: raw, as: UTF8.self) : String(validating: raw, as: UTF8.self)
        }
        return Self.unescape(raw)
    }

    private static func unescape(_ raw: UnsafeBufferPointer<UInt8>) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            let byte = raw[i]
            guard byte == UInt8(ascii: "\\") else { out.append(byte); i += 1; continue }
            guard i + 1 < raw.count else { return nil }
            switch raw[i + 1] {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                // Only the escapes the canonical encoder writes: control characters.
                guard i + 5 < raw.count, raw[i + 2] == UInt8(ascii: "0"), raw[i + 3] == UInt8(ascii: "0"),
                      let high = hexDigit(raw[i + 4]), let low = hexDigit(raw[i + 5]), high < 2 else { return nil }
                out.append(high << 4 | low)
                i += 6
                continue
            default: return nil
            }
            i += 2
        }
        return String(validating: out, as: UTF8.self)
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - 48
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - 87
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - 55
        default: nil
        }
    }

    mutating func nonEmptyString() -> String? {
        guard let text = string(), Self.isNonBlank(text) else { return nil }
        return text
    }

    /// Whether `text` has something besides whitespace (a printable ASCII first byte settles it cheaply).
    static func isNonBlank(_ text: String) -> Bool {
        if let first = text.utf8.first, first > 0x20, first < 0x7F { return true }
        return !text.trimmingCharacters(in: .whitespaces).isEmpty
    }

    mutating func slug() -> String? {
        guard let raw = plainString(), !raw.isEmpty, raw.count <= Slug.maxLength else { return nil }
        let first = raw[0]
        guard (first >= 97 && first <= 122) || (first >= 48 && first <= 57) else { return nil }
        for byte in raw {
            guard (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57) || byte == 46 || byte == 95 || byte == 45 else { return nil }
        }
        return String(decoding: raw, as: UTF8.self)
    }

    mutating func date() -> LedgerDate? {
        guard let raw = plainString(), raw.count == 10, raw[4] == UInt8(ascii: "-"), raw[7] == UInt8(ascii: "-") else { return nil }
        var parts = (0, 0, 0)
        for (offset, byte) in raw.enumerated() where offset != 4 && offset != 7 {
            guard byte >= 48, byte <= 57 else { return nil }
            let digit = Int(byte - 48)
            if offset < 4 { parts.0 = parts.0 * 10 + digit } else if offset < 7 { parts.1 = parts.1 * 10 + digit } else { parts.2 = parts.2 * 10 + digit }
        }
        return LedgerDate(year: parts.0, month: parts.1, day: parts.2)
    }

    mutating func enumeration<E: RawRepresentable>(_ type: E.Type) -> E? where E.RawValue == String {
        guard let raw = plainString() else { return nil }
        return E(rawValue: String(decoding: raw, as: UTF8.self))
    }

    mutating func decimal(atMostOne: Bool) -> ExactDecimal? {
        guard let raw = plainString(), let value = CanonicalDecoder.decimal(raw) else { return nil }
        if atMostOne, value > 1 { return nil }
        return value
    }


    /// A money object in canonical form: `{"amount":"…","currency":"XYZ"}`.
    mutating func money() -> Money? {
        guard eat(#"{"amount":"#), let amount = decimal(atMostOne: false), eat(#","currency":"#),
              let raw = plainString(), raw.count == 3, raw.allSatisfy({ $0 >= 65 && $0 <= 90 }), eat(UInt8(ascii: "}"))
        else { return nil }
        return Money(amount: amount, currency: String(decoding: raw, as: UTF8.self))
    }
}
