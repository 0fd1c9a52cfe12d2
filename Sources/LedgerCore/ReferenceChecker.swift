/// Checks that every id an event names is already known to the ledger.
///
/// CONTRACT.md §1: parties, companies and partnerships must be registered by
/// an earlier `party` or `partnership` event (earlier in log order, or earlier
/// in the same batch), and corrections and retractions must name an existing
/// event. The store seeds this with what the log holds; ``admit(_:)`` checks
/// one event and, when it passes, records what it registers so later events
/// in the batch may use it. A negotiation's `settledBy` and a funding's `commitment` may also name an event
/// later in the same batch (a settlement naturally comes after the talks it ends);
/// ``finish()`` checks those once the whole batch has been admitted.
///
/// ```swift
/// var checker = ReferenceChecker(parties: ["openai"], partnerships: [], eventType: store.typeOfEvent)
/// try checker.admit(event)
/// ```
public struct ReferenceChecker {
    /// Known party ids.
    public private(set) var parties: Set<String>
    /// Known partnership ids.
    public private(set) var partnerships: Set<String>
    private var batchEventTypes: [String: EventType] = [:]
    /// Event id → the party or partnership id it registers, for registrations in this batch.
    private var batchRegistrations: [String: String] = [:]
    private let storedEventType: (String) throws -> EventType?
    private let storedRegisteredID: (String) throws -> String?
    private let storedRegistry: (Registration.Kind) throws -> [String]
    /// References allowed to name an event later in the batch, checked by ``finish()``.
    private let pending = PendingReferences()

    /// Creates a checker over the ledger's registry and a lookup of stored event types by id.
    ///
    /// `registeredID` gives, for a stored `party` or `partnership` event id, the id
    /// it registered, so a correction cannot make it register another one. `registry` lists every stored id
    /// of a kind; it is asked only when an id is unknown, to suggest the closest known one.
    public init(parties: Set<String>, partnerships: Set<String>, eventType: @escaping (String) throws -> EventType?,
                registeredID: @escaping (String) throws -> String? = { _ in nil },
                registry: @escaping (Registration.Kind) throws -> [String] = { _ in [] }) {
        self.parties = parties
        self.partnerships = partnerships
        self.storedEventType = eventType
        self.storedRegisteredID = registeredID
        self.storedRegistry = registry
    }

    /// Validates `event`'s references, then registers what it introduces.
    public mutating func admit(_ event: Event) throws(LedgerError) {
        do {
            guard try eventType(of: event.id) == nil else {
                throw LedgerError("id \"\(event.id)\" is already used by another event", field: "id")
            }
        } catch let error as LedgerError { throw error } catch {
            throw LedgerError("could not look up event id \"\(event.id)\": \(error)")
        }
        pending.currentEvent = event.id
        try check(event, ReferenceContext())
        if let registered = event.body.registration {
            register(registered)
            batchRegistrations[event.id] = registered.id
        }
        batchEventTypes[event.id] = event.type
    }

    /// Validates `event`'s references and registers what it introduces, for a store that has already checked
    /// that its id is unused and that stores each admitted event before admitting the next (so the
    /// event-type lookup finds the batch's earlier events and nothing needs remembering here).
    public mutating func admitChecked(_ event: Event) throws(LedgerError) {
        pending.currentEvent = event.id
        try check(event, ReferenceContext())
        if let registered = event.body.registration { register(registered) }
    }

    /// Checks the references that were allowed to name a later event of the batch, once every event is admitted.
    public func finish() throws(LedgerError) {
        for reference in pending.references {
            let found: EventType?
            do { found = try eventType(of: reference.id) } catch {
                throw LedgerError("could not look up event id \"\(reference.id)\": \(error)", field: reference.field, eventId: reference.event)
            }
            let names = reference.types.map(\.rawValue).joined(separator: " or ")
            guard let found else {
                throw LedgerError("no \(names) event with id \"\(reference.id)\" exists in the log or anywhere in the batch", field: reference.field, eventId: reference.event)
            }
            guard reference.types.contains(found) else {
                throw LedgerError("event \"\(reference.id)\" is a \(found.rawValue), not a \(names)", field: reference.field, eventId: reference.event)
            }
        }
        pending.references.removeAll()
    }

    private mutating func register(_ registered: Registration) {
        switch registered.kind {
        case .party: parties.insert(registered.id)
        case .partnership: partnerships.insert(registered.id)
        }
    }

    /// Checks `event`'s references through its type's definition.
    func check(_ event: Event, _ context: ReferenceContext) throws(LedgerError) {
        var visitor = Check(checker: self, context: context)
        try event.body.accept(&visitor)
    }

