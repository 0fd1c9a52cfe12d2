import Foundation

/// The fast path for stored payloads: the canonical JSON the store writes.
///
/// Replay decodes every stored event, so it cannot afford the general path
/// (parse into ``JSONValue`` dictionaries, then read them with field-path
/// bookkeeping). This path indexes the object's members in place and runs the
/// very same per-type decoding (``EventPayload/init(reading:)``) through a
/// ``CanonicalFieldReader`` over the bytes. It accepts only what it fully
/// understands — plain keys, each at most once, values of the expected JSON
/// kinds in canonical form, real dates, plain decimals, valid slugs — and
/// returns `nil` for anything else, so callers fall back to ``EventDecoder``,
/// which then either decodes the event the same way or says exactly what is
/// wrong. For every payload it accepts, the result equals
/// `EventDecoder.decode(JSONParser.parse(payload))`.
///
/// ```swift
/// let event = payload.withUnsafeBytes { CanonicalDecoder.event(from: $0) }
///     ?? (try EventDecoder.decode(JSONParser.parse(payload)))
/// ```
public enum CanonicalDecoder {
    /// Decodes one stored event payload, or returns nil when the fast path does not apply.
    public static func event(from bytes: UnsafeRawBufferPointer) -> Event? {
        guard let base = bytes.baseAddress, bytes.count > 1 else { return nil }
        var cursor = ByteCursor(base.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        do {
            let event = try CanonicalFieldReader.read(&cursor, depth: 0) { (reader: inout CanonicalFieldReader) throws(LedgerError) in
                try EventDecoder.read(&reader, allowID: true)
            }
            return cursor.index == cursor.count ? event : nil
        } catch {
            return nil
        }
    }

    /// Decodes one stored event payload held in a byte array.
    public static func event(from bytes: [UInt8]) -> Event? {
        bytes.withUnsafeBytes { event(from: $0) }
    }

    /// Parses plain decimal text (`[0-9]+(.[0-9]+)?`) exactly as ``ExactDecimal/parse(_:allowNegative:what:)`` does, or nil.
    ///
    /// Handles up to 19 significant digits without Foundation's string scanner;
    /// returns nil for longer or unusual input so callers use the general path.
    public static func decimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Decimal? {
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var seenPoint = false
        var leading = true
        guard let first = bytes.first, first != UInt8(ascii: "."), bytes.last != UInt8(ascii: ".") else { return nil }
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                if seenPoint { return nil }
                seenPoint = true
                continue
            }
            guard byte >= 48, byte <= 57 else { return nil }
            if seenPoint { fractionDigits += 1 }
            if leading && byte == 48 { continue }
            leading = false
            digits += 1
            guard digits <= 19 else { return nil }
            mantissa = mantissa &* 10 &+ UInt64(byte - 48)
        }
        // Foundation keeps zero with its exponent; leave that rare case to it.
        guard mantissa != 0 else { return nil }
        var exponent = -fractionDigits
        while mantissa % 10 == 0 { mantissa /= 10; exponent += 1 }
        return Decimal(sign: .plus, exponent: exponent, significand: Decimal(mantissa))
    }
}

/// An ``EventFieldReader`` over the canonical bytes of one JSON object: the fast path.
///
/// The object's members are indexed once (key and value ranges, on the
/// stack); each accessor finds its key, reads the value with a strict
/// ``ByteCursor`` scalar reader and checks that it spans the whole value.
/// Anything unexpected throws ``declined``; nothing here words an error,
/// because the general path will.
struct CanonicalFieldReader: EventFieldReader {
    /// One member of the object: where its key and its value lie in the bytes.
    struct Member {
        var key: Range<Int>
        var value: Range<Int>
    }

    /// The one error of the fast path: "not mine, ask the general decoder".
    static let declined = LedgerError("the stored-payload fast path declined; the general decoder decides")

    /// Most members an object may have on the fast path.
    static let maxMembers = 32

    private var cursor: ByteCursor
    private let members: UnsafeMutableBufferPointer<Member>
    private let memberCount: Int
    private let depth: Int
    private var readMask: UInt64 = 0

