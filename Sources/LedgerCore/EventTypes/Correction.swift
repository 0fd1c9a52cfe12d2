/// Replaces an earlier event's content; the original stays in the log.
public struct Correction: Hashable, Sendable {
    public var corrects: String
    /// The corrected event; its `id` is the corrected event's id.
    public var replacement: Event
    public var reason: String
    public init(corrects: String, replacement: Event, reason: String) {
        self.corrects = corrects; self.replacement = replacement; self.reason = reason
    }
}

extension Correction: EventPayload {
    static let eventType = EventType.correction
    static let isAmendment = true
    static let summary = "Replaces an earlier event's content for every as-of date (and for known-at times from its recording on); the original stays in the log."
    static let fields = [
        EventField("corrects", "the id of the event corrected (not a correction or retraction)"),
        EventField("replacement", "a full event object of the same type, without id: what the corrected event should have said"),
        EventField("reason", "why, in plain words"),
    ]
    static let example = #"{"type": "correction", "id": "2024-02-01-fix-valuation", "date": "2024-02-01", "corrects": "2023-04-28-openai-tender-27-29b", "reason": "record the top of the reported $27B-29B range", "replacement": {"type": "valuation", "date": "2023-04-28", "status": "reported", "company": "openai", "value": {"amount": "29000000000", "currency": "USD"}, "basis": "tender-offer"}}"#

    init<R: EventFieldReader>(reading r: inout R) throws(LedgerError) {
        let corrects = try r.slug("corrects", what: "event id")
        var replacement = try r.object("replacement", what: "an event object") { (e: inout R) throws(LedgerError) in
            try EventDecoder.read(&e, allowID: false)
        }
        replacement.id = corrects
        guard !replacement.type.isAmendment else {
            throw LedgerError("cannot be a \(replacement.type.rawValue); correct the original event instead", field: r.fieldPath("replacement.type"))
        }
        self.init(corrects: corrects, replacement: replacement, reason: try r.nonEmptyString("reason"))
    }

    func write(into w: inout CanonicalEventWriter) {
        w.key("corrects"); w.string(corrects)
        w.key("reason"); w.string(reason)
        w.key("replacement"); w.event(replacement)
    }

    func appendNamedIDs(to ids: inout [String]) {
        ids.append(contentsOf: replacement.namedIDs)
    }

    func checkReferences(_ checker: ReferenceChecker, _ context: ReferenceContext) throws(LedgerError) {
        let target = try checker.existingType(corrects, field: context.field("corrects"))
        guard !target.isAmendment else {
            throw LedgerError("event \"\(corrects)\" is a \(target.rawValue); correct or retract the original event instead", field: context.field("corrects"))
        }
        guard replacement.type == target else {
            throw LedgerError("is \"\(replacement.type.rawValue)\" but event \"\(corrects)\" is \"\(target.rawValue)\"; a correction keeps the type (retract and append instead)", field: context.field("replacement.type"))
        }
        try checker.check(replacement, ReferenceContext(prefix: context.field("replacement."), correcting: corrects))
    }

    var amendedEventID: String? { corrects }

    var body: EventBody { .correction(self) }
}