    private struct Check: EventPayloadVisitor {
        typealias Failure = LedgerError
        let checker: ReferenceChecker
        let context: ReferenceContext
        func visit<P: EventPayload>(_ payload: P) throws(LedgerError) { try payload.checkReferences(checker, context) }
    }

    /// Throws unless party `id` is registered.
    func requireParty(_ id: String, _ field: @autoclosure () -> String) throws(LedgerError) {
        guard parties.contains(id) else {
            throw LedgerError("party \"\(id)\" is not registered" + advice(for: id, .party), field: field())
        }
    }

    /// What to do about an unknown id: the closest registered one, or registering it first.
    private func advice(for id: String, _ kind: Registration.Kind) -> String {
        let known = (kind == .party ? parties : partnerships).union((try? storedRegistry(kind)) ?? [])
        let hint = Suggestion.hint(for: id, among: known.sorted())
        let first = "append a \"\(kind.rawValue)\" event for it first"
        return hint.isEmpty ? "; \(first)" : "\(hint); if it is new, \(first)"
    }

    /// Throws unless partnership `id` is registered.
    func requirePartnership(_ id: String, _ field: @autoclosure () -> String) throws(LedgerError) {
        guard partnerships.contains(id) else {
            throw LedgerError("partnership \"\(id)\" is not registered" + advice(for: id, .partnership), field: field())
        }
    }

    /// Throws when `id` is already registered, as a party or a partnership; `hint` says what to do instead.
    func requireUnregistered(_ id: String, _ field: @autoclosure () -> String, hint: String) throws(LedgerError) {
        guard !parties.contains(id), !partnerships.contains(id) else {
            throw LedgerError("\"\(id)\" is already registered; \(hint)", field: field())
        }
    }

    /// Throws when event `eventID` registered an id other than `id`.
    func requireSameRegistration(_ eventID: String, _ id: String, field: String) throws(LedgerError) {
        let original: String?
        if let registered = batchRegistrations[eventID] {
            original = registered
        } else {
            do { original = try storedRegisteredID(eventID) } catch {
                throw LedgerError("could not look up event id \"\(eventID)\": \(error)", field: field)
            }
        }
        guard let original, original != id else { return }
        throw LedgerError("is \"\(id)\" but event \"\(eventID)\" registered \"\(original)\"; a correction may change a registration's content, never which id it registers", field: field)
    }

    /// The type of the stored or batched event `id`; throws when there is none.
    func existingType(_ id: String, field: String) throws(LedgerError) -> EventType {
        let type: EventType?
        do { type = try eventType(of: id) } catch let error as LedgerError { throw error } catch {
            throw LedgerError("could not look up event id \"\(id)\": \(error)", field: field)
        }
        guard let type else { throw LedgerError("no event with id \"\(id)\" exists", field: field) }
        return type
    }

    /// Throws unless event `id` exists (stored, or earlier in the batch) and is of type `type`.
    func requireEvent(_ id: String, of type: EventType, _ field: @autoclosure () -> String) throws(LedgerError) {
        try requireEvent(id, ofOneOf: [type], field())
    }

    /// Throws unless event `id` exists (stored, or earlier in the batch) and is of one of `types`.
    ///
    /// With `mayFollowInBatch`, an id not found yet is noted and checked by ``finish()`` instead.
    func requireEvent(_ id: String, ofOneOf types: [EventType], _ field: @autoclosure () -> String,
                      mayFollowInBatch: Bool = false) throws(LedgerError) {
        let names = types.map(\.rawValue).joined(separator: " or ")
        let path = field()
        let found: EventType?
        do { found = try eventType(of: id) } catch let error as LedgerError { throw error } catch {
            throw LedgerError("could not look up event id \"\(id)\": \(error)", field: path)
        }
        if found == nil, mayFollowInBatch {
            pending.references.append((pending.currentEvent, id, types, path))
            return
        }
        guard let found else {
            throw LedgerError("no \(names) event with id \"\(id)\" exists; append it first (earlier in the log or the batch)", field: path)
        }
        guard types.contains(found) else {
            throw LedgerError("event \"\(id)\" is a \(found.rawValue), not a \(names)", field: path)
        }
    }

    private func eventType(of id: String) throws -> EventType? {
        if let type = batchEventTypes[id] { return type }
        return try storedEventType(id)
    }
}

/// References noted during a batch that may name a later event of it.
private final class PendingReferences {
    var currentEvent: String?
    var references: [(event: String?, id: String, types: [EventType], field: String)] = []
}

/// Where a reference check stands: the field prefix for errors, and whether it checks a correction's replacement.
struct ReferenceContext {
    /// Prepended to every field named in an error (`replacement.`).
    var prefix = ""
    /// The id of the corrected event, when checking its replacement.
    var correcting: String?

    /// The full path of `name` for an error.
    func field(_ name: String) -> String { prefix + name }
}
