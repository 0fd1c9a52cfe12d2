import Foundation

/// Writes the canonical bytes of an event: keys in byte order, no insignificant
/// whitespace, strings escaped as ``JSONValue/writeString(_:into:)`` does.
///
/// The one encoder. A payload writes its own fields in byte order of their
/// keys (``EventPayload/write(into:)``); at the event's level the writer slips
/// the common fields (`announced`, `date`, `id`, `note`, `sources`, `status`,
/// `type`) in where they sort, so the whole object comes out sorted without
/// building a ``JSONValue`` tree or sorting anything.
///
/// ```swift
/// w.key("company"); w.string(company)
/// w.key("value"); w.money(value)
/// ```
struct CanonicalEventWriter {
    /// The bytes written so far.
    var out: [UInt8]
    /// The event whose common fields are slipped in at the current event level.
    private var event: Event
    private var includeID: Bool
    /// The next common field (index into ``commonKeys``) still to write.
    private var nextCommon = 0
    /// Nesting below the event's level (0: keys are the event's own).
    private var depth = 0
    private var first = true

    /// The common fields' keys, in byte order.
    private static let commonKeys: [StaticString] = ["announced", "date", "id", "note", "sources", "status", "type"]

    /// Writes `event` (with its id when `includeID`) to the end of `out`.
    static func write(_ event: Event, includeID: Bool, into out: inout [UInt8]) {
        var writer = CanonicalEventWriter(out: [], event: event, includeID: includeID)
        swap(&writer.out, &out)
        writer.writeEvent()
        swap(&writer.out, &out)
    }

    private init(out: [UInt8], event: Event, includeID: Bool) {
        self.out = out; self.event = event; self.includeID = includeID
    }

    private mutating func writeEvent() {
        out.append(UInt8(ascii: "{"))
        let body = event.body
        body.accept(&self)
        writeCommon(before: nil)
        out.append(UInt8(ascii: "}"))
    }

    /// Writes the common fields whose keys sort before `key` (all that are left when nil).
    private mutating func writeCommon(before key: StaticString?) {
        while nextCommon < Self.commonKeys.count {
            let common = Self.commonKeys[nextCommon]
            if let key, Self.compare(common, key) > 0 { return }
            nextCommon += 1
            switch nextCommon - 1 {
            case 0: if let announced = event.announced { rawKey(common); string(announced.text) }
            case 1: rawKey(common); string(event.date.text)
            case 2: if includeID { rawKey(common); string(event.id) }
            case 3: if let note = event.note { rawKey(common); string(note) }
            case 4: if !event.sources.isEmpty { rawKey(common); array(event.sources) { w, source in w.string(source) } }
            case 5: rawKey(common); string(event.status.rawValue)
            default: rawKey(common); string(event.type.rawValue)
            }
        }
    }

    private static func compare(_ a: StaticString, _ b: StaticString) -> Int32 {
        let common = min(a.utf8CodeUnitCount, b.utf8CodeUnitCount)
        let result = memcmp(a.utf8Start, b.utf8Start, common)
        if result != 0 { return result }
        return Int32(a.utf8CodeUnitCount) - Int32(b.utf8CodeUnitCount)
    }

    private mutating func rawKey(_ name: StaticString) {
        if !first { out.append(UInt8(ascii: ",")) }
        first = false
        out.append(UInt8(ascii: "\""))
        out.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        out.append(UInt8(ascii: "\""))
        out.append(UInt8(ascii: ":"))
    }

    /// Writes the separator and `"name":`; the caller gives keys in byte order.
    mutating func key(_ name: StaticString) {
        if depth == 0 { writeCommon(before: name) }
        rawKey(name)
    }

    /// Writes a JSON string.
    mutating func string(_ text: String) { JSONValue.writeString(text, into: &out) }

    /// Writes an exact decimal as a decimal string (`"0.27"`).
    mutating func decimal(_ value: ExactDecimal) { JSONValue.writeString(ExactDecimal.text(value), into: &out) }

    /// Writes `{"amount":"…","currency":"…"}`.
    mutating func money(_ money: Money) {
        object { w in
            w.key("amount"); w.decimal(money.amount)
            w.key("currency"); w.string(money.currency)
        }
    }

    /// Writes a date as `"YYYY-MM-DD"`.
    mutating func date(_ date: LedgerDate) { string(date.text) }

    /// Writes any JSON value canonically (keys sorted).
    mutating func json(_ value: JSONValue) { value.encodeCanonical(into: &out) }

    /// Writes a JSON literal such as `true` or `null`.
    mutating func literal(_ text: StaticString) {
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Writes a nested object whose keys `body` gives in byte order.
    mutating func object(_ body: (inout CanonicalEventWriter) -> Void) {
        let outerFirst = first
        out.append(UInt8(ascii: "{"))
        first = true
        depth += 1
        body(&self)
        depth -= 1
        first = outerFirst
        out.append(UInt8(ascii: "}"))
    }

    /// Writes a JSON array of `items`.
    mutating func array<T>(_ items: [T], _ write: (inout CanonicalEventWriter, T) -> Void) {
        out.append(UInt8(ascii: "["))
        for (offset, item) in items.enumerated() {
            if offset > 0 { out.append(UInt8(ascii: ",")) }
            write(&self, item)
        }
        out.append(UInt8(ascii: "]"))
    }

    /// Writes a nested event (a correction's replacement) with its own common fields, without its id.
    mutating func event(_ nested: Event) {
        Self.write(nested, includeID: false, into: &out)
    }
}

extension CanonicalEventWriter: EventPayloadVisitor {
    typealias Failure = Never
    /// Writes `payload`'s fields (the event's body) in place.
    mutating func visit<P: EventPayload>(_ payload: P) { payload.write(into: &self) }
}
