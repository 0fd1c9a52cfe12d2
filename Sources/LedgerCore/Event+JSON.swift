import Foundation

extension Event {
    /// The normalized JSON object of this event, as the store keeps it.
    ///
    /// The parsed form of ``canonicalText`` (there is one encoder): defaults
    /// are written out (`status`), decimals are printed plainly, and keys
    /// are sorted, so decoding and re-encoding an event gives the same bytes
    /// every time.
    public var json: JSONValue {
        var bytes: [UInt8] = []
        writeCanonical(into: &bytes)
        do { return try JSONParser.parse(bytes) } catch {
            // The canonical writer only writes JSON; a failure here is a bug in it, not bad input.
            preconditionFailure("the canonical writer wrote invalid JSON: \(error)")
        }
    }

    /// Every party, company or partnership id this event names, each once (for the party index).
    public var namedIDs: [String] {
        var visitor = NamedIDs()
        body.accept(&visitor)
        // Few ids per event: a linear scan dedupes without allocating a set.
        var unique: [String] = []
        unique.reserveCapacity(visitor.ids.count)
        for id in visitor.ids where !unique.contains(id) { unique.append(id) }
        return unique
    }

    private struct NamedIDs: EventPayloadVisitor {
        typealias Failure = Never
        var ids: [String] = []
        mutating func visit<P: EventPayload>(_ payload: P) { payload.appendNamedIDs(to: &ids) }
    }

    /// The fields every event has, whatever its type (CONTRACT.md §1), documented.
    public static let commonFields: [EventField] = [
        EventField("type", "the event type (one of the types below)"),
        EventField("date", "effective date YYYY-MM-DD: when the fact took effect (a real calendar date)"),
        .optional("id", default: "generated from the content", "unique slug [a-z0-9][a-z0-9._-]*; corrections and retractions refer to it"),
        .optional("announced", "YYYY-MM-DD, when the fact became public"),
        .optional("status", default: "confirmed", "confirmed, reported or estimate"),
        .optional("sources", "array of URLs or citations"),
        .optional("note", "free text"),
    ]
}