    private init(cursor: ByteCursor, members: UnsafeMutableBufferPointer<Member>, memberCount: Int, depth: Int) {
        self.cursor = cursor; self.members = members; self.memberCount = memberCount; self.depth = depth
    }

    /// Indexes the object at the cursor, hands a reader over it to `body`, checks every member was read,
    /// and leaves the cursor after the object.
    static func read<T>(_ cursor: inout ByteCursor, depth: Int,
                        _ body: (inout CanonicalFieldReader) throws(LedgerError) -> T) throws(LedgerError) -> T {
        try withUnsafeTemporaryAllocation(of: Member.self, capacity: maxMembers) {
            (members: UnsafeMutableBufferPointer<Member>) throws(LedgerError) -> T in
            guard cursor.eat(UInt8(ascii: "{")) else { throw declined }
            var count = 0
            if !cursor.eat(UInt8(ascii: "}")) {
                while true {
                    guard count < maxMembers, let key = cursor.plainKey(), cursor.eat(UInt8(ascii: ":")) else { throw declined }
                    for other in members[0..<count] where other.key.count == key.count
                        && memcmp(cursor.bytes + other.key.lowerBound, cursor.bytes + key.lowerBound, key.count) == 0 {
                        throw declined
                    }
                    let start = cursor.index
                    guard cursor.skipValue() else { throw declined }
                    members[count] = Member(key: key, value: start..<cursor.index)
                    count += 1
                    if cursor.eat(UInt8(ascii: ",")) { continue }
                    guard cursor.eat(UInt8(ascii: "}")) else { throw declined }
                    break
                }
            }
            let end = cursor.index
            var reader = CanonicalFieldReader(cursor: cursor, members: members, memberCount: count, depth: depth)
            let result = try body(&reader)
            try reader.finish()
            cursor.index = end
            return result
        }
    }

    /// The index of member `key`, marked read; nil when absent.
    private mutating func find(_ key: String) -> Int? {
        let found: Int?? = key.utf8.withContiguousStorageIfAvailable { name in
            for offset in 0..<memberCount where members[offset].key.count == name.count
                && memcmp(cursor.bytes + members[offset].key.lowerBound, name.baseAddress!, name.count) == 0 {
                return offset
            }
            return nil
        }
        guard let offset = found ?? nil else { return nil }
        readMask |= 1 << UInt64(offset)
        return offset
    }

    private func isNull(_ offset: Int) -> Bool {
        let value = members[offset].value
        return value.count == 4 && memcmp(cursor.bytes + value.lowerBound, "null", 4) == 0
    }

    /// Reads member `key` (required, not null) with `read`, which must consume exactly its value.
    private mutating func value<T>(_ key: String, _ read: (inout ByteCursor) -> T?) throws(LedgerError) -> T {
        guard let offset = find(key), !isNull(offset) else { throw Self.declined }
        cursor.index = members[offset].value.lowerBound
        guard let value = read(&cursor), cursor.index == members[offset].value.upperBound else { throw Self.declined }
        return value
    }

    /// Reads member `key` with `read` when present and not null.
    private mutating func optionalValue<T>(_ key: String, _ read: (inout ByteCursor) -> T?) throws(LedgerError) -> T? {
        guard let offset = find(key), !isNull(offset) else { return nil }
        return try value(key, read)
    }

    func fieldPath(_ key: String) -> String { key }

    mutating func has(_ key: String) -> Bool { find(key) != nil }

    mutating func isPresent(_ key: String) -> Bool {
        guard let offset = find(key) else { return false }
        return !isNull(offset)
    }

    mutating func string(_ key: String) throws(LedgerError) -> String { try value(key) { $0.string() } }

    mutating func optionalString(_ key: String) throws(LedgerError) -> String? { try optionalValue(key) { $0.string() } }

    mutating func nonEmptyString(_ key: String) throws(LedgerError) -> String { try value(key) { $0.nonEmptyString() } }

