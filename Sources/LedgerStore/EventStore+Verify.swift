import GRDB
import LedgerCore

/// The result of checking the log's integrity.
public struct VerifyReport: Hashable, Sendable {
    /// Events checked.
    public var count: Int64
    /// The head of the log as found.
    public var head: LogHead
    /// The first problem found, or nil when the log is intact.
    public var problem: IntegrityProblem?

    public var isIntact: Bool { problem == nil }
}

/// Where the log's integrity breaks, and how.
public struct IntegrityProblem: Hashable, Sendable, CustomStringConvertible {
    /// The first seq that does not check out.
    public var seq: Int64
    /// What is wrong there.
    public var message: String

    public var description: String { "integrity broken at seq \(seq): \(message)" }
}

extension EventStore {
    /// Recomputes the hash chain and names the first seq that does not match.
    ///
    /// Streams the log in seq order. Checks that seqs run 1, 2, 3… without
    /// gaps, that each `prevHash` is the previous row's hash, that each hash
    /// matches the row's stored bytes, and that `recordedAt` never decreases.
    /// With `deep`, also decodes every payload and checks it is a valid event
    /// agreeing with its columns. With `knownHead`, checks that an earlier
    /// head (a hash a user kept) is still in the chain at its place, proving
    /// the log only grew since.
    public func verify(deep: Bool = false, knownHead: String? = nil) throws -> VerifyReport {
        try writer.read { db in
            var previous = LogHead(seq: 0, hash: ChainHash.genesis)
            var lastRecorded = ""
            var foundKnownHead = knownHead == nil || knownHead == ChainHash.genesis
            let cursor = try StoredEvent.fetchCursor(db, sql: "SELECT \(StoredEvent.columns) FROM event ORDER BY seq")
            func fail(_ seq: Int64, _ message: String) -> VerifyReport {
                VerifyReport(count: previous.seq, head: previous, problem: IntegrityProblem(seq: seq, message: message))
            }
            var stray: Int64?
            while let row = try cursor.next() {
                // A row below seq 1 has no place in the log (only a raw edit can put it there):
                // it does not hide the seq it was moved from, which is reported as missing.
                if row.seq < 1 { stray = stray ?? row.seq; continue }
                let expectedSeq = previous.seq + 1
                guard row.seq == expectedSeq else {
                    return fail(expectedSeq, "seq \(expectedSeq) is missing (the next stored seq is \(row.seq))")
                }
                guard row.prevHash == previous.hash else {
                    return fail(row.seq, "prevHash does not match the hash of seq \(previous.seq)")
                }
                guard ChainHash.hash(prevHash: row.prevHash, row: row) == row.hash else {
                    return fail(row.seq, "the stored row does not match its hash (it was changed after it was written)")
                }
                guard row.recordedAt >= lastRecorded else {
                    return fail(row.seq, "recordedAt \(row.recordedAt) is earlier than the event before it")
                }
                if deep, let message = Self.deepProblem(row) { return fail(row.seq, message) }
                if row.hash == knownHead?.lowercased() { foundKnownHead = true }
                lastRecorded = row.recordedAt
                previous = LogHead(seq: row.seq, hash: row.hash)
            }
            if let stray {
                return fail(stray, "a row is stored at seq \(stray), outside the log (seqs start at 1)")
            }
            guard foundKnownHead else {
                return fail(previous.seq + 1, "the earlier head \(knownHead ?? "") is not in the chain: the log was rewritten or truncated since that head was taken")
            }
            return VerifyReport(count: previous.seq, head: previous, problem: nil)
        }
    }

    private static func deepProblem(_ row: StoredEvent) -> String? {
        let event: Event
        do { event = try row.decoded() } catch { return "the payload is not a valid event: \(error.message)" }
        if event.canonicalText != row.payload { return "the payload is not in canonical form" }
        if event.id != row.id || event.type.rawValue != row.type || event.date.text != row.date
            || event.announced?.text != row.announced || event.status.rawValue != row.status {
            return "the columns disagree with the payload"
        }
        return nil
    }
}
