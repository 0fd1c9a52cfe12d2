internal import GRDB
import LedgerCore

/// One row of the event log, exactly as stored.
///
/// `payload` is the canonical JSON of the whole event; the other columns
/// repeat what the indexes and the hash need. ``decoded()`` turns the row
/// back into an ``Event``.
public struct StoredEvent: Hashable, Sendable {
    /// Position in the log (1, 2, 3…).
    public var seq: Int64
    /// The event's id.
    public var id: String
    /// The event type's name, as stored.
    public var type: String
    /// The effective date, `YYYY-MM-DD`.
    public var date: String
    /// The announced date, when there is one.
    public var announced: String?
    /// `confirmed`, `reported` or `estimate`.
    public var status: String
    /// When the store appended the row (UTC, fixed width).
    public var recordedAt: String
    /// The canonical JSON of the whole event.
    public var payload: String
    /// The previous row's chain hash (the genesis hash for seq 1).
    public var prevHash: String
    /// This row's chain hash (see ``ChainHash``).
    public var hash: String

    /// A row from its column values (tests and tools that build rows by hand).
    public init(seq: Int64, id: String, type: String, date: String, announced: String?, status: String,
                recordedAt: String, payload: String, prevHash: String, hash: String) {
        self.seq = seq; self.id = id; self.type = type; self.date = date; self.announced = announced
        self.status = status; self.recordedAt = recordedAt; self.payload = payload; self.prevHash = prevHash; self.hash = hash
    }

    /// Reads a row defensively: a ledger edited outside the store may hold NULL where
    /// the schema forbids it. NULL reads as 0 or "" (which never matches the row's
    /// hash), so `verify` reports the row instead of the reader crashing.
    init(row: Row) {
        seq = row[0] ?? 0; id = row[1] ?? ""; type = row[2] ?? ""; date = row[3] ?? ""; announced = row[4]
        status = row[5] ?? ""; recordedAt = row[6] ?? ""; payload = row[7] ?? ""; prevHash = row[8] ?? ""; hash = row[9] ?? ""
    }

    /// The column list matching ``init(row:)``.
    static let columns = "seq, id, type, date, announced, status, recordedAt, payload, prevHash, hash"

    /// The event this row stores.
    public func decoded() throws(LedgerError) -> Event {
        do {
            return try EventDecoder.decode(JSONParser.parse(payload))
        } catch let error as LedgerError {
            throw error.located(eventId: id)
        } catch {
            throw LedgerError("stored payload is not valid JSON: \(error)", eventId: id)
        }
    }

    /// The stored event as JSON: the event object plus `seq`, `recordedAt`, `hash` (and `prevHash`).
    public func json() throws -> JSONValue {
        guard case .object(var object) = try JSONParser.parse(payload) else {
            throw LedgerError("stored payload is not an object", eventId: id)
        }
        object["seq"] = .number(String(seq))
        object["id"] = .string(id)
        object["recordedAt"] = .string(recordedAt)
        object["hash"] = .string(hash)
        object["prevHash"] = .string(prevHash)
        return .object(object)
    }
}
