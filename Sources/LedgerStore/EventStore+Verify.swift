import Foundation
internal import GRDB
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
        if case .postgres(let log) = backend {
            // The server hands rows over as text: the general path, a page at a time, in one read transaction.
            return try log.reading { session in
                var check = ChainVerification(deep: deep, knownHead: knownHead)
                var after: Int64 = 0
                while true {
                    let page = try session.storedEvents(LogFilter(), after: after, limit: PostgresLog.pageSize)
                    for row in page { if let failed = check.feed(row) { return failed } }
                    guard page.count == PostgresLog.pageSize, let last = page.last else { return check.finish() }
                    after = last.seq
                }
            }
        }
        if !deep, let report = try read({ db in try Self.fastVerify(db, knownHead: knownHead) }) { return report }
        return try read { db in
            var check = ChainVerification(deep: deep, knownHead: knownHead)
            let cursor = try Row.fetchCursor(db, sql: "SELECT \(StoredEvent.columns) FROM event ORDER BY seq").map(StoredEvent.init(row:))
            while let row = try cursor.next() {
                if let failed = check.feed(row) { return failed }
            }
            return check.finish()
        }
    }

    static func deepProblem(_ row: StoredEvent) -> String? {
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

/// The general chain check of ``EventStore/verify(deep:knownHead:)``: rows fed in seq order, whatever store they come from.
///
/// Checks that seqs run 1, 2, 3… without gaps, that each `prevHash` is the
/// previous row's hash, that each hash matches the row's stored bytes, that
/// `recordedAt` never decreases, and (deep) that each payload is a valid
/// event agreeing with its columns.
struct ChainVerification {
    let deep: Bool
    let knownHead: String?
    private var previous = LogHead(seq: 0, hash: ChainHash.genesis)
    private var lastRecorded = ""
    private var foundKnownHead: Bool
    private var stray: Int64?

    init(deep: Bool, knownHead: String?) {
        self.deep = deep
        self.knownHead = knownHead
        foundKnownHead = knownHead == nil || knownHead == ChainHash.genesis
    }

    private func fail(_ seq: Int64, _ message: String) -> VerifyReport {
        VerifyReport(count: previous.seq, head: previous, problem: IntegrityProblem(seq: seq, message: message))
    }

    /// Checks the next row; the failed report at the first problem.
    mutating func feed(_ row: StoredEvent) -> VerifyReport? {
        // A row below seq 1 has no place in the log (only a raw edit can put it there):
        // it does not hide the seq it was moved from, which is reported as missing.
        if row.seq < 1 { stray = stray ?? row.seq; return nil }
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
        if deep, let message = EventStore.deepProblem(row) { return fail(row.seq, message) }
        if row.hash == knownHead?.lowercased() { foundKnownHead = true }
        lastRecorded = row.recordedAt
        previous = LogHead(seq: row.seq, hash: row.hash)
        return nil
    }

    /// The report once every row was fed.
    func finish() -> VerifyReport {
        if let stray {
            return fail(stray, "a row is stored at seq \(stray), outside the log (seqs start at 1)")
        }
        guard foundKnownHead else {
            return fail(previous.seq + 1, "the earlier head \(knownHead ?? "") is not in the chain: the log was rewritten or truncated since that head was taken")
        }
        return VerifyReport(count: previous.seq, head: previous, problem: nil)
    }
}

extension EventStore {
    /// The chain check of ``verify(deep:knownHead:)`` straight from SQLite's row buffers, on two threads.
    ///
    /// This thread reads each row and lays out the bytes ``ChainHash`` hashes
    /// (the stored column texts, without making strings); a second thread
    /// hashes and checks them in order. Returns nil at the first problem, so
    /// the general path finds it again and words it.
    static func fastVerify(_ db: Database, knownHead: String?) throws -> VerifyReport? {
        let statement = try db.makeStatement(sql: "SELECT \(StoredEvent.columns) FROM event ORDER BY seq")
        let checker = ChainChecker(knownHead: knownHead)
        let consumer = Pipeline.Consumer<RowBatch>(capacity: 8, stackSize: 1 << 20) { batch in checker.check(batch) }
        var batch = RowBatch()
        do {
            try statement.forEachRawRow { row in
                // A row edited to hold NULLs, numbers or blobs where text belongs is left to the
                // general path, which names what is wrong instead of hashing garbage.
                guard row.isInteger(0), row.int64(0) > 0, row.isNull(4) || row.isText(4),
                      [Int32(1), 2, 3, 5, 6, 7, 8, 9].allSatisfy({ row.isText($0) })
                else { throw FastPathUnsuitable() }
                let seq = row.int64(0)
                let start = batch.inputs.count
                let prevHash = row.text(8)
                ChainHash.layOut(prevHash: prevHash, seq: seq, id: row.text(1), type: row.text(2), date: row.text(3),
                                 announced: row.text(4), status: row.text(5), recordedAt: row.text(6), payload: row.text(7),
                                 into: &batch.inputs)
                let recordedAt = row.text(6), hash = row.text(9)
                batch.rows.append(RowBatch.Row(seq: seq, input: start..<batch.inputs.count, prevHashCount: prevHash.count,
                                               recordedAt: batch.texts.count..<(batch.texts.count + recordedAt.count),
                                               hash: (batch.texts.count + recordedAt.count)..<(batch.texts.count + recordedAt.count + hash.count)))
                batch.texts.append(contentsOf: recordedAt)
                batch.texts.append(contentsOf: hash)
                if batch.rows.count == 512 {
                    try consumer.send(batch)
                    batch = RowBatch()
                }
            }
            if !batch.rows.isEmpty { try consumer.send(batch) }
        } catch is Pipeline.Stopped {
            // The checker found a problem; the general path will name it.
        } catch is FastPathUnsuitable {
            consumer.finish()
            return nil
        } catch {
            consumer.finish()
            throw error
        }
        consumer.finish()
        return checker.report
    }
}

/// A row the fast verify path does not handle (wrong column types); the general path does.
private struct FastPathUnsuitable: Error {}

/// Rows read for checking: the bytes each row's hash covers, and its recorded time and stored hash.
private struct RowBatch: Sendable {
    struct Row: Sendable {
        var seq: Int64
        var input: Range<Int>
        var prevHashCount: Int
        var recordedAt: Range<Int>
        var hash: Range<Int>
    }
    var rows: [Row] = []
    var inputs: [UInt8] = []
    var texts: [UInt8] = []

    init() {
        rows.reserveCapacity(512)
        inputs.reserveCapacity(512 * 512)
        texts.reserveCapacity(512 * 96)
    }
}

/// Checks row batches in seq order: continuity, links, recorded times and hashes.
///
/// Unchecked: only the pipeline's worker touches it until ``Pipeline/Consumer/finish()`` returned.
private final class ChainChecker: @unchecked Sendable {
    private var previousSeq: Int64 = 0
    private var previousHash = Array(ChainHash.genesis.utf8)
    private var lastRecorded: [UInt8] = []
    private let known: [UInt8]?
    private var foundKnownHead: Bool
    private var intact = true
    private var hex = [UInt8](repeating: 0, count: 64)

    init(knownHead: String?) {
        known = knownHead.map { Array($0.lowercased().utf8) }
        foundKnownHead = knownHead == nil || knownHead == ChainHash.genesis
    }

    /// The report when every row checked out; nil otherwise.
    var report: VerifyReport? {
        guard intact, foundKnownHead else { return nil }
        return VerifyReport(count: previousSeq, head: LogHead(seq: previousSeq, hash: String(decoding: previousHash, as: UTF8.self)), problem: nil)
    }

    /// Checks a batch; false at the first problem.
    func check(_ batch: RowBatch) -> Bool {
        guard intact else { return false }
        return batch.inputs.withUnsafeBufferPointer { inputs in
            batch.texts.withUnsafeBufferPointer { texts in
                for row in batch.rows {
                    let prevHash = UnsafeBufferPointer(rebasing: inputs[row.input.lowerBound..<(row.input.lowerBound + row.prevHashCount)])
                    let recordedAt = UnsafeBufferPointer(rebasing: texts[row.recordedAt])
                    let hash = UnsafeBufferPointer(rebasing: texts[row.hash])
                    guard row.seq == previousSeq + 1, EventStore.same(prevHash, previousHash),
                          !EventStore.precedes(recordedAt, lastRecorded) else { intact = false; return false }
                    ChainHash.hex(of: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: inputs[row.input])), into: &hex)
                    guard EventStore.same(hash, hex) else { intact = false; return false }
                    if let known, !foundKnownHead, EventStore.same(hash, known) { foundKnownHead = true }
                    previousSeq = row.seq
                    previousHash.removeAll(keepingCapacity: true)
                    previousHash.append(contentsOf: hash)
                    lastRecorded.removeAll(keepingCapacity: true)
                    lastRecorded.append(contentsOf: recordedAt)
                }
                return true
            }
        }
    }
}

extension EventStore {
    /// Whether a column's bytes equal `bytes`.
    static func same(_ column: UnsafeBufferPointer<UInt8>, _ bytes: [UInt8]) -> Bool {
        guard column.count == bytes.count else { return false }
        guard let base = column.baseAddress, !bytes.isEmpty else { return bytes.isEmpty }
        return bytes.withUnsafeBufferPointer { memcmp(base, $0.baseAddress!, bytes.count) == 0 }
    }

    /// Whether a column's bytes sort before `bytes` (byte order, as for the fixed-width UTC timestamps).
    static func precedes(_ column: UnsafeBufferPointer<UInt8>, _ bytes: [UInt8]) -> Bool {
        let common = min(column.count, bytes.count)
        if common > 0, let base = column.baseAddress {
            let order = bytes.withUnsafeBufferPointer { memcmp(base, $0.baseAddress!, common) }
            if order != 0 { return order < 0 }
        }
        return column.count < bytes.count
    }
}
