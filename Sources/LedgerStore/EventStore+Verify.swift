import Crypto
import Foundation
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
        if !deep, let report = try writer.read({ db in try Self.fastVerify(db, knownHead: knownHead) }) { return report }
        return try writer.read { db in
            var previous = LogHead(seq: 0, hash: ChainHash.genesis)
            var lastRecorded = ""
            var foundKnownHead = knownHead == nil || knownHead == ChainHash.genesis
            let cursor = try StoredEvent.fetchCursor(db, sql: "SELECT \(StoredEvent.columns) FROM event ORDER BY seq")
            func fail(_ seq: Int64, _ message: String) -> VerifyReport {
                VerifyReport(count: previous.seq, head: previous, problem: IntegrityProblem(seq: seq, message: message))
            }
            while let row = try cursor.next() {
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

extension EventStore {
    /// The chain check of ``verify(deep:knownHead:)`` straight from SQLite's row buffers.
    ///
    /// Hashes the stored column bytes exactly as ``ChainHash`` does (it hashes
    /// those same texts), without making strings; returns nil at the first
    /// problem so the general path finds it again and words it.
    static func fastVerify(_ db: Database, knownHead: String?) throws -> VerifyReport? {
        let statement = try db.makeStatement(sql: "SELECT \(StoredEvent.columns) FROM event ORDER BY seq")
        var previousSeq: Int64 = 0
        var previousHash = Array(ChainHash.genesis.utf8)
        var lastRecorded: [UInt8] = []
        let known = knownHead.map { Array($0.lowercased().utf8) }
        var foundKnownHead = known == nil || knownHead == ChainHash.genesis
        var buffer: [UInt8] = []
        buffer.reserveCapacity(2048)
        var digits: [UInt8] = []
        var hex = [UInt8](repeating: 0, count: 64)
        let hexDigits = Array("0123456789abcdef".utf8)
        var intact = true
        try statement.forEachRawRow { row in
            guard intact else { return }
            let seq = row.int64(0)
            let prevHash = row.text(8), hash = row.text(9), recordedAt = row.text(6)
            guard seq == previousSeq + 1, Self.same(prevHash, previousHash), !Self.precedes(recordedAt, lastRecorded) else {
                intact = false
                return
            }
            buffer.removeAll(keepingCapacity: true)
            buffer.append(contentsOf: prevHash)
            digits.removeAll(keepingCapacity: true)
            var value = seq
            repeat { digits.append(UInt8(ascii: "0") + UInt8(value % 10)); value /= 10 } while value > 0
            buffer.append(0x0A)
            buffer.append(contentsOf: digits.reversed())
            for column in Int32(1)...7 {
                buffer.append(0x0A)
                buffer.append(contentsOf: row.text(column))
            }
            let digest = SHA256.hash(data: buffer)
            var index = 0
            for byte in digest {
                hex[index] = hexDigits[Int(byte >> 4)]
                hex[index + 1] = hexDigits[Int(byte & 0x0F)]
                index += 2
            }
            guard Self.same(hash, hex) else { intact = false; return }
            if let known, !foundKnownHead, Self.same(hash, known) { foundKnownHead = true }
            previousSeq = seq
            previousHash.removeAll(keepingCapacity: true)
            previousHash.append(contentsOf: hash)
            lastRecorded.removeAll(keepingCapacity: true)
            lastRecorded.append(contentsOf: recordedAt)
        }
        guard intact, foundKnownHead else { return nil }
        _ = digits
        return VerifyReport(count: previousSeq, head: LogHead(seq: previousSeq, hash: String(decoding: previousHash, as: UTF8.self)), problem: nil)
    }
}

extension EventStore {
    /// Whether a column's bytes equal `bytes`.
    fileprivate static func same(_ column: UnsafeBufferPointer<UInt8>, _ bytes: [UInt8]) -> Bool {
        guard column.count == bytes.count else { return false }
        guard let base = column.baseAddress, !bytes.isEmpty else { return bytes.isEmpty }
        return bytes.withUnsafeBufferPointer { memcmp(base, $0.baseAddress!, bytes.count) == 0 }
    }

    /// Whether a column's bytes sort before `bytes` (byte order, as for the fixed-width UTC timestamps).
    fileprivate static func precedes(_ column: UnsafeBufferPointer<UInt8>, _ bytes: [UInt8]) -> Bool {
        let common = min(column.count, bytes.count)
        if common > 0, let base = column.baseAddress {
            let order = bytes.withUnsafeBufferPointer { memcmp(base, $0.baseAddress!, common) }
            if order != 0 { return order < 0 }
        }
        return column.count < bytes.count
    }
}
