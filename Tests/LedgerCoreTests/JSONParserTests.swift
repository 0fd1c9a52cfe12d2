import TestSupport
import Testing
@testable import LedgerCore

@Suite struct JSONParserTests {
    // MARK: - Valid documents

    @Test func parsesAnObjectWithEveryKindOfValue() throws {
        let value = try JSONParser.parse(#" { "s": "x", "n": 12, "t": true, "f": false, "z": null, "a": [1, "two"], "o": {} } "#)
        #expect(value == .object([
            "s": .string("x"),
            "n": .number("12"),
            "t": .bool(true),
            "f": .bool(false),
            "z": .null,
            "a": .array([.number("1"), .string("two")]),
            "o": .object([:]),
        ]))
    }

    @Test func parseDocumentsReturnsASingleObjectAsOneElement() throws {
        let values = try JSONParser.parseDocuments(Array(#"{"type": "party"}"#.utf8))
        #expect(values == [.object(["type": .string("party")])])
    }

    @Test func parseDocumentsUnwrapsATopLevelArray() throws {
        let values = try JSONParser.parseDocuments(Array(#"[{"a": 1}, {"b": 2}, {"c": 3}]"#.utf8))
        #expect(values == [.object(["a": .number("1")]), .object(["b": .number("2")]), .object(["c": .number("3")])])
    }

    @Test func parseDocumentsReadsJSONLinesWithBlankLines() throws {
        let text = "{\"a\": 1}\n\n{\"b\": 2}\r\n   \n\t\n{\"c\": [3]}\n\n"
        let values = try JSONParser.parseDocuments(Array(text.utf8))
        #expect(values == [.object(["a": .number("1")]), .object(["b": .number("2")]), .object(["c": .array([.number("3")])])])
    }

    @Test(arguments: ["", "   ", "\n\n\t\r\n"])
    func parseDocumentsRejectsAnEmptyInput(_ text: String) throws {
        let error = try #require(throws: JSONSyntaxError.self) { try JSONParser.parseDocuments(Array(text.utf8)) }
        #expect(error.message == "the input is empty")
    }

    // MARK: - Numbers

    @Test(arguments: ["0", "-0", "1.50", "10000000000", "0.270", "1E+2", "-3.25e-7", "12345678901234567890123456789.000"])
    func numbersAreKeptAsTheirExactText(_ literal: String) throws {
        let value = try JSONParser.parse(#"{"n": \#(literal)}"#)
        #expect(value["n"] == .number(literal))
        #expect(value.canonicalText == #"{"n":\#(literal)}"#)
    }

    @Test(arguments: ["01", "-01", "00", "007.5"])
    func numbersWithLeadingZerosAreRejected(_ literal: String) throws {
        let error = try #require(throws: JSONSyntaxError.self) { try JSONParser.parse("[\(literal)]") }
        #expect(error.message == "numbers may not have leading zeros")
        #expect(error.column == 2)
    }

    /// Each malformed number is refused with the message that names its fault, not just any error.
    @Test(arguments: [
        (".5", "unexpected character '.'"), ("1.", "invalid number"), ("1e", "invalid number exponent"),
        ("1e+", "invalid number exponent"), ("-", "invalid number"), ("+1", "unexpected character '+'"),
        ("0x10", "expected ',' or ']' in an array"), ("NaN", "unexpected character 'N'"), ("Infinity", "unexpected character 'I'"),
    ])
    func malformedNumbersAreRejected(_ literal: String, _ message: String) throws {
        let error = try #require(throws: JSONSyntaxError.self) { try JSONParser.parse("[\(literal)]") }
        #expect(error.message == message, "[\(literal)]")
        #expect(error.line == 1)
    }

    @Test func overlongNumberLiteralsAreRejected() throws {
        let literal = String(repeating: "9", count: 101)
        let error = try #require(throws: JSONSyntaxError.self) { try JSONParser.parse(literal) }
        #expect(error.message == "number literal longer than 100 characters")
        #expect(try JSONParser.parse(String(repeating: "9", count: 100)) == .number(String(repeating: "9", count: 100)))
    }

    // MARK: - Rejections

    @Test func duplicateKeysAreRejectedAtTheSecondKey() throws {
        let error = try #require(throws: JSONSyntaxError.self) { try JSONParser.parse("{\"a\": 1,\n \"a\": 2}") }
        #expect(error.message == #"duplicate key "a""#)
        #expect(error.line == 2)
        #expect(error.column == 2)
    }

    @Test func duplicateKeysAreRejectedInNestedObjects() throws {
        let error = try #require(throws: JSONSyntaxError.self) {
            try JSONParser.parse(#"{"outer": [{"k": true, "k": true}]}"#)
        }
        #expect(error.message == #"duplicate key "k""#)
    }

    @Test func keysThatDifferOnlyByEscapingAreDuplicates() throws {
        let error = try #require(throws: JSONSyntaxError.self) { try JSONParser.parse(#"{"a": 1, "\u0061": 2}"#) }
        #expect(error.message == #"duplicate key "a""#)
    }

    @Test(arguments: [
        [0x22, 0xFF, 0x22] as [UInt8],            // 0xFF never appears in UTF-8
        [0x22, 0xC0, 0xAF, 0x22],                  // overlong encoding of '/'
        [0x22, 0xE2, 0x82, 0x22],                  // truncated three-byte sequence
        [0x22, 0xED, 0xA0, 0x80, 0x22],            // a UTF-16 surrogate encoded in UTF-8
        [0x22, 0x61, 0x80, 0x62, 0x22],            // stray continuation byte
    ])
    func invalidUTF8InAStringIsRejected(_ bytes: [UInt8]) throws {
        let error = try #require(throws: JSONSyntaxError.self) { try JSONParser.parse(bytes) }
        #expect(error.message == "invalid UTF-8 in a string")
        #expect(error.column == 1)
    }

    @Test func invalidUTF8OutsideAStringIsRejected() throws {
        let error = try #require(throws: JSONSyntaxError.self) { try JSONParser.parse([0x5B, 0xFF, 0x5D]) }
        #expect(error.message == "unexpected character byte 0xff")
    }

    @Test func validMultiByteUTF8IsKept() throws {
        #expect(try JSONParser.parse(#""Société Générale — 東京 🚀""#) == .string("Société Générale — 東京 🚀"))
    }

    @Test func nestingOf64LevelsIsAccepted() throws {
        let text = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        var value = try JSONParser.parse(text)
        var depth = 1
        while case .array(let elements) = value, let first = elements.first { value = first; depth += 1 }
        #expect(depth == 64)
    }

    @Test func nestingDeeperThan64LevelsIsRejected() throws {
        let text = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        let error = try #require(throws: JSONSyntaxError.self) { try JSONParser.parse(text) }
        #expect(error.message == "nesting deeper than 64 levels")
        #expect(error.column == 65)
    }

    @Test func deeplyNestedObjectsAreRejectedToo() throws {
        let text = String(repeating: #"{"a":"#, count: 100) + "1" + String(repeating: "}", count: 100)
        let error = try #require(throws: JSONSyntaxError.self) { try JSONParser.parse(text) }
        #expect(error.message == "nesting deeper than 64 levels")
    }

    @Test(arguments: [#"{"a": 1} x"#, "{} {}", "[1] ]", "true false", "null,"])
    func trailingContentAfterOneValueIsRejected(_ text: String) throws {
        let error = try #require(throws: JSONSyntaxError.self) { try JSONParser.parse(text) }
        #expect(error.message == "unexpected content after the JSON value")
    }

    @Test(arguments: ["{} {}", "{\"a\": 1}\n{\"b\": 2}{\"c\": 3}"])
    func jsonLinesHoldOneValuePerLine(_ text: String) throws {
        let error = try #require(throws: JSONSyntaxError.self) { try JSONParser.parseDocuments(Array(text.utf8)) }
        #expect(error.message.contains("same line"))
    }

    @Test func trailingGarbageInADocumentIsRejected() throws {
        let error = try #require(throws: JSONSyntaxError.self) {
            try JSONParser.parseDocuments(Array("{\"a\": 1}\n{\"b\": 2} garbage".utf8))
        }
        #expect(error.message == "unexpected character 'g'")
        #expect(error.line == 2)
        #expect(error.column == 10)
    }

    @Test(arguments: [#""abc"#, #"{"a": "b}"#, #"["x\"]"#])
    func unterminatedStringsAreRejected(_ text: String) throws {
        let error = try #require(throws: JSONSyntaxError.self) { try JSONParser.parse(text) }
        #expect(error.message == "unterminated string")
    }

    @Test func anUnterminatedStringPointsAtItsOpeningQuote() throws {
        let error = try #require(throws: JSONSyntaxError.self) { try JSONParser.parse("{\n  \"name\": \"Open") }
        #expect(error.message == "unterminated string")
        #expect(error.line == 2)
        #expect(error.column == 11)
    }

    @Test(arguments: [
        (#""\x""#, "invalid escape \\'x'"),
        (#""\u12G4""#, "invalid hex digit in \\u escape"),
        (#"["\u12"]"#, "invalid hex digit in \\u escape"),
        (#""\u1"#, "truncated \\u escape"),
        (#""\udc00""#, "unpaired surrogate in \\u escape"),
        (#""\ud83dx""#, "unpaired surrogate in \\u escape"),
        (#""\ud83d\u0041""#, "unpaired surrogate in \\u escape"),
        (#""\"#, "unterminated escape"),
    ])
    func badEscapesAreRejected(_ text: String, _ message: String) throws {
        let error = try #require(throws: JSONSyntaxError.self) { try JSONParser.parse(text) }
        #expect(error.message == message)
    }

    @Test func rawControlCharactersInStringsAreRejected() throws {
        let error = try #require(throws: JSONSyntaxError.self) { try JSONParser.parse("\"a\tb\"") }
        #expect(error.message == "control character in a string (escape it)")
    }

    @Test(arguments: ["tru", "nul", "[1,]", "[1 2]", "{,}", #"{"a" 1}"#, #"{"a":1,}"#, "{a: 1}", "'x'", "]"])
    func otherMalformedInputIsRejected(_ text: String) throws {
        let error = try #require(throws: JSONSyntaxError.self) { try JSONParser.parse(text) }
        #expect(error.description.hasPrefix("invalid JSON at line 1, column "))
    }

    // MARK: - Escapes and Unicode

    @Test func surrogatePairsDecodeToOneScalar() throws {
        #expect(try JSONParser.parse(#""\ud83d\ude00""#) == .string("😀"))
        #expect(try JSONParser.parse(#""\uD834\uDD1E""#) == .string("𝄞"))
    }

    @Test func simpleEscapesDecode() throws {
        let value = try JSONParser.parse(#""\"\\\/\b\f\n\r\t\u00e9\u0000""#)
        #expect(value == .string("\"\\/\u{08}\u{0C}\n\r\té\u{00}"))
    }

    // MARK: - Canonical text

    @Test func canonicalTextSortsKeysByTheirUTF8Bytes() throws {
        let value = try JSONParser.parse(#"{"b": 1, "a": {"z": null, "y": [true]}, "B": "x", "é": 2, "aa": 3}"#)
        #expect(value.canonicalText == #"{"B":"x","a":{"y":[true],"z":null},"aa":3,"b":1,"é":2}"#)
    }

    @Test func canonicalTextEscapesOnlyWhatItMust() {
        let value = JSONValue.string("q\"b\\s/n\nr\rt\tc\u{01}\u{1F}é😀")
        #expect(value.canonicalText == #""q\"b\\s/n\nr\rt\tc\u0001\u001fé😀""#)
    }

    @Test func canonicalTextEscapesKeysToo() {
        let value = JSONValue.object(["a\"b": .bool(false)])
        #expect(value.canonicalText == #"{"a\"b":false}"#)
    }

    @Test(arguments: [
        #"{"type": "party", "date": "2015-12-11", "party": "openai", "name": "OpenAI", "kind": "nonprofit"}"#,
        #"[1, 2.50, -0, 1E+2, "x", null, true, {"k": [{}], "j": []}]"#,
        #"{"text": "tab\there \"quoted\" back\\slash \u0001 é \ud83d\ude00", "emptyKey": {"": ""}}"#,
        #"  {  "z" : { "y" : { "x" : [ 1 , 2 , 3 ] } } , "a" : "first" }  "#,
    ])
    func canonicalTextRoundTripsStably(_ text: String) throws {
        let value = try JSONParser.parse(text)
        let canonical = value.canonicalText
        let reparsed = try JSONParser.parse(canonical)
        #expect(reparsed == value)
        #expect(reparsed.canonicalText == canonical)
    }

    @Test func equalValuesWithDifferentKeyOrderHaveTheSameCanonicalText() throws {
        let one = try JSONParser.parse(#"{"a": 1, "b": {"c": 2, "d": 3}}"#)
        let two = try JSONParser.parse(#"{"b": {"d": 3, "c": 2}, "a": 1}"#)
        #expect(one.canonicalText == two.canonicalText)
        #expect(one.canonicalText == #"{"a":1,"b":{"c":2,"d":3}}"#)
    }
}
