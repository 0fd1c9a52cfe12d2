import Foundation
internal import GRDB
import LedgerCore

/// What a copy did.
public struct CopyResult: Hashable, Sendable {
    /// Events the target held before (a prefix of the source: an earlier, interrupted copy).
    public var alreadyThere: Int64
    /// Events copied by this run.
    public var copied: Int64
    /// The target's head afterwards: the source's head.
    public var head: LogHead
}

extension EventStore {
    /// Events written per transaction by ``copy(to:progress:)``: an interrupted copy keeps every whole chunk.
    public static let copyChunk = 2_000

    /// Copies this log into `target` (any two stores, SQLite or PostgreSQL), row for row: the same seq,
    /// recorded time and hashes, so `verify` on the copy reports the same head.
    ///
    /// The target must be empty or hold a prefix of this log (the event at its head seq has the same
    /// hash here): then only the rest is copied, so a copy that was interrupted resumes where it
    /// stopped. Anything else is refused with nothing written. The source's chain is checked as it is
    /// read; the target's triggers check each row continues its chain. Rows go in chunks of
    /// ``copyChunk`` events, one transaction each.
    ///
    /// ```swift
    /// let result = try EventStore.openReadOnly(path: "ledger.sqlite").copy(to: EventStore.open(path: "postgres://db/ledger"))
    /// ```
    public func copy(to target: EventStore, progress: ((Int64) -> Void)? = nil) throws -> CopyResult {
        let start = try target.head()
        if start.seq > 0 {
            guard let mine = try event(seq: start.seq), mine.hash == start.hash else {
                throw LedgerError("the target ledger holds \(start.seq) events that are not the start of the source's log (head hash \(start.hash.prefix(12))…); nothing was copied (copy into an empty ledger)")
            }
        }
        var check = ChainVerification(deep: false, knownHead: nil)
        var chunk: [StoredEvent] = []
        chunk.reserveCapacity(Self.copyChunk)
        var copied: Int64 = 0
        func flush() throws {
            guard !chunk.isEmpty else { return }
            try target.appendStored(chunk)
            copied += Int64(chunk.count)
            progress?(copied)
            chunk.removeAll(keepingCapacity: true)
        }
        try forEachEvent { row in
            if let failed = check.feed(row), let problem = failed.problem {
                throw LedgerError("the source ledger's chain is broken (\(problem)); nothing after seq \(failed.head.seq) was copied (run `partnership-ledger verify` on it)")
            }
            guard row.seq > start.seq else { return }
            chunk.append(row)
            if chunk.count == Self.copyChunk { try flush() }
        }
        try flush()
        let report = check.finish()
        if let problem = report.problem {
            throw LedgerError("the source ledger's chain is broken (\(problem)); run `partnership-ledger verify` on it")
        }
        return CopyResult(alreadyThere: start.seq, copied: copied, head: try target.head())
    }

    /// Throws unless `rows` start right after `head` (another writer may have moved the target since the copy read it).
    static func checkContinues(_ head: LogHead, with rows: [StoredEvent]) throws {
        guard let first = rows.first, first.seq != head.seq + 1 || first.prevHash != head.hash else { return }
        throw LedgerError("the target ledger changed during the copy (its head is now seq \(head.seq)); nothing more was copied (run the copy again to resume)")
    }

    /// The stored event at `seq`, if any.
    func event(seq: Int64) throws -> StoredEvent? {
        var found: StoredEvent?
        try forEachEvent(LogFilter(maxSeq: seq)) { row in if row.seq == seq { found = row } }
        return found
    }

    /// Appends rows exactly as another store holds them, as one transaction; the indexes are rebuilt from the payloads.
    func appendStored(_ rows: [StoredEvent]) throws {
        let writer: any DatabaseWriter
        switch backend {
        case .postgres(let log): return try log.appendStored(rows)
        case .sqlite(let sqlite): writer = sqlite
        }
        try Self.translatingDatabaseErrors { try writer.write { db in
            var writes = try LogWrites(db)
            try Self.checkContinues(try Self.head(db), with: rows)
            for row in rows {
                let event = try row.decoded()
                try writes.event.execute(arguments: [row.seq, row.id, row.type, row.date, row.announced, row.status, row.recordedAt,
                                                     row.payload, row.prevHash, row.hash])
                for party in Set(event.namedIDs).sorted() { try writes.party.execute(arguments: [party, row.seq]) }
                try writes.recordDerivedRows(of: event, seq: row.seq, naming: event.namedIDs, db)
            }
        } }
    }
}
