/// Checks that every id an event names is already known to the ledger.
///
/// CONTRACT.md §1: parties, companies and partnerships must be registered by
/// an earlier `party` or `partnership` event (earlier in log order, or earlier
/// in the same batch), and corrections and retractions must name an existing
/// event. The store seeds this with what the log holds; ``admit(_:)`` checks
/// one event and, when it passes, records what it registers so later events
/// in the batch may use it.
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

    /// Creates a checker over the ledger's registry and a lookup of stored event types by id.
    ///
    /// `registeredID` gives, for a stored `party` or `partnership` event id, the id
    /// it registered, so a correction cannot make it register another one.
    public init(parties: Set<String>, partnerships: Set<String>, eventType: @escaping (String) throws -> EventType?,
                registeredID: @escaping (String) throws -> String? = { _ in nil }) {
        self.parties = parties
        self.partnerships = partnerships
        self.storedEventType = eventType
        self.storedRegisteredID = registeredID
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
        try check(event)
        switch event.body {
        case .party(let p): parties.insert(p.party); batchRegistrations[event.id] = p.party
        case .partnership(let p): partnerships.insert(p.partnership); batchRegistrations[event.id] = p.partnership
        default: break
        }
        batchEventTypes[event.id] = event.type
    }

    /// Validates `event`'s references and registers what it introduces, for a store that has already checked
    /// that its id is unused and that stores each admitted event before admitting the next (so the
    /// event-type lookup finds the batch's earlier events and nothing needs remembering here).
    public mutating func admitChecked(_ event: Event) throws(LedgerError) {
        try check(event)
        switch event.body {
        case .party(let p): parties.insert(p.party)
        case .partnership(let p): partnerships.insert(p.partnership)
        default: break
        }
    }

    private func check(_ event: Event, prefix: String = "") throws(LedgerError) {
        func party(_ id: String, _ field: String) throws(LedgerError) {
            guard parties.contains(id) else {
                throw LedgerError("party \"\(id)\" is not registered; append a \"party\" event for it first", field: prefix + field)
            }
        }
        func partnership(_ id: String, _ field: String) throws(LedgerError) {
            guard partnerships.contains(id) else {
                throw LedgerError("partnership \"\(id)\" is not registered; append a \"partnership\" event for it first", field: prefix + field)
            }
        }
        switch event.body {
        case .party(let p):
            guard !parties.contains(p.party), !partnerships.contains(p.party) else {
                throw LedgerError("\"\(p.party)\" is already registered; use a correction to change it", field: prefix + "party")
            }
        case .partnership(let p):
            guard !partnerships.contains(p.partnership), !parties.contains(p.partnership) else {
                throw LedgerError("\"\(p.partnership)\" is already registered; use a renegotiation or a correction to change it", field: prefix + "partnership")
            }
            for (offset, id) in p.parties.enumerated() { try party(id, "parties[\(offset)]") }
        case .fundingRound(let r):
            try party(r.company, "company")
            for (offset, investment) in r.investments.enumerated() { try party(investment.investor, "investments[\(offset)].investor") }
            if let id = r.partnership { try partnership(id, "partnership") }
        case .valuation(let v): try party(v.company, "company")
        case .revenue(let r): try party(r.company, "company")
        case .governance(let g): try party(g.company, "company")
        case .renegotiation(let r): try partnership(r.partnership, "partnership")
        case .recapitalization(let r):
            try party(r.company, "company")
            for (offset, holding) in r.stakes.enumerated() { try party(holding.holder, "stakes[\(offset)].holder") }
        case .correction(let c):
            let target = try existingType(c.corrects, field: prefix + "corrects")
            guard target != .correction, target != .retraction else {
                throw LedgerError("event \"\(c.corrects)\" is a \(target.rawValue); correct or retract the original event instead", field: prefix + "corrects")
            }
            guard c.replacement.type == target else {
                throw LedgerError("is \"\(c.replacement.type.rawValue)\" but event \"\(c.corrects)\" is \"\(target.rawValue)\"; a correction keeps the type (retract and append instead)", field: prefix + "replacement.type")
            }
            switch c.replacement.body {
            // A corrected registration changes content, never which id is registered.
            case .party(let p):
                try party(p.party, "replacement.party")
                try sameRegistration(c.corrects, p.party, field: prefix + "replacement.party")
            case .partnership(let p):
                try partnership(p.partnership, "replacement.partnership")
                try sameRegistration(c.corrects, p.partnership, field: prefix + "replacement.partnership")
                for (offset, id) in p.parties.enumerated() { try party(id, "replacement.parties[\(offset)]") }
            default:
                try check(c.replacement, prefix: prefix + "replacement.")
            }
        case .retraction(let r):
            let target = try existingType(r.retracts, field: prefix + "retracts")
            guard target != .retraction else {
                throw LedgerError("event \"\(r.retracts)\" is itself a retraction; it cannot be retracted", field: prefix + "retracts")
            }
            guard target != .party, target != .partnership else {
                throw LedgerError("event \"\(r.retracts)\" registers an id other events rely on; correct it instead of retracting it", field: prefix + "retracts")
            }
        }
    }

    /// Throws when event `eventID` registered an id other than `id`.
    private func sameRegistration(_ eventID: String, _ id: String, field: String) throws(LedgerError) {
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

    private func existingType(_ id: String, field: String) throws(LedgerError) -> EventType {
        let type: EventType?
        do { type = try eventType(of: id) } catch let error as LedgerError { throw error } catch {
            throw LedgerError("could not look up event id \"\(id)\": \(error)", field: field)
        }
        guard let type else { throw LedgerError("no event with id \"\(id)\" exists", field: field) }
        return type
    }

    private func eventType(of id: String) throws -> EventType? {
        if let type = batchEventTypes[id] { return type }
        return try storedEventType(id)
    }
}
