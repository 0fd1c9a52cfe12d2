import Foundation
import LedgerCore

/// A compact binary encoding of `Codable` values, for snapshot parts.
///
/// Snapshots must reload fast and exactly: JSON would turn decimals into
/// floating-point text on some platforms and is slow to parse. This coder
/// writes each value through its own `Codable` conformance (so fields added
/// to the state later are covered), with the leaf types the state uses
/// stored directly: strings as UTF-8, `Decimal` as its 20 raw bytes (exact by
/// construction), dates as packed integers, dictionaries as entry lists.
/// Keyed containers keep their keys and are read back in the order written,
/// which is how synthesized conformances read them; anything else throws,
/// and a snapshot that cannot be written or read is simply not used.
///
/// ```swift
/// let bytes = try SnapshotCoder.encode(company)
/// let again = try bytes.withUnsafeBytes { try SnapshotCoder.decode(CompanyState.self, from: $0) }
/// ```
enum SnapshotCoder {
    /// Encodes `value`.
    static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = SnapshotEncoder()
        try encoder.encodeValue(value)
        return encoder.bytes
    }

    /// Decodes a `T` from exactly `bytes`.
    static func decode<T: Decodable>(_ type: T.Type, from bytes: UnsafeRawBufferPointer) throws -> T {
        let decoder = SnapshotDecoder(bytes)
        let value = try decoder.decodeValue(T.self)
        guard decoder.index == bytes.count else { throw SnapshotCodingError.malformed("trailing bytes") }
        return value
    }
}

/// Why a snapshot part could not be written or read.
enum SnapshotCodingError: Error, CustomStringConvertible {
    case unsupported(String)
    case malformed(String)

    var description: String {
        switch self {
        case .unsupported(let what): "snapshot coding does not support \(what)"
        case .malformed(let what): "malformed snapshot part: \(what)"
        }
    }
}

/// Remembers which types are dictionaries: a conditional-conformance check per value is slow.
private enum SnapshotTypeCache {
    nonisolated(unsafe) private static var known: [ObjectIdentifier: Bool] = [:]
    private static let lock = NSLock()

    static func isDictionary<T>(_ type: T.Type) -> Bool {
        let id = ObjectIdentifier(type)
        lock.lock()
        defer { lock.unlock() }
        if let answer = known[id] { return answer }
        let answer = type is SnapshotDictionary.Type
        known[id] = answer
        return answer
    }
}

/// Dictionaries are stored as counted (key, value) lists.
private protocol SnapshotDictionary {
    func encodeEntries(to encoder: SnapshotEncoder) throws
    static func decodeEntries(from decoder: SnapshotDecoder) throws -> Self
}

extension Dictionary: SnapshotDictionary where Key: Codable, Value: Codable {
    fileprivate func encodeEntries(to encoder: SnapshotEncoder) throws {
        encoder.writeVarint(UInt64(count))
        for (key, value) in self {
            try encoder.encodeValue(key)
            try encoder.encodeValue(value)
        }
    }

    fileprivate static func decodeEntries(from decoder: SnapshotDecoder) throws -> Self {
        let count = try decoder.readCount()
        var result = Self(minimumCapacity: count)
        for _ in 0..<count {
            let key = try decoder.decodeValue(Key.self)
            result[key] = try decoder.decodeValue(Value.self)
        }
        return result
    }
}

// MARK: - Encoding

