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
            throw LedgerError("no \(kind) \"\(id)\" is registered in this ledger (see `partnership-ledger log --type \(kind)`)")
        }
    }
}
