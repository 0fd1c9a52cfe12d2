internal import GRDB
internal import PostgresNIO
import LedgerCore

/// Which events `log` and `export` list.
public struct LogFilter: Hashable, Sendable {
    /// Only these types (all when empty).
    public var types: [EventType] = []
    /// Only events that name this party, company or partnership.
    public var party: String?
    /// Only events dated on or after this date.
    public var from: LedgerDate?
    /// Only events dated on or before this date.
    public var to: LedgerDate?
    /// Only events at or before this seq (the known-at bound).
    public var maxSeq: Int64?

    public init(types: [EventType] = [], party: String? = nil, from: LedgerDate? = nil, to: LedgerDate? = nil, maxSeq: Int64? = nil) {
        self.types = types; self.party = party; self.from = from; self.to = to; self.maxSeq = maxSeq
    }
}

extension EventStore {
    /// The head of the log: its last seq and hash.
    public func head() throws -> LogHead {
        if case .postgres(let log) = backend { return try log.reading { try $0.head() } }
        return try read { db in try Self.head(db) }
    }

    /// How many events the log holds.
    public func count() throws -> Int {
        if case .postgres(let log) = backend { return Int(try log.reading { try $0.value("SELECT count(*) FROM event", as: Int64.self) } ?? 0) }
        return try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM event") ?? 0 }
    }

    /// Streams the events that pass `filter`, in log (seq) order, without loading them all.
    public func forEachEvent(_ filter: LogFilter = LogFilter(), _ body: (StoredEvent) throws -> Void) throws {
        if case .postgres(let log) = backend {
            // Pages of the log in one read transaction, so memory stays flat and the view is consistent.
            return try log.reading { session in
                var after: Int64 = 0
                while true {
                    let page = try session.storedEvents(filter, after: after, limit: PostgresLog.pageSize)
                    for row in page { try body(row) }
                    guard page.count == PostgresLog.pageSize, let last = page.last else { return }
                    after = last.seq
                }
            }
        }
        var clauses: [String] = []
        var arguments: StatementArguments = []
        if !filter.types.isEmpty {
            clauses.append("type IN (\(filter.types.map { _ in "?" }.joined(separator: ",")))")
            for type in filter.types { _ = arguments.append(contentsOf: [type.rawValue]) }
        }
        if let party = filter.party {
            clauses.append("seq IN (SELECT seq FROM event_party WHERE party = ?)")
            _ = arguments.append(contentsOf: [party])
        }
        if let from = filter.from { clauses.append("date >= ?"); _ = arguments.append(contentsOf: [from.text]) }
        if let to = filter.to { clauses.append("date <= ?"); _ = arguments.append(contentsOf: [to.text]) }
        if let maxSeq = filter.maxSeq { clauses.append("seq <= ?"); _ = arguments.append(contentsOf: [maxSeq]) }
        let whereClause = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        try read { db in
            let cursor = try Row.fetchCursor(db, sql: "SELECT \(StoredEvent.columns) FROM event \(whereClause) ORDER BY seq", arguments: arguments).map(StoredEvent.init(row:))
            while let row = try cursor.next() { try body(row) }
        }
    }

    /// The stored event with this id, if any.
    public func event(id: String) throws -> StoredEvent? {
        if case .postgres(let log) = backend {
            return try log.reading { session in
                guard let seq = try session.seq(ofEvent: id) else { return nil }
                return try session.storedEvents(LogFilter(), after: seq - 1, limit: 1).first
            }
        }
        return try read { db in
            try Row.fetchOne(db, sql: "SELECT \(StoredEvent.columns) FROM event WHERE id = ?", arguments: [id]).map(StoredEvent.init(row:))
        }
    }

    /// Whether a party or partnership id is registered, and as which.
    public func registeredKind(of id: String) throws -> String? {
        if case .postgres(let log) = backend {
            return try log.reading { try $0.value("SELECT kind FROM registry WHERE id = \(id)", as: String.self) }
        }
        return try read { db in try String.fetchOne(db, sql: "SELECT kind FROM registry WHERE id = ?", arguments: [id]) }
    }

    /// The stored event that registered party or partnership `id`, if one did.
    public func registrationEvent(of id: String) throws -> StoredEvent? {
        if case .postgres(let log) = backend {
            return try log.reading { session in
                guard let seq = try session.value("SELECT seq FROM registry WHERE id = \(id)", as: Int64.self) else { return nil }
                return try session.storedEvents(LogFilter(), after: seq - 1, limit: 1).first
            }
        }
        return try read { db in
            try Row.fetchOne(db, sql: "SELECT \(StoredEvent.columns) FROM event WHERE seq = (SELECT seq FROM registry WHERE id = ?)",
                             arguments: [id]).map(StoredEvent.init(row:))
        }
    }

    /// When the first event of the log was recorded (nil for an empty ledger).
    public func firstRecordedAt() throws -> String? {
        if case .postgres(let log) = backend {
            return try log.reading { try $0.value("SELECT recordedAt FROM event ORDER BY seq LIMIT 1", as: String.self) }
        }
        return try read { db in try String.fetchOne(db, sql: "SELECT recordedAt FROM event ORDER BY seq LIMIT 1") }
    }

    /// The registered party and partnership ids, or those of one `kind` ("party" or "partnership"), sorted.
    public func registeredIDs(kind: String? = nil) throws -> [String] {
        if case .postgres(let log) = backend {
            return try log.reading { session in
                let rows = try kind.map { try session.rows("SELECT id FROM registry WHERE kind = \($0) ORDER BY id") }
                    ?? session.rows("SELECT id FROM registry ORDER BY id")
                return try rows.map { try session.decode($0, as: String.self) }
            }
        }
        return try read { db in
            if let kind { return try String.fetchAll(db, sql: "SELECT id FROM registry WHERE kind = ? ORDER BY id", arguments: [kind]) }
            return try String.fetchAll(db, sql: "SELECT id FROM registry ORDER BY id")
        }
    }

    /// The last seq recorded at or before `time` (0 when none was).
    public func lastSeq(recordedBy time: Timestamp) throws -> Int64 {
        if case .postgres(let log) = backend {
            return try log.reading { try $0.value("SELECT coalesce(max(seq), 0) FROM event WHERE recordedAt <= \(time.text)", as: Int64.self) } ?? 0
        }
        return try read { db in
            try Int64.fetchOne(db, sql: "SELECT max(seq) FROM event WHERE recordedAt <= ?", arguments: [time.text]) ?? 0
        }
    }
}
