import LedgerCore
import LedgerStore

extension EventStore {
    /// Replays the ledger to `point`; with `subject`, only what that company or partnership needs.
    public func state(at point: ReplayPoint, subject: String? = nil) throws -> LedgerState {
        if let subject {
            return try state(of: subject, asOf: point.asOf, knownAt: point.knownAt?.bound, useSnapshots: point.useSnapshots)
        }
        return try state(asOf: point.asOf, knownAt: point.knownAt?.bound, useSnapshots: point.useSnapshots)
    }

    /// Fails with a plain message when `id` is not registered as `kind` (party or partnership).
    public func requireRegistered(_ id: String, as kind: String) throws {
        let found = try registeredKind(of: id)
        guard found == kind else {
            if let found { throw LedgerError("\"\(id)\" is a \(found), not a \(kind)") }
            throw LedgerError("no \(kind) \"\(id)\" is registered in this ledger"
                              + (try suggestion(for: id, kind: kind) ?? " (see `partnership-ledger log --type \(kind)`)"))
        }
    }

    /// Replays what `id` (a registered `kind`: "party" or "partnership") needs at `point`, with ``absence(of:as:in:at:)``.
    public func subjectState(_ id: String, as kind: String, at point: ReplayPoint) throws -> (state: LedgerState, absence: String?) {
        try requireRegistered(id, as: kind)
        let state = try state(at: point, subject: id)
        return (state, try absence(of: id, as: kind, in: state, at: point))
    }

    /// Why the state replayed to `point` does not know `id` although the ledger registers it, in one sentence:
    /// registered after the `--as-of` date, or recorded after `--known-at` (or nothing recorded by then at all).
    /// Nil when the state knows it (or its registration was retracted). Without this, a query before a party's
    /// founding would show its id as its name and "unknown" everywhere.
    public func absence(of id: String, as kind: String, in state: LedgerState, at point: ReplayPoint) throws -> String? {
        let known = kind == "party" ? state.parties[id] != nil : state.partnerships[id] != nil
        guard !known, let registration = try registrationEvent(of: id) else { return nil }
        if let knownAt = point.knownAt {
            let maxSeq = try maxSeq(for: knownAt.bound)
            if maxSeq == 0 {
                let first = try firstRecordedAt().map { "; its first event was recorded at \($0)" } ?? ""
                return "the ledger had recorded nothing yet at --known-at \(knownAt.text)\(first)"
            }
            if registration.seq > maxSeq {
                return "\(kind) \"\(id)\" was not yet recorded at --known-at \(knownAt.text): "
                    + "event \(registration.id), which registers it, was recorded at \(registration.recordedAt) (seq \(registration.seq))"
            }
        }
        guard registration.date > point.asOf.text else { return nil }
        return "\(kind) \"\(id)\" did not exist yet on \(point.asOf): the ledger registers it from \(registration.date) (event \(registration.id))"
    }

    /// Fails with a plain message when `id` is registered neither as a party nor as a partnership; `flag` prefixes it.
    public func requireRegisteredAtAll(_ id: String, flag: String? = nil) throws {
        guard try registeredKind(of: id) == nil else { return }
        throw LedgerError((flag.map { "\($0): " } ?? "") + "no party or partnership \"\(id)\" is registered in this ledger"
                          + (try suggestion(for: id, kind: nil) ?? ""))
    }

    /// ` (did you mean "ID"?)` for the registered id (of `kind`, or any) closest to `id`, or nil when none is close.
    func suggestion(for id: String, kind: String?) throws -> String? {
        let hint = Suggestion.hint(for: id, among: try registeredIDs(kind: kind))
        return hint.isEmpty ? nil : hint
    }
}
