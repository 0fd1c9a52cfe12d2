import Foundation

/// A user-facing error that says what is wrong and where.
///
/// Every rejection of input carries as much location as is known — the file,
/// the event's position and id, the field — so the CLI can print one plain
/// sentence such as:
///
/// ```text
/// Events/x.json, event 2 (id round-a), field investments[0].amount: must be a decimal string like "10000000000", not a JSON number.
/// ```
public struct LedgerError: Error, Equatable, Sendable, LocalizedError, CustomStringConvertible {
    /// The file (or `-` for standard input) the input came from.
    public var file: String?
    /// 1-based position of the event within its batch or file.
    public var index: Int?
    /// The event's id, when it has one.
    public var eventId: String?
    /// The path of the offending field, e.g. `investments[0].amount`.
    public var field: String?
    /// What is wrong, in plain words.
    public var message: String

    /// Creates an error with a message and optional location.
    public init(_ message: String, field: String? = nil, eventId: String? = nil, index: Int? = nil, file: String? = nil) {
        self.message = message
        self.field = field
        self.eventId = eventId
        self.index = index
        self.file = file
    }

    /// The same error with any location parts it lacks filled in.
    public func located(file: String? = nil, index: Int? = nil, eventId: String? = nil) -> LedgerError {
        var copy = self
        copy.file = copy.file ?? file
        copy.index = copy.index ?? index
        copy.eventId = copy.eventId ?? eventId
        return copy
    }

    public var description: String {
        var place: [String] = []
        if let file { place.append(file) }
        switch (index, eventId) {
        case let (index?, id?): place.append("event \(index) (id \(id))")
        case let (index?, nil): place.append("event \(index)")
        case let (nil, id?): place.append("event \(id)")
        case (nil, nil): break
        }
        if let field { place.append("field \(field)") }
        let sentence = message.hasSuffix(".") ? message : message + "."
        return place.isEmpty ? sentence : place.joined(separator: ", ") + ": " + sentence
    }

    public var errorDescription: String? { description }
}

extension LedgerError {
    /// The refusal of a replay whose fold could not keep a running total exact: one sentence naming the event.
    public static func runningTotalOutOfRange(eventId: String) -> LedgerError {
        LedgerError("takes a running total (money one investor invested in, committed to or paid into one company or partnership) "
                    + "beyond ±1.7 × 10^18, the ledger's exact range, so no figure is shown; correct or retract that event", eventId: eventId)
    }
}
