internal import Crypto
import Foundation
import LedgerCore

/// The hash chain: each event's hash covers the previous hash and the row's stored bytes.
///
/// `hash = SHA-256(prevHash ‖ "\n" ‖ seq ‖ "\n" ‖ id ‖ "\n" ‖ type ‖ "\n" ‖ date ‖ "\n" ‖
/// announced ‖ "\n" ‖ status ‖ "\n" ‖ recordedAt ‖ "\n" ‖ payload)`, lower-case hex.
/// The inputs are exactly the stored column texts, so verification never
/// depends on re-encoding anything.
///
/// The layout is written once, in ``layOut(prevHash:seq:id:type:date:announced:status:recordedAt:payload:into:)``;
/// append, `verify` and `verify --deep` all hash what it lays out, whether
/// their column bytes come from strings, a prepared event or SQLite's row buffers.
///
/// ```swift
/// let hash = ChainHash.hash(prevHash: ChainHash.genesis, row: row)
/// ```
public enum ChainHash {
    /// The `prevHash` of the first event: 64 zeros.
    public static let genesis = String(repeating: "0", count: 64)

    /// The chain hash of a stored row given the previous row's hash.
    public static func hash(prevHash: String, row: StoredEvent) -> String {
        var input: [UInt8] = []
        input.reserveCapacity(row.payload.utf8.count + 256)
        layOut(prevHash: prevHash.utf8, seq: row.seq, id: row.id.utf8, type: row.type.utf8, date: row.date.utf8,
               announced: (row.announced ?? "").utf8, status: row.status.utf8, recordedAt: row.recordedAt.utf8,
               payload: row.payload.utf8, into: &input)
        return hex(of: input)
    }

    /// Appends the bytes a row's chain hash covers to `input`: the one definition of the layout.
    ///
    /// `announced` is empty when the row has none.
    static func layOut(prevHash: some Collection<UInt8>, seq: Int64, id: some Collection<UInt8>, type: some Collection<UInt8>,
                       date: some Collection<UInt8>, announced: some Collection<UInt8>, status: some Collection<UInt8>,
                       recordedAt: some Collection<UInt8>, payload: some Collection<UInt8>, into input: inout [UInt8]) {
        input.append(contentsOf: prevHash)
        input.append(0x0A)
        appendDecimal(seq, to: &input)
        input.append(0x0A); input.append(contentsOf: id)
        input.append(0x0A); input.append(contentsOf: type)
        input.append(0x0A); input.append(contentsOf: date)
        input.append(0x0A); input.append(contentsOf: announced)
        input.append(0x0A); input.append(contentsOf: status)
        input.append(0x0A); input.append(contentsOf: recordedAt)
        input.append(0x0A); input.append(contentsOf: payload)
    }

    /// The lower-case hex SHA-256 of laid-out bytes, as a string.
    static func hex(of input: [UInt8]) -> String {
        var out = [UInt8](repeating: 0, count: 64)
        input.withUnsafeBytes { hex(of: $0, into: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Writes the lower-case hex SHA-256 of laid-out bytes into `out` (64 bytes), without allocating.
    static func hex(of input: UnsafeRawBufferPointer, into out: inout [UInt8]) {
        var hasher = SHA256()
        hasher.update(bufferPointer: input)
        var index = 0
        for byte in hasher.finalize() {
            out[index] = hexDigits[Int(byte >> 4)]
            out[index + 1] = hexDigits[Int(byte & 0x0F)]
            index += 2
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends the decimal digits of a positive seq (as `String(seq)` prints it).
    private static func appendDecimal(_ value: Int64, to bytes: inout [UInt8]) {
        guard value > 0 else { bytes.append(contentsOf: String(value).utf8); return }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            while rest > 0 { buffer[count] = UInt8(ascii: "0") + UInt8(rest % 10); rest /= 10; count += 1 }
            for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
        }
    }
}