private final class SnapshotEncoder: Encoder {
    var bytes: [UInt8] = []
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]
    /// The count slot of the container the current value opened, and its count so far.
    var countOffset: Int?
    var count = 0

    init() { bytes.reserveCapacity(256) }

    func writeVarint(_ value: UInt64) {
        var value = value
        while value >= 0x80 { bytes.append(UInt8(truncatingIfNeeded: value) | 0x80); value >>= 7 }
        bytes.append(UInt8(value))
    }

    func writeSigned(_ value: Int64) { writeVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63))) }

    func writeString(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            writeVarint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    func encodeValue<T: Encodable>(_ value: T) throws {
        // Type identity checks are cheap; casting the value to each type in turn is not.
        if T.self == String.self { writeString(unsafeBitCast(value, to: String.self)); return }
        if T.self == Decimal.self { withUnsafeBytes(of: value) { bytes.append(contentsOf: $0) }; return }
        if T.self == LedgerDate.self { writeSigned(Int64(unsafeBitCast(value, to: LedgerDate.self).packed)); return }
        if T.self == Int64.self { writeSigned(unsafeBitCast(value, to: Int64.self)); return }
        if T.self == Int.self { writeSigned(Int64(unsafeBitCast(value, to: Int.self))); return }
        if T.self == Bool.self { bytes.append(unsafeBitCast(value, to: Bool.self) ? 1 : 0); return }
        if T.self == JSONValue.self { writeString((value as! JSONValue).canonicalText); return }
        switch SnapshotTypeCache.isDictionary(T.self) {
        case true: try (value as! SnapshotDictionary).encodeEntries(to: self)
        case false:
            let saved = (countOffset, count)
            countOffset = nil
            count = 0
            try value.encode(to: self)
            if let offset = countOffset {
                withUnsafeBytes(of: UInt32(count).littleEndian) { raw in
                    for i in 0..<4 { bytes[offset + i] = raw[i] }
                }
            }
            (countOffset, count) = saved
        }
    }

    func openContainer() {
        if countOffset == nil {
            countOffset = bytes.count
            bytes.append(contentsOf: [0, 0, 0, 0])
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        openContainer()
        return KeyedEncodingContainer(KeyedWriter<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        openContainer()
        return UnkeyedWriter(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleWriter(encoder: self) }
}

private struct KeyedWriter<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: SnapshotEncoder
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws {}

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        encoder.count += 1
        encoder.writeString(key.stringValue)
        try encoder.encodeValue(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(FailingKeyedWriter<NestedKey>())
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { FailingUnkeyedWriter() }
    mutating func superEncoder() -> any Encoder { FailingEncoder() }
    mutating func superEncoder(forKey key: Key) -> any Encoder { FailingEncoder() }
}

private struct UnkeyedWriter: UnkeyedEncodingContainer {
    let encoder: SnapshotEncoder
    var codingPath: [any CodingKey] { [] }
    var count: Int { encoder.count }

    mutating func encodeNil() throws { throw SnapshotCodingError.unsupported("nil in an unkeyed container") }

    mutating func encode<T: Encodable>(_ value: T) throws {
        encoder.count += 1
        try encoder.encodeValue(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(FailingKeyedWriter<NestedKey>())
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { FailingUnkeyedWriter() }
    mutating func superEncoder() -> any Encoder { FailingEncoder() }
}

private struct SingleWriter: SingleValueEncodingContainer {
    let encoder: SnapshotEncoder
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { encoder.bytes.append(0) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        encoder.bytes.append(1)
        try encoder.encodeValue(value)
    }

    // Leaf types: a tag, then the value.
    mutating func encode(_ value: Bool) throws { encoder.bytes.append(1); encoder.bytes.append(value ? 1 : 0) }
    mutating func encode(_ value: String) throws { encoder.bytes.append(1); encoder.writeString(value) }
    mutating func encode(_ value: Double) throws { encoder.bytes.append(1); encoder.writeVarint(value.bitPattern) }
    mutating func encode(_ value: Float) throws { encoder.bytes.append(1); encoder.writeVarint(UInt64(value.bitPattern)) }
    mutating func encode(_ value: Int) throws { encoder.bytes.append(1); encoder.writeSigned(Int64(value)) }
    mutating func encode(_ value: Int8) throws { encoder.bytes.append(1); encoder.writeSigned(Int64(value)) }
    mutating func encode(_ value: Int16) throws { encoder.bytes.append(1); encoder.writeSigned(Int64(value)) }
    mutating func encode(_ value: Int32) throws { encoder.bytes.append(1); encoder.writeSigned(Int64(value)) }
    mutating func encode(_ value: Int64) throws { encoder.bytes.append(1); encoder.writeSigned(value) }
    mutating func encode(_ value: UInt) throws { encoder.bytes.append(1); encoder.writeVarint(UInt64(value)) }
    mutating func encode(_ value: UInt8) throws { encoder.bytes.append(1); encoder.writeVarint(UInt64(value)) }
    mutating func encode(_ value: UInt16) throws { encoder.bytes.append(1); encoder.writeVarint(UInt64(value)) }
    mutating func encode(_ value: UInt32) throws { encoder.bytes.append(1); encoder.writeVarint(UInt64(value)) }
    mutating func encode(_ value: UInt64) throws { encoder.bytes.append(1); encoder.writeVarint(value) }
}

/// Containers the format does not support: they record the problem and the encoding fails.
private struct FailingKeyedWriter<Key: CodingKey>: KeyedEncodingContainerProtocol {
    var codingPath: [any CodingKey] { [] }
    mutating func encodeNil(forKey key: Key) throws { throw SnapshotCodingError.unsupported("nested containers") }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { throw SnapshotCodingError.unsupported("nested containers") }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(FailingKeyedWriter<NestedKey>())
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { FailingUnkeyedWriter() }
    mutating func superEncoder() -> any Encoder { FailingEncoder() }
    mutating func superEncoder(forKey key: Key) -> any Encoder { FailingEncoder() }
}

private struct FailingUnkeyedWriter: UnkeyedEncodingContainer {
    var codingPath: [any CodingKey] { [] }
    var count: Int { 0 }
    mutating func encodeNil() throws { throw SnapshotCodingError.unsupported("nested containers") }
    mutating func encode<T: Encodable>(_ value: T) throws { throw SnapshotCodingError.unsupported("nested containers") }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(FailingKeyedWriter<NestedKey>())
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { FailingUnkeyedWriter() }
    mutating func superEncoder() -> any Encoder { FailingEncoder() }
}

private struct FailingEncoder: Encoder {
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> { KeyedEncodingContainer(FailingKeyedWriter<Key>()) }
    func unkeyedContainer() -> any UnkeyedEncodingContainer { FailingUnkeyedWriter() }
    func singleValueContainer() -> any SingleValueEncodingContainer { FailingSingleWriter() }
}

private struct FailingSingleWriter: SingleValueEncodingContainer {
    var codingPath: [any CodingKey] { [] }
    mutating func encodeNil() throws { throw SnapshotCodingError.unsupported("nested containers") }
    mutating func encode<T: Encodable>(_ value: T) throws { throw SnapshotCodingError.unsupported("nested containers") }
}

// MARK: - Decoding

private final class SnapshotDecoder: Decoder {
    let base: UnsafePointer<UInt8>
    let count: Int
    var index = 0
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    /// Entries left in the container the current value opened (nil: none opened yet).
    var remaining: Int?

    init(_ bytes: UnsafeRawBufferPointer) {
        base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(bitPattern: 1)!
        count = bytes.count
    }

    func readByte() throws -> UInt8 {
        guard index < count else { throw SnapshotCodingError.malformed("truncated") }
        index += 1
        return base[index - 1]
    }

    func readVarint() throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readByte()
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
            guard shift < 64 else { throw SnapshotCodingError.malformed("varint") }
        }
    }

    func readSigned() throws -> Int64 {
        let raw = try readVarint()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    func readCount() throws -> Int {
        let value = try readVarint()
        guard value <= UInt64(count) else { throw SnapshotCodingError.malformed("count") }
        return Int(value)
    }

    func readUTF8() throws -> UnsafeBufferPointer<UInt8> {
        let length = try readCount()
        guard index + length <= count else { throw SnapshotCodingError.malformed("truncated string") }
        defer { index += length }
        return UnsafeBufferPointer(start: base + index, count: length)
    }

    func readString() throws -> String { String(decoding: try readUTF8(), as: UTF8.self) }

    /// Reads the next key and checks it is `expected`.
    func expectKey(_ expected: String) throws {
        let key = try readUTF8()
        var expected = expected
        let matches = expected.withUTF8 { $0.count == key.count && ($0.isEmpty || memcmp($0.baseAddress!, key.baseAddress!, key.count) == 0) }
        guard matches else {
            throw SnapshotCodingError.malformed("expected key \(expected), found \(String(decoding: key, as: UTF8.self))")
        }
    }

    /// Whether the next key (without reading it) is `expected`.
    func peekKey(_ expected: String) -> Bool {
        let start = index
        defer { index = start }
        guard let key = try? readUTF8() else { return false }
        var expected = expected
        return expected.withUTF8 { $0.count == key.count && ($0.isEmpty || memcmp($0.baseAddress!, key.baseAddress!, key.count) == 0) }
    }

    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == String.self { return try readString() as! T }
        if T.self == Decimal.self {
            guard index + MemoryLayout<Decimal>.size <= count else { throw SnapshotCodingError.malformed("truncated decimal") }
            var value = Decimal()
            withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: UnsafeRawBufferPointer(start: base + index, count: $0.count)) }
            index += MemoryLayout<Decimal>.size
            return value as! T
        }
        if T.self == LedgerDate.self {
            let packed = try readSigned()
            guard let date = LedgerDate(year: Int(packed / 10000), month: Int(packed / 100 % 100), day: Int(packed % 100)) else {
                throw SnapshotCodingError.malformed("date")
            }
            return date as! T
        }
        if T.self == Int64.self { return try readSigned() as! T }
        if T.self == Int.self { return Int(try readSigned()) as! T }
        if T.self == Bool.self { return (try readByte() != 0) as! T }
        if T.self == JSONValue.self { return try JSONParser.parse(Array(try readUTF8())) as! T }
        if SnapshotTypeCache.isDictionary(T.self) { return try (T.self as! SnapshotDictionary.Type).decodeEntries(from: self) as! T }
        let saved = remaining
        remaining = nil
        defer { remaining = saved }
        return try T(from: self)
    }

    func openContainer() throws -> Int {
        if let remaining { return remaining }
        guard index + 4 <= count else { throw SnapshotCodingError.malformed("truncated container") }
        var value: UInt32 = 0
        withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: UnsafeRawBufferPointer(start: base + index, count: 4)) }
        index += 4
        remaining = Int(UInt32(littleEndian: value))
        return remaining!
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        _ = try openContainer()
        return KeyedDecodingContainer(KeyedReader<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        _ = try openContainer()
        return UnkeyedReader(decoder: self)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleReader(decoder: self) }
}

