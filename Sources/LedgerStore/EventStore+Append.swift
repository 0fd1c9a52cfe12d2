import Foundation
internal import GRDB
import LedgerCore

/// The outcome of an append or import: what was stored and what was already there.
public struct AppendResult: Hashable, Sendable {
    /// The events stored by this batch, in log order.
    public var appended: [AppendedEvent]
    /// Ids skipped by an import because the same event was already stored.
    public var skipped: [String]
    /// The head of the log after the batch.
    public var head: LogHead
}

/// One stored event's position and id.
public struct AppendedEvent: Hashable, Sendable {
    /// Where it was stored.
    public var seq: Int64
    /// Its id.
    public var id: String
}

extension EventStore {
    /// Appends `events` as one atomic batch: all are stored, or none.
    ///
    /// Each event's references are checked against the log and the earlier
    /// events of the batch; an id already in the log is an error. With
    /// `expecting`, the batch is refused when the log's head moved since the
    /// caller read it.
    public func append(_ events: [SourcedEvent], expecting: ExpectedHead? = nil) throws -> AppendResult {
        try append(skipIdentical: false, expecting: expecting, naming: Self.namedIDs(events)) { sink in
            var buffer: [UInt8] = []
            for event in events { try sink(PreparedEvent(event, buffer: &buffer)) }
        }
    }

    /// Appends the events that are not stored yet, as one atomic batch.
    ///
    /// Idempotent: an event whose id is already stored with the same content
    /// is skipped; the same id with other content is an error and nothing is
    /// appended.
    public func importEvents(_ events: [SourcedEvent], expecting: ExpectedHead? = nil,
                             progress: ((Int) -> Void)? = nil) throws -> AppendResult {
        try append(skipIdentical: true, expecting: expecting, progress: progress, naming: Self.namedIDs(events)) { sink in
            var buffer: [UInt8] = []
            for event in events { try sink(PreparedEvent(event, buffer: &buffer)) }
        }
    }

    /// Imports the events `produce` hands to its sink, one at a time, as one atomic, idempotent batch.
    ///
    /// The streaming form of ``importEvents(_:expecting:progress:)``: the
    /// producer (e.g. ``EventFiles/forEachEvent(in:progress:_:)``) decodes
    /// the events on a second thread while this one stores them, a bounded
    /// queue between the two, so the batch never sits in memory. Any error,
    /// from the producer or the store, rolls the whole batch back.
    public func importEvents(expecting: ExpectedHead? = nil, progress: ((Int) -> Void)? = nil,
                             streaming produce: ((SourcedEvent) throws -> Void) throws -> Void) throws -> AppendResult {
        try append(skipIdentical: true, expecting: expecting, progress: progress) { sink in
            try ImportPipeline.run(produce, into: sink)
        }
    }

    /// Every party, company or partnership id the events name: all a small batch needs from the registry.
    private static func namedIDs(_ events: [SourcedEvent]) -> Set<String>? {
        guard events.count <= 1_000 else { return nil }
        return Set(events.flatMap { $0.event.namedIDs })
    }

