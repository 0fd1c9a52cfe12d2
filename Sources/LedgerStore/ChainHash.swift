import Crypto
import LedgerCore

/// The hash chain: each event's hash covers the previous hash and the row's stored bytes.
///
/// `hash = SHA-256(prevHash ‖ "\n" ‖ seq ‖ "\n" ‖ id ‖ "\n" ‖ type ‖ "\n" ‖ date ‖ "\n" ‖
/// announced ‖ "\n" ‖ status ‖ "\n" ‖ recordedAt ‖ "\n" ‖ payload)`, lower-case hex.
/// The inputs are exactly the stored column texts, so verification never
/// depends on re-encoding anything.
///
/// ```swift
/// let hash = ChainHash.hash(prevHash: ChainHash.genesis, row: row)
/// ```
public enum ChainHash {
    /// The `prevHash` of the first event: 64 zeros.
    public static let genesis = String(repeating: "0", count: 64)

    /// The chain hash of a row given the previous row's hash.
    public static func hash(prevHash: String, row: StoredEvent) -> String {
        var hasher = SHA256()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(row.payload.utf8.count + 200)
        bytes.append(contentsOf: prevHash.utf8)
        for field in [String(row.seq), row.id, row.type, row.date, row.announced ?? "", row.status, row.recordedAt, row.payload] {
            bytes.append(0x0A)
            bytes.append(contentsOf: field.utf8)
        }
        hasher.update(data: bytes)
        return hex(hasher.finalize())
    }

    /// The chain hash of a row being written, built in `buffer` (reused between rows to avoid allocations).
    static func hash(prevHash: String, seq: Int64, id: String, type: String, date: String, announced: String?, status: String,
                     recordedAt: String, payload: String, buffer: inout [UInt8]) -> String {
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: prevHash.utf8)
        buffer.append(0x0A)
        buffer.append(contentsOf: String(seq).utf8)
        for field in [id, type, date, announced ?? "", status, recordedAt, payload] as [String] {
            buffer.append(0x0A)
            buffer.append(contentsOf: field.utf8)
        }
        return hex(SHA256.hash(data: buffer))
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let table: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(table[Int(byte >> 4)])
            out.append(table[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