private struct KeyedReader<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: SnapshotDecoder
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool {
        (decoder.remaining ?? 0) > 0 && decoder.peekKey(key.stringValue)
    }

    func decodeNil(forKey key: Key) throws -> Bool { !contains(key) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        guard let left = decoder.remaining, left > 0 else { throw SnapshotCodingError.malformed("missing key \(key.stringValue)") }
        try decoder.expectKey(key.stringValue)
        decoder.remaining = left - 1
        let saved = decoder.remaining
        let value = try decoder.decodeValue(T.self)
        decoder.remaining = saved
        return value
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        throw SnapshotCodingError.unsupported("nested containers")
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { throw SnapshotCodingError.unsupported("nested containers") }
    func superDecoder() throws -> any Decoder { throw SnapshotCodingError.unsupported("super decoders") }
    func superDecoder(forKey key: Key) throws -> any Decoder { throw SnapshotCodingError.unsupported("super decoders") }
}

private struct UnkeyedReader: UnkeyedDecodingContainer {
    let decoder: SnapshotDecoder
    var codingPath: [any CodingKey] { [] }
    var currentIndex = 0
    var count: Int? { (decoder.remaining ?? 0) + currentIndex }
    var isAtEnd: Bool { (decoder.remaining ?? 0) == 0 }

