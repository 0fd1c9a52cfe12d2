import Crypto
import Foundation

/// Decodes and validates events from JSON.
///
/// Validation here is everything that can be judged from the event alone:
/// required fields, types, real dates, slugs, money and fractions, enum
/// values, unknown fields. Whether the parties it names exist is judged by
/// ``ReferenceChecker`` against the ledger.
///
/// ```swift
/// let events = try EventDecoder.decodeDocument(bytes, file: "Events/x.json")
/// ```
public enum EventDecoder {
    /// Largest input accepted in one document (64 MiB).
    public static let maxDocumentBytes = 64 << 20

    /// Decodes every event in a document: one object, an array, or JSON Lines.
    public static func decodeDocument(_ bytes: [UInt8], file: String? = nil) throws(LedgerError) -> [Event] {
        guard bytes.count <= maxDocumentBytes else {
            throw LedgerError("is larger than \(maxDocumentBytes >> 20) MiB; split it into smaller files", file: file)
        }
        let values: [JSONValue]
        do { values = try JSONParser.parseDocuments(bytes) } catch {
            throw LedgerError(error.description, file: file)
        }
        guard !values.isEmpty else { throw LedgerError("holds no events", file: file) }
        var events: [Event] = []
        events.reserveCapacity(values.count)
        for (offset, value) in values.enumerated() {
            do { events.append(try decode(value)) } catch {
                throw error.located(file: file, index: offset + 1, eventId: value["id"].flatMap { if case .string(let s) = $0 { s } else { nil } })
            }
        }
        return events
    }

    /// Decodes the events of a document one at a time, calling `body` with each and its 1-based position.
    ///
    /// The same events and errors as ``decodeDocument(_:file:)``, without
    /// holding them all: an import of a long JSON Lines file streams through.
    /// Errors from `body` pass through unchanged.
    public static func forEachEvent(_ bytes: [UInt8], file: String? = nil, _ body: (Event, Int) throws -> Void) throws {
        guard bytes.count <= maxDocumentBytes else {
            throw LedgerError("is larger than \(maxDocumentBytes >> 20) MiB; split it into smaller files", file: file)
        }
        var offset = 0
        // JSON Lines of canonical events (what `export` and generate-history write) take the fast path
        // line by line; from the first line it declines on, the general parser takes over.
        let resume = try canonicalLines(bytes) { event in
            offset += 1
            try body(event, offset)
        }
        let count: Int
        do {
            let handle = { (value: JSONValue) throws in
                offset += 1
                let event: Event
                do { event = try decode(value) } catch let error as LedgerError {
                    throw error.located(file: file, index: offset, eventId: value["id"].flatMap { if case .string(let s) = $0 { s } else { nil } })
                }
                try body(event, offset)
            }
            let fast = offset
            if resume == 0 {
                count = try JSONParser.forEachDocument(bytes, handle)
            } else {
                count = fast + (try JSONParser.forEachValue(bytes, from: resume, handle))
            }
        } catch let error as JSONSyntaxError {
            throw LedgerError(error.description, file: file)
        }
        guard count > 0 else { throw LedgerError("holds no events", file: file) }
    }

    /// Hands out the leading lines of `bytes` that are each one canonical event; returns where the rest starts.
    ///
    /// Stops at the first line the fast decoder declines (or at a line that
    /// is not a lone object); `bytes[result...]` is then left to the general
    /// parser, which gives the same events for what the fast path took.
    private static func canonicalLines(_ bytes: [UInt8], _ body: (Event) throws -> Void) rethrows -> Int {
        guard bytes.first == UInt8(ascii: "{") else { return 0 }
        var start = 0
        return try bytes.withUnsafeBytes { raw in
            while start < raw.count {
                var end = start
                while end < raw.count, raw[end] != 0x0A { end += 1 }
                guard raw[start] == UInt8(ascii: "{"),
                      let event = CanonicalDecoder.event(from: UnsafeRawBufferPointer(rebasing: raw[start..<end])) else { return start }
                try body(event)
                start = end + 1
            }
            return raw.count
        }
    }

    /// Decodes one event object; an absent id is generated from the content.
    public static func decode(_ value: JSONValue) throws(LedgerError) -> Event {
        var reader = try ObjectReader(value, path: "", what: "an event object")
        return try read(&reader, allowID: true)
    }

    /// Reads one event: the common fields here, the type's own through its definition.
    ///
    /// The general path (``ObjectReader``) and the stored-payload fast path
    /// (``CanonicalFieldReader``) both run this, so they accept the same
    /// events and build the same values.
    static func read<R: EventFieldReader>(_ r: inout R, allowID: Bool) throws(LedgerError) -> Event {
        let type = try r.enumeration("type", EventType.self)
        let date = try r.date("date")
        var id = allowID ? try r.optionalSlug("id", what: "event id") : nil
        if !allowID, r.has("id") {
            throw LedgerError("must be left out: a replacement takes the id of the event it corrects", field: r.fieldPath("id"))
        }
        let announced = try r.optionalDate("announced")
        let status = r.isPresent("status") ? try r.enumeration("status", EventStatus.self) : .confirmed
        var sources: [String] = []
        if r.isPresent("sources") {
            let path = r.fieldPath("sources")
            try r.strings("sources", nonEmpty: false, notAString: { _ in "must be a non-empty string (a URL or citation)" }) {
                (source: String, offset: Int) throws(LedgerError) in
                guard !source.isEmpty else {
                    throw LedgerError("must be a non-empty string (a URL or citation)", field: "\(path)[\(offset)]")
                }
                sources.append(source)
            }
        }
        let note = try r.optionalString("note")
        var bodyReader = BodyReader(reader: r)
        let body = try type.accept(&bodyReader)
        r = bodyReader.reader
        try r.finish()
        if id == nil, allowID {
            // A registration is unique by what it registers, so its id can say so.
            if let registered = body.registration, registered.id.count + registered.kind.rawValue.count + 1 <= Slug.maxLength {
                id = "\(registered.kind.rawValue)-\(registered.id)"
            } else {
                id = generatedID(type: type, date: date, content: try r.content())
            }
        }
        // A replacement (allowID false) takes the id of the event it corrects: the caller sets it.
        return Event(id: id ?? "", date: date, announced: announced, status: status, sources: sources, note: note, body: body)
    }

    /// Reads the body of the type it is handed, through that type's definition.
    private struct BodyReader<R: EventFieldReader>: EventDefinitionVisitor {
        var reader: R
        mutating func visit<P: EventPayload>(_ type: P.Type) throws(LedgerError) -> EventBody {
            try P(reading: &reader).body
        }
    }

    /// A stable id for an event given without one: `<type>-<date>-<hash of content>`.
    ///
    /// Stable so that importing the same id-less file twice is still idempotent.
    public static func generatedID(type: EventType, date: LedgerDate, content: JSONValue) -> String {
        let digest = SHA256.hash(data: Array(content.canonicalText.utf8))
        let hex = digest.prefix(5).map { String($0, radix: 16).leftPadded(to: 2) }.joined()
        return "\(type.rawValue)-\(date.text)-\(hex)"
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
