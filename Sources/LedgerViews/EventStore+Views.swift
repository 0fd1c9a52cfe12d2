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

    /// Replays what `id` (a registered `kind`: "party" or "partnership") needs at `point`, and fails with a plain
    /// message when it did not exist there yet: registered after the `--as-of` date, or recorded after `--known-at`.
    ///
    /// Without this, a query before a party's founding would show its id as its name and "unknown" everywhere.
    public func subjectState(_ id: String, as kind: String, at point: ReplayPoint) throws -> LedgerState {
        try requireRegistered(id, as: kind)
        let state = try state(at: point, subject: id)
        try requireExisted(id, as: kind, in: state, at: point)
        return state
    }

    /// Fails, saying why, when `state` (replayed to `point`) does not know `id` although the ledger registers it.
    public func requireExisted(_ id: String, as kind: String, in state: LedgerState, at point: ReplayPoint) throws {
        let known = kind == "party" ? state.parties[id] != nil : state.partnerships[id] != nil
        guard !known, let registration = try registrationEvent(of: id) else { return }
        if let knownAt = point.knownAt {
            let maxSeq = try maxSeq(for: knownAt.bound)
            if maxSeq == 0 {
                let first = try firstRecordedAt().map { " (its first event was recorded at \($0))" } ?? ""
                throw LedgerError("--known-at \(knownAt.text): the ledger had recorded nothing yet\(first)")
            }
            if registration.seq > maxSeq {
                throw LedgerError("--known-at \(knownAt.text): the ledger had not yet recorded \(kind) \"\(id)\" "
                                  + "(event \(registration.id), seq \(registration.seq), was recorded at \(registration.recordedAt))")
            }
        }
        if registration.date > point.asOf.text {
            throw LedgerError("\(kind) \"\(id)\" did not exist yet on \(point.asOf): the ledger registers it from \(registration.date) "
                              + "(event \(registration.id)); ask --as-of \(registration.date) or later")
        }
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
