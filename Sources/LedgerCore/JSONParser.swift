/// A strict JSON parser over UTF-8 bytes.
///
/// Stricter than Foundation's on purpose: it rejects duplicate keys (which
/// other parsers resolve silently and differently), invalid UTF-8, nesting
/// deeper than ``maxDepth``, and trailing content; and it keeps numbers as
/// their exact text. Errors carry the line and column of the problem.
///
/// ```swift
/// let values = try JSONParser.parseDocuments(bytes) // object, array or JSON Lines
/// ```
public struct JSONParser {
    /// Deepest nesting accepted; events need about six levels.
    public static let maxDepth = 64

    private let bytes: [UInt8]
    private var index = 0

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Parses exactly one JSON value from `text`.
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    /// Parses exactly one JSON value from UTF-8 `bytes`.
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONParser(bytes)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.index < bytes.count { throw parser.error("unexpected content after the JSON value") }
        return value
    }

    /// Parses exactly one JSON value from `bytes`, a value found at nesting `depth` of a larger document
    /// (so the depth limit counts from that document's root).
    static func parseValue(_ bytes: [UInt8], depth: Int) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONParser(bytes)
        let value = try parser.parseValue(depth: depth)
        if parser.index < bytes.count { throw parser.error("unexpected content after the JSON value") }
        return value
    }

    /// Parses a document that is one JSON value, or JSON Lines (one value per line).
    ///
    /// A single value is returned as a one-element array; a top-level JSON array is
    /// returned as its elements. Blank lines between JSON Lines are allowed.
    public static func parseDocuments(_ bytes: [UInt8]) throws(JSONSyntaxError) -> [JSONValue] {
        var parser = JSONParser(bytes)
        parser.skipWhitespace()
        if parser.index == bytes.count { throw parser.error("the input is empty") }
        var values: [JSONValue] = []
        var previousEnd: Int?
        while parser.index < bytes.count {
            let start = parser.index
            values.append(try parser.parseValue(depth: 0))
            // JSON Lines: each value starts on a line of its own.
            if let previousEnd, !bytes[previousEnd..<start].contains(0x0A) {
                throw parser.error("a second JSON value on the same line (JSON Lines holds one value per line)", at: start)
            }
            previousEnd = parser.index
            parser.skipWhitespace()
        }
        if values.count == 1, case .array(let elements) = values[0] { return elements }
        return values
    }

    /// Calls `body` with each value of a document, as ``parseDocuments(_:)`` would return them, parsing one at a time.
    ///
    /// A document that is one JSON array yields its elements; otherwise each
    /// value in turn (JSON Lines). Only the value being handed out is held,
    /// so a long JSON Lines document needs no more memory than its largest
    /// line. Returns how many values were handed out.
    @discardableResult
    public static func forEachDocument(_ bytes: [UInt8], _ body: (JSONValue) throws -> Void) throws -> Int {
        var parser = JSONParser(bytes)
        parser.skipWhitespace()
        if parser.index == bytes.count { throw parser.error("the input is empty") }
        let first = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.index == bytes.count, case .array(let elements) = first {
            for element in elements { try body(element) }
            return elements.count
        }
        try body(first)
        var count = 1
        while parser.index < bytes.count {
            try body(try parser.parseValue(depth: 0))
            count += 1
            parser.skipWhitespace()
        }
        return count
    }

    /// Calls `body` with each JSON value of `bytes` from position `start` on (values separated by whitespace).
    ///
    /// Errors report lines and columns within the whole of `bytes`. Returns how many values were handed out.
    @discardableResult
    public static func forEachValue(_ bytes: [UInt8], from start: Int, _ body: (JSONValue) throws -> Void) throws -> Int {
        var parser = JSONParser(bytes)
        parser.index = start
        parser.skipWhitespace()
        var count = 0
        while parser.index < bytes.count {
            try body(try parser.parseValue(depth: 0))
            count += 1
            parser.skipWhitespace()
        }
        return count
    }

    // MARK: - Grammar

    private mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard depth < Self.maxDepth else { throw error("nesting deeper than \(Self.maxDepth) levels") }
        guard index < bytes.count else { throw error("the input ends where a value was expected") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error("unexpected character \(describe(bytes[index]))")
        }
    }

    private mutating func parseObject(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        index += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if peek == UInt8(ascii: "}") { index += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard peek == UInt8(ascii: "\"") else { throw error("expected a quoted key") }
            let keyStart = index
            let key = try parseString()
            skipWhitespace()
            guard peek == UInt8(ascii: ":") else { throw error("expected ':' after key \"\(key)\"") }
            index += 1
            skipWhitespace()
            let value = try parseValue(depth: depth + 1)
            if members.updateValue(value, forKey: key) != nil {
                throw error("duplicate key \"\(key)\"", at: keyStart)
            }
            skipWhitespace()
            switch peek {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"): index += 1; return .object(members)
            default: throw error("expected ',' or '}' in an object")
            }
        }
    }

    private mutating func parseArray(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if peek == UInt8(ascii: "]") { index += 1; return .array(elements) }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            switch peek {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"): index += 1; return .array(elements)
            default: throw error("expected ',' or ']' in an array")
            }
        }
    }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        let start = index
        index += 1
        var buffer: [UInt8] = []
        var plainFrom = index
        while true {
            guard index < bytes.count else { throw error("unterminated string", at: start) }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                buffer.append(contentsOf: bytes[plainFrom..<index])
                index += 1
                break
            } else if byte == UInt8(ascii: "\\") {
                buffer.append(contentsOf: bytes[plainFrom..<index])
                try parseEscape(into: &buffer)
                plainFrom = index
            } else if byte < 0x20 {
                throw error("control character in a string (escape it)")
            } else {
                index += 1
            }
        }
        guard let string = String(validating: buffer, as: UTF8.self) else {
            throw error("invalid UTF-8 in a string", at: start)
        }
        return string
    }

    private mutating func parseEscape(into buffer: inout [UInt8]) throws(JSONSyntaxError) {
        index += 1
        guard index < bytes.count else { throw error("unterminated escape") }
        let escaped = bytes[index]
        index += 1
        switch escaped {
        case UInt8(ascii: "\""): buffer.append(0x22)
        case UInt8(ascii: "\\"): buffer.append(0x5C)
        case UInt8(ascii: "/"): buffer.append(0x2F)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try parseHex4()
            if (0xD800...0xDBFF).contains(scalar) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                else { throw error("unpaired surrogate in \\u escape") }
                index += 2
                let low = try parseHex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw error("unpaired surrogate in \\u escape") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw error("unpaired surrogate in \\u escape")
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw error("invalid \\u escape") }
            buffer.append(contentsOf: Array(String(Character(unicode)).utf8))
        default:
            throw error("invalid escape \\\(describe(escaped))")
        }
    }

    private mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("invalid hex digit in \\u escape")
            }
            value = value * 16 + UInt32(digit)
            index += 1
        }
        return value
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let start = index
        if peek == UInt8(ascii: "-") { index += 1 }
        guard let first = peek, isDigit(first) else { throw error("invalid number") }
        if first == UInt8(ascii: "0") {
            index += 1
            if let next = peek, isDigit(next) { throw error("numbers may not have leading zeros", at: start) }
        } else {
            while let byte = peek, isDigit(byte) { index += 1 }
        }
        if peek == UInt8(ascii: ".") {
            index += 1
            guard let byte = peek, isDigit(byte) else { throw error("invalid number") }
            while let byte = peek, isDigit(byte) { index += 1 }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            index += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
            guard let byte = peek, isDigit(byte) else { throw error("invalid number exponent") }
            while let byte = peek, isDigit(byte) { index += 1 }
        }
        if index - start > 100 { throw error("number literal longer than 100 characters", at: start) }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func expectLiteral(_ literal: String) throws(JSONSyntaxError) {
        let literalBytes = Array(literal.utf8)
        guard index + literalBytes.count <= bytes.count,
              bytes[index..<(index + literalBytes.count)].elementsEqual(literalBytes)
        else { throw error("invalid literal (expected \(literal))") }
        index += literalBytes.count
    }

    // MARK: - Helpers

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private mutating func skipWhitespace() {
        while let byte = peek, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
    }

    private func describe(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
    }

    private func error(_ message: String, at position: Int? = nil) -> JSONSyntaxError {
        let offset = min(position ?? index, bytes.count)
        var line = 1
        var column = 1
        for byte in bytes[0..<offset] {
            if byte == 0x0A { line += 1; column = 1 } else { column += 1 }
        }
        return JSONSyntaxError(message: message, line: line, column: column)
    }
}

/// Malformed JSON, with the line and column where parsing stopped.
public struct JSONSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong, in plain words.
    public var message: String
    /// 1-based line of the problem.
    public var line: Int
    /// 1-based column (in bytes) of the problem.
    public var column: Int

    public var description: String { "invalid JSON at line \(line), column \(column): \(message)" }
}
