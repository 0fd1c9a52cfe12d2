internal import GRDB
import LedgerCore

extension EventStore {
    /// The state of one company, partnership or party at `asOf`, as known at `knownAt`, reading only the events about it.
    ///
    /// A cap table, a partnership's terms or a company's revenue depend only
    /// on the events that name that subject, and on the corrections and
    /// retractions of those events; the party index finds them without
    /// reading the rest of the log, and a snapshot, when one is usable,
    /// supplies the subject as of its checkpoint. In the result,
    /// `companies[subject]` and `partnerships[subject]` equal those of
    /// ``state(asOf:knownAt:useSnapshots:)``, and so do the `parties` entries
    /// of the subject and of every party its cap table or partnership names
    /// (their names label the output). Other entries, `appliedCount` and
    /// `lastDate` reflect only the events read.
    ///
    /// ```swift
    /// let state = try store.state(of: "openai", asOf: date)
    /// let table = state.capTable(of: "openai", asOf: date)
    /// ```
    public func state(of subject: String, asOf: LedgerDate, knownAt: KnownAt? = nil, useSnapshots: Bool = true) throws -> LedgerState {
        let maxSeq = try maxSeq(for: knownAt)
        return try replaying { db in
            guard try db.hasSubjectIndex() else {
                // A ledger without a complete amendment index (read-only, older or not yet backfilled): replay everything.
                return try Replay(scope: .wholeLog, asOf: asOf, maxSeq: maxSeq).state(db)
            }
            var state = try Replay(scope: .subject(subject), asOf: asOf, maxSeq: maxSeq, fromSnapshot: useSnapshots).state(db)
            // The parties the output names, each from its own registration and amendments.
            var named: Set<String> = [subject]
            if let table = state.companies[subject]?.capTable { named.formUnion(table.keys) }
            if let partnership = state.partnerships[subject] { named.formUnion(partnership.parties) }
            for id in named {
                state.parties[id] = try Replay(scope: .registration(id), asOf: asOf, maxSeq: maxSeq).state(db).parties[id]
            }
            return state
        }
    }

    /// The corrections and retractions that can change what `subject`'s events say, resolved.
    ///
    /// Those recorded under the subject (their target or their replacement
    /// names it), then every other amendment of the same targets, and the
    /// retractions of those corrections: everything ``Amendments`` needs to
    /// decide those targets exactly as a whole-log replay does.
    static func subjectAmendments(_ db: some ReplaySource, _ subject: String, maxSeq: Int64) throws -> Amendments {
        var found: [Int64: Event] = [:]
        var targets: [String] = []
        var queried: Set<String> = []
        func collect(_ seq: Int64, _ payload: UnsafeRawBufferPointer) throws {
            guard found[seq] == nil else { return }
            let event = try decodeStored(seq: seq, payload: payload)
            found[seq] = event
            if let target = event.body.amendedEventID {
                targets.append(target)
                // A correction may itself be retracted.
                if event.type == .correction { targets.append(event.id) }
            }
        }
        try db.forEachAmendment(naming: subject, maxSeq: maxSeq, collect)
        while let target = targets.popLast() {
            guard queried.insert(target).inserted else { continue }
            try db.forEachAmendment(of: target, maxSeq: maxSeq, collect)
        }
        return try resolve(found.keys.sorted().map { found[$0]! }, db)
    }
}