    private func append(skipIdentical: Bool, expecting: ExpectedHead?, progress: ((Int) -> Void)? = nil, naming: Set<String>? = nil,
                       _ produce: ((PreparedEvent) throws -> Void) throws -> Void) throws -> AppendResult {
        let writer: any DatabaseWriter
        switch backend {
        case .postgres(let log):
            return try log.append(skipIdentical: skipIdentical, expecting: expecting, progress: progress, naming: naming, produce)
        case .sqlite(let sqlite): writer = sqlite
        }
        return try Self.translatingDatabaseErrors { try writer.writeWithoutTransaction { db in
            // A batch rewrites index pages again and again; a larger page cache keeps them out of the WAL until commit.
            try db.execute(sql: "PRAGMA cache_size = -\(Self.writeCacheKiB)")
            var result = AppendResult(appended: [], skipped: [], head: LogHead(seq: 0, hash: ChainHash.genesis))
            try db.inTransaction(.immediate) {
                var head = try Self.head(db)
                try Self.check(head, against: expecting)
                // A large batch into an empty ledger builds the covering replay index once, at the end (one sort),
                // instead of row by row: rows in random date order would land all over that index, whose pages
                // (payloads included) outgrow the page cache and are written to the WAL again and again. Re-created
                // from its own stored SQL, so the schema stays exactly what the migrations made; a failed batch
                // rolls the drop back with everything else. Dropped before any statement is prepared: a schema
                // change finalizes the connection's cached statements.
                let replayIndex = head.seq == 0 && naming == nil ? try Self.replayIndexSQL(db) : nil
                if replayIndex != nil { try db.execute(sql: "DROP INDEX event_replay") }
                let lastRecorded = try String.fetchOne(db, sql: "SELECT recordedAt FROM event ORDER BY seq DESC LIMIT 1")
                let recordedAt = max(Timestamp.now().text, lastRecorded ?? "")

                // The registry entries the checks can ask about: those the batch names (a small batch), or all.
                var registry = (parties: Set<String>(), partnerships: Set<String>())
                let entries: [Row]
                if let naming {
                    let lookup = try db.cachedStatement(sql: "SELECT id, kind FROM registry WHERE id = ?")
                    entries = try naming.sorted().compactMap { try Row.fetchOne(lookup, arguments: [$0]) }
                } else {
                    entries = try Row.fetchAll(db, sql: "SELECT id, kind FROM registry")
                }
                for row in entries {
                    let id: String = row[0] ?? ""
                    if row[1] as String? == "party" { registry.parties.insert(id) } else { registry.partnerships.insert(id) }
                }
                let typeByID = try db.cachedStatement(sql: "SELECT type FROM event WHERE id = ?")
                let storedByID = try db.cachedStatement(sql: "SELECT type, payload FROM event WHERE id = ?")
                let registeredByID = try db.cachedStatement(sql: "SELECT registry.id FROM registry JOIN event ON event.seq = registry.seq WHERE event.id = ?")
                var checker = ReferenceChecker(parties: registry.parties, partnerships: registry.partnerships, eventType: { id in
                    try String.fetchOne(typeByID, arguments: [id]).flatMap(EventType.init(rawValue:))
                }, registeredID: { id in
                    try String.fetchOne(registeredByID, arguments: [id])
                }, registry: { kind in
                    try String.fetchAll(db, sql: "SELECT id FROM registry WHERE kind = ?", arguments: [kind.rawValue])
                })
                var writes = try LogWrites(db)
                let insertEvent = RawWrite(writes.event, db)
                let insertParty = RawWrite(writes.party, db)
                // Existence checks: a ledger empty when the batch began holds only this batch's ids, so an id
                // whose hash the batch has not seen is new without asking SQLite. Otherwise, one lookup per event.
                let startedEmpty = head.seq == 0
                var batchIDHashes = Set<Int>()
                var offset = 0
                var partyIndex = PartyIndexBatch()
                var hashInput: [UInt8] = []

                try produce { prepared in
                    offset += 1
                    if offset % 1000 == 0 { progress?(offset) }
                    let item = prepared.item, event = item.event
                    let mayExist = !startedEmpty || !batchIDHashes.insert(prepared.idHash).inserted
                    let stored: String? = mayExist ? try Row.fetchOne(storedByID, arguments: [event.id]).map { $0[1] } : nil
                    guard try prepared.admit(storedPayload: stored, skipIdentical: skipIdentical, checker: &checker,
                                             skipped: &result.skipped) else { return }

                    let seq = head.seq + 1
                    let hash = prepared.chainHash(prevHash: head.hash, seq: seq, recordedAt: recordedAt, input: &hashInput)
                    try prepared.withColumns { id, type, date, announced, status, payload in
                        insertEvent.bind(1, seq); insertEvent.bindStatic(2, id); insertEvent.bindStatic(3, type); insertEvent.bindStatic(4, date)
                        if let announced { insertEvent.bindStatic(5, announced) } else { insertEvent.bind(5, nil as String?) }
                        insertEvent.bindStatic(6, status); insertEvent.bind(7, recordedAt)
                        insertEvent.bindStatic(8, payload); insertEvent.bind(9, head.hash); insertEvent.bind(10, hash)
                        try insertEvent.step()
                    }
                    partyIndex.add(prepared.namedIDs, seq: seq)
                    try writes.recordDerivedRows(of: event, seq: seq, naming: prepared.namedIDs, db)
                    head = LogHead(seq: seq, hash: hash)
                    result.appended.append(AppendedEvent(seq: seq, id: event.id))
                }
                try checker.finish()
                try partyIndex.write(insertParty)
                if let replayIndex { try db.execute(sql: replayIndex) }
                result.head = head
                return .commit
            }
            return result
        } }
    }

