/// The one definition of an event type: everything the ledger knows about it.
///
/// Each type's payload conforms in its own file (`EventTypes/<Payload>.swift`):
/// its JSON fields and their documentation, its decoding and validation (one
/// generic function that the general path and the stored-payload fast path
/// both run, see ``EventFieldReader``), its canonical writing, the ids it
/// names and how those are checked against the ledger. Every other path
/// reaches a type through ``EventType/accept(_:)`` or ``EventBody/accept(_:)``,
/// so no code outside the type's file lists the types except the fold and the
/// command line, which the compiler points at.
///
/// ```swift
/// extension Retraction: EventPayload {
///     static let eventType = EventType.retraction
///     init(reading r: inout some EventFieldReader) throws(LedgerError) { … }
///     func write(into w: inout CanonicalEventWriter) { … }
/// }
/// ```
protocol EventPayload: Hashable, Sendable {
    /// The `type` this payload is stored under.
    static var eventType: EventType { get }
    /// One sentence on what an event of this type records.
    static var summary: String { get }
    /// The type's own JSON fields (beside ``Event/commonFields``), documented.
    static var fields: [EventField] { get }
    /// A complete, valid event of this type as JSON text (for the reference and the tests).
    static var example: String { get }
    /// Whether events of this type amend another event (corrections, retractions) rather than state a fact.
    static var isAmendment: Bool { get }

    /// Reads and validates this type's fields from one event object.
    ///
    /// The same code runs for input files (``ObjectReader``) and for stored
    /// payloads (``CanonicalFieldReader``), so both paths agree by construction.
    init<R: EventFieldReader>(reading r: inout R) throws(LedgerError)

    /// Writes this type's fields, in byte order of their keys (the writer interleaves the common fields).
    func write(into w: inout CanonicalEventWriter)

    /// Appends every party, company or partnership id this payload names (for the party index and filters).
    func appendNamedIDs(to ids: inout [String])

    /// Checks that the ids this payload names are known to the ledger.
    func checkReferences(_ checker: ReferenceChecker, _ context: ReferenceContext) throws(LedgerError)

    /// The id this event registers (a party or a partnership), if it registers one.
    var registration: Registration? { get }

    /// The id of the event this one corrects or retracts, if it amends one.
    var amendedEventID: String? { get }

    /// This payload as the body of an ``Event``.
    var body: EventBody { get }
}

extension EventPayload {
    static var isAmendment: Bool { false }
    var registration: Registration? { nil }
    var amendedEventID: String? { nil }
}

/// What a `party` or `partnership` event registers.
public struct Registration: Hashable, Sendable {
    /// Which registry the id belongs to.
    public enum Kind: String, Hashable, Sendable {
        case party, partnership
    }
    /// The registry.
    public var kind: Kind
    /// The registered party or partnership id.
    public var id: String

    /// A registration of `id` in the `kind` registry.
    public init(kind: Kind, id: String) { self.kind = kind; self.id = id }
}

/// One documented JSON field of an event type (for the reference and `schema`).
public struct EventField: Hashable, Sendable {
    /// The JSON key.
    public var name: String
    /// Whether the field must be present (and not null).
    public var required: Bool
    /// The value assumed when the field is absent, as text; nil when absence means "none".
    public var defaultValue: String?
    /// What the field holds, in one phrase.
    public var summary: String

    /// A field; required unless said otherwise.
    public init(_ name: String, required: Bool = true, default defaultValue: String? = nil, _ summary: String) {
        self.name = name; self.required = required; self.defaultValue = defaultValue; self.summary = summary
    }

    /// An optional field.
    public static func optional(_ name: String, default defaultValue: String? = nil, _ summary: String) -> EventField {
        EventField(name, required: false, default: defaultValue, summary)
    }
}

/// Does something with an event type's definition, whatever the type (see ``EventType/accept(_:)``).
protocol EventDefinitionVisitor {
    associatedtype Result
    mutating func visit<P: EventPayload>(_ type: P.Type) throws(LedgerError) -> Result
}

/// Does something with an event's payload, whatever its type (see ``EventBody/accept(_:)``).
protocol EventPayloadVisitor {
    associatedtype Result
    associatedtype Failure: Error
    mutating func visit<P: EventPayload>(_ payload: P) throws(Failure) -> Result
}

extension EventType {
    private struct Describe: EventDefinitionVisitor {
        func visit<P: EventPayload>(_ type: P.Type) -> (summary: String, fields: [EventField], example: String, isAmendment: Bool) {
            (P.summary, P.fields, P.example, P.isAmendment)
        }
    }

    private struct IsAmendment: EventDefinitionVisitor {
        func visit<P: EventPayload>(_ type: P.Type) -> Bool { P.isAmendment }
    }

    private var definition: (summary: String, fields: [EventField], example: String, isAmendment: Bool) {
        var visitor = Describe()
        // Describe never throws; the visitor protocol allows it for the decoders.
        do { return try accept(&visitor) } catch { preconditionFailure("unreachable: \(error)") }
    }

    /// One sentence on what an event of this type records.
    public var summary: String { definition.summary }
    /// This type's own JSON fields (beside ``Event/commonFields``), documented.
    public var fields: [EventField] { definition.fields }
    /// A complete, valid event of this type, as JSON text.
    public var example: String { definition.example }
    /// Whether events of this type amend another event (`correction`, `retraction`) rather than state a fact.
    public var isAmendment: Bool {
        var visitor = IsAmendment()
        do { return try accept(&visitor) } catch { preconditionFailure("unreachable: \(error)") }
    }
}

extension EventBody {
    private struct Registered: EventPayloadVisitor {
        typealias Failure = Never
        func visit<P: EventPayload>(_ payload: P) -> Registration? { payload.registration }
    }

    private struct TypeOf: EventPayloadVisitor {
        typealias Failure = Never
        func visit<P: EventPayload>(_ payload: P) -> EventType { P.eventType }
    }

    /// The event's type.
    public var type: EventType {
        var visitor = TypeOf()
        return accept(&visitor)
    }

    private struct Amended: EventPayloadVisitor {
        typealias Failure = Never
        func visit<P: EventPayload>(_ payload: P) -> String? { payload.amendedEventID }
    }

    /// The id this event registers (a `party` or `partnership` event), if any.
    public var registration: Registration? {
        var visitor = Registered()
        return accept(&visitor)
    }

    /// The id of the event a `correction` or `retraction` amends, if this is one.
    public var amendedEventID: String? {
        var visitor = Amended()
        return accept(&visitor)
    }
}
