import GRDB
import LedgerCore

extension EventStore {
    static func resumeFromSnapshot(_ db: Database, asOf: LedgerDate, maxSeq: Int64) throws -> LedgerState? { nil }
}

/// Marks the snapshots an append makes unusable, as the batch's events are stored.
///
/// Only an event dated before every earlier event of the batch can reach a
/// snapshot the batch has not already marked, and only the batch's first
/// correction or retraction matters, so a batch runs few updates.
struct SnapshotInvalidation {
    private var earliestDate: LedgerDate?
    private var sawAmendment = false

    mutating func record(seq: Int64, date: LedgerDate, type: EventType, _ db: Database) throws {
        if type == .correction || type == .retraction {
            guard !sawAmendment else { return }
            sawAmendment = true
            try db.cachedStatement(sql: "UPDATE snapshot SET invalidFrom = ? WHERE invalidFrom IS NULL").execute(arguments: [seq])
        } else if earliestDate.map({ date < $0 }) ?? true {
            earliestDate = date
            try db.cachedStatement(sql: "UPDATE snapshot SET invalidFrom = ? WHERE invalidFrom IS NULL AND date >= ?")
                .execute(arguments: [seq, date.text])
        }
    }
}