    /// The page cache of a writing connection, in KiB.
    static let writeCacheKiB = 16 * 1024

    /// Records amendment `seq` under every id its target event names and every id it names itself
    /// (a replacement's), so the replay of one subject finds every amendment that can change it.
    static func indexAmendment(seq: Int64, target: String, naming: [String], _ db: Database) throws {
        let targetRow = try db.cachedStatement(sql: "SELECT seq, payload FROM event WHERE id = ?")
        targetRow.arguments = [target]
        var named = naming
        try targetRow.forEachRawRow { row in named += try decodeStored(seq: row.int64(0), payload: row.bytes(1)).namedIDs }
        let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO amendment_party (party, seq) VALUES (?, ?)")
        for party in named { try insert.execute(arguments: [party, seq]) }
    }

    /// The `CREATE INDEX` statement of the covering replay index as the migrations stored it; nil when it is missing.
    static func replayIndexSQL(_ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'event_replay' AND tbl_name = 'event'")
    }

    static func head(_ db: Database) throws -> LogHead {
        if let row = try Row.fetchOne(db, sql: "SELECT seq, hash FROM event ORDER BY seq DESC LIMIT 1") {
            return LogHead(seq: row[0] ?? 0, hash: row[1] ?? "")
        }
        return LogHead(seq: 0, hash: ChainHash.genesis)
    }

    static func check(_ head: LogHead, against expected: ExpectedHead?) throws {
        switch expected {
        case nil: return
        case .seq(let seq) where seq != head.seq:
            throw LedgerError("the log moved: expected the last event to be seq \(seq) but it is seq \(head.seq); nothing was appended (read the log again and retry)")
        case .hash(let hash) where hash.lowercased() != head.hash:
            throw LedgerError("the log moved: expected head hash \(hash.prefix(12))… but the head is seq \(head.seq) with hash \(head.hash.prefix(12))…; nothing was appended (read the log again and retry)")
        default: return
        }
    }
}

/// The batch's rows of the party index, kept compactly and inserted in key order at the end of the batch.
///
/// Inserting (party, seq) rows as events arrive touches a different place of
/// the index for almost every row; sorted, they go in as runs of appends.
/// Nothing in the batch reads the party index before the batch ends.
struct PartyIndexBatch {
    private var names: [String] = []
    private var numbers: [String: UInt64] = [:]
    /// party number << 40 | seq: 8 bytes a row.
    private var rows: [UInt64] = []

    mutating func add(_ parties: [String], seq: Int64) {
        for party in parties {
            let number: UInt64
            if let known = numbers[party] {
                number = known
            } else {
                number = UInt64(names.count)
                names.append(party)
                numbers[party] = number
            }
            rows.append(number << 40 | UInt64(seq))
        }
    }

    /// Inserts the rows sorted by (party, seq) with `insert` (`INSERT OR IGNORE INTO event_party (party, seq)`).
    mutating func write(_ insert: RawWrite) throws {
        // Rank parties by their text so the rows go in in the index's own order.
        let order = names.indices.sorted { names[$0].utf8.lexicographicallyPrecedes(names[$1].utf8) }
        var rank = [UInt64](repeating: 0, count: names.count)
        for (position, index) in order.enumerated() { rank[index] = UInt64(position) }
        let seqMask: UInt64 = (1 << 40) - 1
        for index in rows.indices { rows[index] = rank[Int(rows[index] >> 40)] << 40 | rows[index] & seqMask }
        rows.sort()
        for row in rows {
            insert.bind(1, names[order[Int(row >> 40)]])
            insert.bind(2, Int64(row & seqMask))
            try insert.step()
        }
        rows = []
    }
}

/// An event ready to store: its column texts and canonical payload laid out in one buffer, on the producer's thread.
///
/// The store binds the columns straight from the buffer and hashes it in
/// pieces, so the inner loop copies nothing the producer could have prepared.
struct PreparedEvent: Sendable {
    var item: SourcedEvent
    /// `id \n type \n date \n announced \n status`, then the payload: the bytes ``ChainHash`` covers besides seq and recorded time.
    private var bytes: [UInt8]
    private var ends: (id: Int, type: Int, date: Int, announced: Int, status: Int)
    private let hasAnnounced: Bool
    /// The ids the event names (party index).
    let namedIDs: [String]
    /// The id's hash, for the batch's existence check.
    let idHash: Int