    mutating func slug(_ key: String, what: String) throws(LedgerError) -> String { try value(key) { $0.slug() } }

    mutating func optionalSlug(_ key: String, what: String) throws(LedgerError) -> String? { try optionalValue(key) { $0.slug() } }

    mutating func date(_ key: String) throws(LedgerError) -> LedgerDate { try value(key) { $0.date() } }

    mutating func optionalDate(_ key: String) throws(LedgerError) -> LedgerDate? { try optionalValue(key) { $0.date() } }

    mutating func enumeration<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) throws(LedgerError) -> E
    where E.RawValue == String {
        try value(key) { $0.enumeration(E.self) }
    }

    mutating func money(_ key: String) throws(LedgerError) -> Money { try value(key) { $0.money() } }

    mutating func optionalMoney(_ key: String) throws(LedgerError) -> Money? { try optionalValue(key) { $0.money() } }

    mutating func fraction(_ key: String) throws(LedgerError) -> Decimal { try value(key) { $0.decimal(atMostOne: true) } }

    mutating func json(_ key: String) throws(LedgerError) -> JSONValue? {
        guard let offset = find(key) else { return nil }
        let range = members[offset].value
        do {
            return try JSONParser.parseValue(Array(UnsafeBufferPointer(start: cursor.bytes + range.lowerBound, count: range.count)),
                                             depth: depth + 1)
        } catch {
            throw Self.declined
        }
    }

    /// Walks the array member `key` (required), calling `element` with the cursor at each element and its offset.
    private mutating func forEachElement(_ key: String, nonEmpty: Bool,
                                         _ element: (inout ByteCursor, Int) throws(LedgerError) -> Void) throws(LedgerError) {
        guard let offset = find(key), !isNull(offset) else { throw Self.declined }
        cursor.index = members[offset].value.lowerBound
        guard cursor.eat(UInt8(ascii: "[")) else { throw Self.declined }
        if cursor.eat(UInt8(ascii: "]")) {
            guard !nonEmpty else { throw Self.declined }
        } else {
            var position = 0
            while true {
                try element(&cursor, position)
                position += 1
                if cursor.eat(UInt8(ascii: ",")) { continue }
                guard cursor.eat(UInt8(ascii: "]")) else { throw Self.declined }
                break
            }
        }
        guard cursor.index == members[offset].value.upperBound else { throw Self.declined }
    }

    mutating func objects(_ key: String, what: String, nonEmpty: Bool,
                          _ body: (inout CanonicalFieldReader, Int) throws(LedgerError) -> Void) throws(LedgerError) {
        let depth = self.depth
        try forEachElement(key, nonEmpty: nonEmpty) { (cursor: inout ByteCursor, position: Int) throws(LedgerError) in
            try Self.read(&cursor, depth: depth + 2) { (reader: inout CanonicalFieldReader) throws(LedgerError) in
                try body(&reader, position)
            }
        }
    }

    mutating func object<T>(_ key: String, what: String,
                            _ body: (inout CanonicalFieldReader) throws(LedgerError) -> T) throws(LedgerError) -> T {
        guard let offset = find(key), !isNull(offset) else { throw Self.declined }
        cursor.index = members[offset].value.lowerBound
        let result = try Self.read(&cursor, depth: depth + 1, body)
        guard cursor.index == members[offset].value.upperBound else { throw Self.declined }
        return result
    }

    mutating func strings(_ key: String, nonEmpty: Bool, notAString: (String) -> String,
                          _ body: (String, Int) throws(LedgerError) -> Void) throws(LedgerError) {
        try forEachElement(key, nonEmpty: nonEmpty) { (cursor: inout ByteCursor, position: Int) throws(LedgerError) in
            guard let text = cursor.string() else { throw Self.declined }
            try body(text, position)
        }
    }

    func content() throws(LedgerError) -> JSONValue { throw Self.declined }

    func finish() throws(LedgerError) {
        guard readMask == (memberCount == 64 ? ~0 : (UInt64(1) << UInt64(memberCount)) - 1) else { throw Self.declined }
    }
}
