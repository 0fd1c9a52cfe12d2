/// An event together with where it came from, so errors can name the place.
///
/// ```swift
/// let item = SourcedEvent(event, file: "Events/2019-07-22-x.json", index: 1)
/// ```
public struct SourcedEvent: Hashable, Sendable {
    public var event: Event
    /// The file (or `-` for standard input, or `command line`).
    public var file: String?
    /// 1-based position of the event within its file.
    public var index: Int?

    public init(_ event: Event, file: String? = nil, index: Int? = nil) {
        self.event = event; self.file = file; self.index = index
    }

    /// `error` with this event's location filled in.
    public func locate(_ error: LedgerError) -> LedgerError {
        error.located(file: file, index: index, eventId: event.id)
    }
}