    init(_ item: SourcedEvent, buffer: inout [UInt8]) {
        let event = item.event
        self.item = item
        var bytes: [UInt8] = []
        bytes.reserveCapacity(512)
        bytes.append(contentsOf: event.id.utf8); let id = bytes.count; bytes.append(0x0A)
        bytes.append(contentsOf: event.type.rawValue.utf8); let type = bytes.count; bytes.append(0x0A)
        bytes.append(contentsOf: event.date.text.utf8); let date = bytes.count; bytes.append(0x0A)
        bytes.append(contentsOf: (event.announced?.text ?? "").utf8); let announced = bytes.count; bytes.append(0x0A)
        bytes.append(contentsOf: event.status.rawValue.utf8); let status = bytes.count
        event.writeCanonical(into: &bytes)
        self.bytes = bytes
        ends = (id, type, date, announced, status)
        hasAnnounced = event.announced != nil
        namedIDs = event.namedIDs
        idHash = event.id.hashValue
        _ = buffer
    }

    /// The canonical payload text.
    var payload: String { String(decoding: bytes[ends.status...], as: UTF8.self) }

    /// The chain hash of this event stored at `seq` after `prevHash` (laid out by ``ChainHash`` in `input`, reused between events).
    func chainHash(prevHash: String, seq: Int64, recordedAt: String, input: inout [UInt8]) -> String {
        input.removeAll(keepingCapacity: true)
        ChainHash.layOut(prevHash: prevHash.utf8, seq: seq, id: bytes[0..<ends.id], type: bytes[(ends.id + 1)..<ends.type],
                         date: bytes[(ends.type + 1)..<ends.date], announced: bytes[(ends.date + 1)..<ends.announced],
                         status: bytes[(ends.announced + 1)..<ends.status], recordedAt: recordedAt.utf8,
                         payload: bytes[ends.status...], into: &input)
        return ChainHash.hex(of: input)
    }

    /// Calls `body` with the column bytes (id, type, date, announced or nil, status, payload), valid during the call.
    func withColumns(_ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>,
                              UnsafeBufferPointer<UInt8>?, UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        try bytes.withUnsafeBufferPointer { all in
            func slice(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: all[range]) }
            try body(slice(0..<ends.id), slice((ends.id + 1)..<ends.type), slice((ends.type + 1)..<ends.date),
                     hasAnnounced ? slice((ends.date + 1)..<ends.announced) : nil, slice((ends.announced + 1)..<ends.status),
                     slice(ends.status..<all.count))
        }
    }
}

/// Decoding and encoding on one thread, storing on the calling one: an import uses both cores.
///
/// The producer runs on a ``Pipeline`` worker and hands over prepared events
/// in small batches (so memory stays flat); events reach the store in the
/// producer's order. Whichever side fails first stops the other, and the
/// error the caller sees is the first one in event order: a producer error
/// surfaces once the events before it are stored.
enum ImportPipeline {
    static let batchSize = 256
    static let queuedBatches = 16

    static func run(_ produce: ((SourcedEvent) throws -> Void) throws -> Void, into consume: (PreparedEvent) throws -> Void) throws {
        try Pipeline.run(capacity: queuedBatches, producingOnWorker: { (sender: Pipeline.Sender<[PreparedEvent]>) in
            var buffer: [UInt8] = []
            buffer.reserveCapacity(1024)
            var batch: [PreparedEvent] = []
            batch.reserveCapacity(batchSize)
            do {
                try produce { item in
                    batch.append(PreparedEvent(item, buffer: &buffer))
                    if batch.count == batchSize {
                        try sender.send(batch)
                        batch.removeAll(keepingCapacity: true)
                    }
                }
            } catch let error where !(error is Pipeline.Stopped) {
                // The events before the failure are stored first, so an earlier error in event order wins.
                if !batch.isEmpty { try sender.send(batch) }
                throw error
            }
            if !batch.isEmpty { try sender.send(batch) }
        }, consume: { batch in
            for prepared in batch { try consume(prepared) }
        })
    }
}
