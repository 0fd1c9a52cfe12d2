import Foundation
import LedgerCore
import SyntheticHistory
import TestSupport
import Testing

@Suite struct CanonicalDecoderTests {
    /// The general path, the one the fast decoder must agree with.
    private func strict(_ text: String) throws -> Event {
        try EventDecoder.decode(JSONParser.parse(text))
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func agreesWithTheGeneralDecoderOnGeneratedHistories(seed: UInt64) throws {
        let events = try HistoryGenerator(count: 3_000, seed: seed).events()
        var fastPathCount = 0
        for event in events {
            let text = event.canonicalText
            let fast = try #require(CanonicalDecoder.event(from: Array(text.utf8)), "fast path declined \(text)")
            #expect(fast == (try strict(text)), "\(text)")
            #expect(fast.canonicalText == text)
            fastPathCount += 1
        }
        #expect(fastPathCount == events.count)
        // The generator writes every type, so a type added to EventType but not to it fails here.
        #expect(Set(events.map(\.type)) == Set(EventType.allCases))
    }

    @Test func agreesOnTheBundledHistory() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("Events")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") && !$0.hasSuffix(".checks.json") }
        try #require(!names.isEmpty)
        for name in names {
            let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))
            for event in try EventDecoder.decodeDocument(bytes, file: name) {
                let text = event.canonicalText
                let fast = try #require(CanonicalDecoder.event(from: Array(text.utf8)), "fast path declined \(name)")
                #expect(fast == (try strict(text)), "\(name)")
            }
        }
    }

    @Test(arguments: [
        #"{"date":"2024-01-01","id":"x","status":"confirmed","type":"retraction","retracts":"y","reason":"r","extra":1}"#,
        #"{"date":"2024-01-01","id":"x","status":"confirmed","type":"retraction","retracts":"y","retracts":"z","reason":"r"}"#,
        #"{"date":"2024-02-30","id":"x","status":"confirmed","type":"retraction","retracts":"y","reason":"r"}"#,
        #"{"date":"2024-01-01","id":"X","status":"confirmed","type":"retraction","retracts":"y","reason":"r"}"#,
        #"{"date":"2024-01-01","id":"x","status":"confirmed","type":"retraction","retracts":"y","reason":"  "}"#,
        #"{"company":"a","date":"2024-01-01","id":"x","status":"confirmed","type":"valuation","basis":"post-money","value":{"amount":"-1","currency":"USD"}}"#,
        #"{"company":"a","date":"2024-01-01","id":"x","status":"confirmed","type":"valuation","basis":"post-money","value":{"amount":1,"currency":"USD"}}"#,
        #"{"company":"a","date":"2024-01-01","id":"x","stakes":[{"holder":"b","stake":"0.6"},{"holder":"c","stake":"0.6"}],"status":"confirmed","type":"recapitalization"}"#,
        #"{"changes":[{"role":"ceo","set":"a","add":"b"}],"company":"a","date":"2024-01-01","id":"x","status":"confirmed","type":"governance"}"#,
        #"{"corrects":"y","date":"2024-01-01","id":"x","reason":"r","replacement":{"id":"z","date":"2024-01-01","type":"retraction","retracts":"q","reason":"r"},"status":"confirmed","type":"correction"}"#,
    ])
    func declinesWhatTheGeneralDecoderRejects(payload: String) {
        #expect(CanonicalDecoder.event(from: Array(payload.utf8)) == nil)
        #expect(throws: (any Error).self) { try strict(payload) }
    }

    @Test func declinesJSONItDoesNotExpectButTheGeneralDecoderAccepts() throws {
        // Not canonical (spaces, a null status): the fast path leaves it to the general one.
        let text = #"{ "type": "retraction", "date": "2024-01-01", "id": "x", "retracts": "y", "reason": "r", "status": null }"#
        #expect(CanonicalDecoder.event(from: Array(text.utf8)) == nil)
        #expect(try strict(text).type == .retraction)
    }

    /// Differential fuzzing: mutated payloads the fast path accepts, the general path accepts too, with the same event.
    @Test(arguments: [UInt64(11), 12])
    func neverAcceptsWhatTheGeneralDecoderWouldNot(seed: UInt64) throws {
        let events = try HistoryGenerator(count: 800, seed: seed).events()
        var random = SeededRandom(seed: seed &+ 100)
        let interesting = Array("0123456789abcXYZ-.,:{}[]\" \\e\t".utf8) + [0x00, 0x1F, 0x7F, 0xC3, 0xA9, 0xFF]
        var accepted = 0, declined = 0
        for event in events {
            let original = Array(event.canonicalText.utf8)
            for _ in 0..<12 {
                var bytes = original
                for _ in 0..<random.int(in: 1...3) {
                    let at = random.int(in: 0..<bytes.count)
                    switch random.int(in: 0..<5) {
                    case 0: bytes.remove(at: at)
                    case 1: bytes[at] = random.pick(interesting)
                    case 2: bytes.insert(random.pick(interesting), at: at)
                    case 3:
                        let end = min(bytes.count, at + random.int(in: 1...24))
                        bytes.insert(contentsOf: bytes[at..<end], at: end)
                    default:
                        let other = random.int(in: 0..<bytes.count)
                        bytes.swapAt(at, other)
                    }
                    if bytes.isEmpty { bytes = original }
                }
                guard let fast = CanonicalDecoder.event(from: bytes) else { declined += 1; continue }
                accepted += 1
                let general = try? EventDecoder.decode(JSONParser.parse(bytes))
                #expect(general == fast, "\(String(decoding: bytes, as: UTF8.self))")
            }
        }
        #expect(accepted > 100 && declined > 100)
    }

    @Test func parsesDecimalsExactlyAsExactDecimal() throws {
        var random = SeededRandom(seed: 7)
        var samples = ["1", "10", "100", "0.5", "0.05", "007", "12.50", "1764600000", "0.1234567890123456789", "999999999999999", "10000000000000.00000000000000000001"]
        for _ in 0..<5_000 {
            let integer = String(random.int(in: 0...Int(Int32.max)) % Int(pow(10.0, Double(random.int(in: 1...9)))))
            let fraction = random.chance(0.5) ? "." + String(repeating: "0", count: random.int(in: 0...3)) + String(random.int(in: 0...999_999)) : ""
            samples.append(integer + fraction)
        }
        for text in samples {
            let bytes = Array(text.utf8)
            let fast = bytes.withUnsafeBufferPointer { CanonicalDecoder.decimal($0) }
            let general = try ExactDecimal.parse(text)
            if let fast {
                #expect(fast == general, "\(text)")
                #expect(ExactDecimal.text(fast) == ExactDecimal.text(general), "\(text)")
                #expect(withUnsafeBytes(of: fast) { Array($0) } == withUnsafeBytes(of: general) { Array($0) }, "\(text)")
            } else {
                #expect(general == 0 || text.filter(\.isNumber).drop { $0 == "0" }.count > 19, "declined \(text)")
            }
        }
    }
}
