/// Withdraws an earlier event's effect; the original stays in the log.
public struct Retraction: Hashable, Sendable {
    public var retracts: String
    public var reason: String
    public init(retracts: String, reason: String) { self.retracts = retracts; self.reason = reason }
}

extension Retraction: EventPayload {
    static let eventType = EventType.retraction
    static let isAmendment = true
    static let summary = "Withdraws an earlier event's effect for every as-of date (and for known-at times from its recording on); the original stays in the log."
    static let fields = [
        EventField("retracts", "the id of the event withdrawn (not a registration, not a retraction)"),
        EventField("reason", "why, in plain words"),
    ]
    static let example = #"{"type": "retraction", "id": "2024-03-01-retract-duplicate", "date": "2024-03-01", "retracts": "2023-12-01-openai-arr-1600m-the-information", "reason": "the same date has the Financial Times figure"}"#

    init<R: EventFieldReader>(reading r: inout R) throws(LedgerError) {
        self.init(retracts: try r.slug("retracts", what: "event id"), reason: try r.nonEmptyString("reason"))
    }

    func write(into w: inout CanonicalEventWriter) {
        w.key("reason"); w.string(reason)
        w.key("retracts"); w.string(retracts)
    }

    func appendNamedIDs(to ids: inout [String]) {}

    func checkReferences(_ checker: ReferenceChecker, _ context: ReferenceContext) throws(LedgerError) {
        let target = try checker.existingType(retracts, field: context.field("retracts"))
        guard target != .retraction else {
            throw LedgerError("event \"\(retracts)\" is itself a retraction; it cannot be retracted", field: context.field("retracts"))
        }
        guard target != .party, target != .partnership else {
            throw LedgerError("event \"\(retracts)\" registers an id other events rely on; correct it instead of retracting it", field: context.field("retracts"))
        }
    }

    var amendedEventID: String? { retracts }

    var body: EventBody { .retraction(self) }
}