    mutating func decodeNil() throws -> Bool { false }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        guard let left = decoder.remaining, left > 0 else { throw SnapshotCodingError.malformed("no more elements") }
        decoder.remaining = left - 1
        currentIndex += 1
        let saved = decoder.remaining
        let value = try decoder.decodeValue(T.self)
        decoder.remaining = saved
        return value
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        throw SnapshotCodingError.unsupported("nested containers")
    }
    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { throw SnapshotCodingError.unsupported("nested containers") }
    mutating func superDecoder() throws -> any Decoder { throw SnapshotCodingError.unsupported("super decoders") }
}

private struct SingleReader: SingleValueDecodingContainer {
    let decoder: SnapshotDecoder
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool {
        guard decoder.index < decoder.count, decoder.base[decoder.index] == 0 else { return false }
        decoder.index += 1
        return true
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try tag()
        return try decoder.decodeValue(T.self)
    }

    private func tag() throws {
        guard try decoder.readByte() == 1 else { throw SnapshotCodingError.malformed("single value tag") }
    }

    private func integer<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
        try tag()
        guard let value = I(exactly: try decoder.readSigned()) else { throw SnapshotCodingError.malformed("integer") }
        return value
    }

    private func unsigned<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
        try tag()
        guard let value = I(exactly: try decoder.readVarint()) else { throw SnapshotCodingError.malformed("integer") }
        return value
    }

    func decode(_ type: Bool.Type) throws -> Bool { try tag(); return try decoder.readByte() != 0 }
    func decode(_ type: String.Type) throws -> String { try tag(); return try decoder.readString() }
    func decode(_ type: Double.Type) throws -> Double { try tag(); return Double(bitPattern: try decoder.readVarint()) }
    func decode(_ type: Float.Type) throws -> Float {
        try tag()
        guard let bits = UInt32(exactly: try decoder.readVarint()) else { throw SnapshotCodingError.malformed("float") }
        return Float(bitPattern: bits)
    }
    func decode(_ type: Int.Type) throws -> Int { try integer(Int.self) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(Int8.self) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(Int16.self) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(Int32.self) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(Int64.self) }
    func decode(_ type: UInt.Type) throws -> UInt { try unsigned(UInt.self) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try unsigned(UInt8.self) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try unsigned(UInt16.self) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try unsigned(UInt32.self) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try unsigned(UInt64.self) }
}
