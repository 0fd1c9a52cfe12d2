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
    /// One pass over the bytes into the value's `Int128` units, no
    /// allocation; returns nil for text outside the limits or the syntax, so
    /// callers take the general path and its error message.
    public static func decimal(_ bytes: UnsafeBufferPointer<UInt8>) -> ExactDecimal? {
        guard let first = bytes.first, first != UInt8(ascii: "."), bytes.last != UInt8(ascii: ".") else { return nil }
        var units: Int128 = 0
        var integerDigits = 0
        var fractionDigits = 0
        var seenPoint = false
        var leading = true
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                if seenPoint { return nil }
                seenPoint = true
                continue
            }
            guard byte >= 48, byte <= 57 else { return nil }
            if seenPoint {
                fractionDigits += 1
                guard fractionDigits <= ExactDecimal.maxFractionDigits else { return nil }
            } else {
                if leading && byte == 48 { continue }
                leading = false
                integerDigits += 1
                guard integerDigits <= ExactDecimal.maxIntegerDigits else { return nil }
            }
            units = units &* 10 &+ Int128(byte &- 48)
        }
        guard integerDigits + fractionDigits <= ExactDecimal.maxDigits else { return nil }
        for _ in fractionDigits..<ExactDecimal.maxFractionDigits { units = units &* 10 }
        return ExactDecimal(units: units)
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
    /// One member of the object: where its key and its value lie in the bytes (plain integers, so a
    /// debug build looks up no generic metadata on this path).
    struct Member {
        var keyStart: Int, keyEnd: Int
        var valueStart: Int, valueEnd: Int
    }

    /// The one error of the fast path: "not mine, ask the general decoder".
    static let declined = LedgerError("the stored-payload fast path declined; the general decoder decides")

    /// Most members an object may have on the fast path.
    static let maxMembers = 32

    private var cursor: ByteCursor
    private let members: UnsafeMutablePointer<Member>
    private let memberCount: Int
    private let depth: Int
    private var readMask: UInt64 = 0

    private init(cursor: ByteCursor, members: UnsafeMutablePointer<Member>, memberCount: Int, depth: Int) {
        self.cursor = cursor; self.members = members; self.memberCount = memberCount; self.depth = depth
    }

    /// Indexes the object at the cursor, hands a reader over it to `body`, checks every member was read,
    /// and leaves the cursor after the object.
    static func read<T>(_ cursor: inout ByteCursor, depth: Int,
                        _ body: (inout CanonicalFieldReader) throws(LedgerError) -> T) throws(LedgerError) -> T {
        try withUnsafeTemporaryAllocation(of: Member.self, capacity: maxMembers) {
            (buffer: UnsafeMutableBufferPointer<Member>) throws(LedgerError) -> T in
            guard let members = buffer.baseAddress, cursor.eat(UInt8(ascii: "{")) else { throw declined }
            var count = 0
            if !cursor.eat(UInt8(ascii: "}")) {
                while true {
                    guard count < maxMembers, let key = cursor.plainKey(), cursor.eat(UInt8(ascii: ":")) else { throw declined }
                    let keyStart = key.lowerBound, keyLength = key.upperBound - key.lowerBound
                    var other = 0
                    while other < count {
                        if members[other].keyEnd - members[other].keyStart == keyLength,
                           memcmp(cursor.bytes + members[other].keyStart, cursor.bytes + keyStart, keyLength) == 0 {
                            throw declined
                        }
                        other += 1
                    }
                    let valueStart = cursor.index
                    guard cursor.skipValue() else { throw declined }
                    members[count] = Member(keyStart: keyStart, keyEnd: key.upperBound, valueStart: valueStart, valueEnd: cursor.index)
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
        var found = -1
        let members = members, count = memberCount, bytes = cursor.bytes
        _ = key.utf8.withContiguousStorageIfAvailable { name in
            var offset = 0
            while offset < count {
                if members[offset].keyEnd - members[offset].keyStart == name.count,
                   memcmp(bytes + members[offset].keyStart, name.baseAddress!, name.count) == 0 {
                    found = offset
                    return
                }
                offset += 1
            }
        }
        guard found >= 0 else { return nil }
        readMask |= 1 << UInt64(found)
        return found
    }

    private func isNull(_ offset: Int) -> Bool {
        members[offset].valueEnd - members[offset].valueStart == 4 && memcmp(cursor.bytes + members[offset].valueStart, "null", 4) == 0
    }

    /// Puts the cursor at member `key`'s value (required, not null); returns where the value ends.
    private mutating func seek(_ key: String) throws(LedgerError) -> Int {
        guard let offset = find(key), !isNull(offset) else { throw Self.declined }
        cursor.index = members[offset].valueStart
        return members[offset].valueEnd
    }

    /// Puts the cursor at member `key`'s value when it is present and not null; returns where the value ends.
    private mutating func seekOptional(_ key: String) -> Int? {
        guard let offset = find(key), !isNull(offset) else { return nil }
        cursor.index = members[offset].valueStart
        return members[offset].valueEnd
    }

    /// Throws unless the value just read ended exactly at `end`.
    private func expectEnd(_ end: Int) throws(LedgerError) {
        guard cursor.index == end else { throw Self.declined }
    }

    func fieldPath(_ key: String) -> String { key }

    mutating func has(_ key: String) -> Bool { find(key) != nil }

    mutating func isPresent(_ key: String) -> Bool {
        guard let offset = find(key) else { return false }
        return !isNull(offset)
    }

    mutating func string(_ key: String) throws(LedgerError) -> String {
        let end = try seek(key)
        guard let text = cursor.string() else { throw Self.declined }
        try expectEnd(end)
        return text
    }

    mutating func optionalString(_ key: String) throws(LedgerError) -> String? {
        guard isPresent(key) else { return nil }
        return try string(key)
    }

    mutating func nonEmptyString(_ key: String) throws(LedgerError) -> String {
        let end = try seek(key)
        guard let text = cursor.nonEmptyString() else { throw Self.declined }
        try expectEnd(end)
        return text
    }

    mutating func slug(_ key: String, what: String) throws(LedgerError) -> String {
        let end = try seek(key)
        guard let text = cursor.slug() else { throw Self.declined }
        try expectEnd(end)
        return text
    }

    mutating func optionalSlug(_ key: String, what: String) throws(LedgerError) -> String? {
        guard isPresent(key) else { return nil }
        return try slug(key, what: what)
    }

    mutating func date(_ key: String) throws(LedgerError) -> LedgerDate {
        let end = try seek(key)
        guard let date = cursor.date() else { throw Self.declined }
        try expectEnd(end)
        return date
    }

    mutating func optionalDate(_ key: String) throws(LedgerError) -> LedgerDate? {
        guard isPresent(key) else { return nil }
        return try date(key)
    }

    mutating func enumeration<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) throws(LedgerError) -> E
    where E.RawValue == String {
        let end = try seek(key)
        guard let value = cursor.enumeration(E.self) else { throw Self.declined }
        try expectEnd(end)
        return value
    }

    mutating func money(_ key: String) throws(LedgerError) -> Money {
        let end = try seek(key)
        guard let money = cursor.money() else { throw Self.declined }
        try expectEnd(end)
        return money
    }

    mutating func optionalMoney(_ key: String) throws(LedgerError) -> Money? {
        guard isPresent(key) else { return nil }
        return try money(key)
    }

    mutating func fraction(_ key: String) throws(LedgerError) -> ExactDecimal {
        let end = try seek(key)
        guard let fraction = cursor.decimal(atMostOne: true) else { throw Self.declined }
        try expectEnd(end)
        return fraction
    }

    mutating func json(_ key: String) throws(LedgerError) -> JSONValue? {
        guard let offset = find(key) else { return nil }
        let member = members[offset]
        do {
            return try JSONParser.parseValue(Array(UnsafeBufferPointer(start: cursor.bytes + member.valueStart,
                                                                       count: member.valueEnd - member.valueStart)),
                                             depth: depth + 1)
        } catch {
            throw Self.declined
        }
    }

    /// Walks the array member `key` (required), calling `element` with the cursor at each element and its offset.
    private mutating func forEachElement(_ key: String, nonEmpty: Bool,
                                         _ element: (inout ByteCursor, Int) throws(LedgerError) -> Void) throws(LedgerError) {
        let end = try seek(key)
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
        try expectEnd(end)
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
        let end = try seek(key)
        let result = try Self.read(&cursor, depth: depth + 1, body)
        try expectEnd(end)
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
