import Foundation
import LedgerCore
import LedgerStore
import SyntheticHistory
import TestSupport
import Testing

/// Seeded property tests: random events and random mutations of valid ones, fed to the decoder and the store.
///
/// Properties: nothing crashes; every rejection is a ``LedgerError``; a batch
/// is stored whole or not at all; valid input round-trips through export and
/// import to the identical log. `FUZZ_ITERATIONS` scales the runs (default
/// 2000 mutated documents); `FUZZ_SEED` changes the seed.
@Suite struct FuzzTests {
    static let iterations = Int(ProcessInfo.processInfo.environment["FUZZ_ITERATIONS"] ?? "") ?? 2000
    static let seed = UInt64(ProcessInfo.processInfo.environment["FUZZ_SEED"] ?? "") ?? 0xF0_22_20_26

    /// The decimal strings under `amount` and `stake` keys, in a fixed walk order.
    static func decimals(in value: JSONValue) -> [String] {
        switch value {
        case .object(let members):
            return members.keys.sorted().flatMap { key -> [String] in
                if key == "amount" || key == "stake", case .string(let text)? = members[key] { return [text] }
                return decimals(in: members[key]!)
            }
        case .array(let elements): return elements.flatMap(decimals(in:))
        default: return []
        }
    }

    @Test func validEventsDecodeToCanonicalTextThatDecodesToTheSameEvent() throws {
        var rng = SeededRandom(seed: Self.seed)
        let start = Date()
        var checked = 0
        for _ in 0..<(Self.iterations / 20) {
            for value in RandomEvents.history(count: 20, &rng) {
                let event = try EventDecoder.decode(value)
                let canonical = event.canonicalText
                let again = try EventDecoder.decode(JSONParser.parse(canonical))
                #expect(again == event, "\(canonical)")
                #expect(again.canonicalText == canonical, "canonical text must be a fixed point: \(canonical)")
                // Exact decimals: what was typed is what is stored, digit for digit in value.
                let typed = Self.decimals(in: value), stored = Self.decimals(in: event.json)
                #expect(typed.count == stored.count)
                for (a, b) in zip(typed, stored) {
                    #expect((try? ExactDecimal.parse(a, allowNegative: true)) == (try? ExactDecimal.parse(b, allowNegative: true)),
                            "\(a) was stored as \(b)")
                }
                checked += 1
            }
        }
        print("fuzz: \(checked) random valid events round-tripped through canonical text in \(String(format: "%.2f", Date().timeIntervalSince(start))) s")
    }

    /// Any decimal the decoder accepts is stored with exactly its value; longer ones are refused, never rounded.
    @Test func decimalsAreStoredExactlyOrRefused() throws {
        var rng = SeededRandom(seed: Self.seed ^ 0xDEC)
        var accepted = 0, refused = 0
        for _ in 0..<Self.iterations {
            let whole = String(repeating: "0", count: Int.random(in: 0...2, using: &rng))
                + (0..<Int.random(in: 1...40, using: &rng)).map { _ in String(Int.random(in: 0...9, using: &rng)) }.joined()
            let fraction = (0..<Int.random(in: 0...30, using: &rng)).map { _ in String(Int.random(in: 0...9, using: &rng)) }.joined()
            let text = fraction.isEmpty ? whole : whole + "." + fraction
            let json = #"{"type":"valuation","date":"2024-01-01","company":"c","value":{"amount":"\#(text)","currency":"USD"},"basis":"reported"}"#
            do {
                let event = try EventDecoder.decode(JSONParser.parse(json))
                guard case .valuation(let valuation) = event.body else { Issue.record("not a valuation"); continue }
                #expect(ExactFraction(valuation.value.amount) == ExactFraction(text: text), "\(text) was changed")
                let stored = Self.decimals(in: event.json)[0]
                #expect(ExactFraction(text: stored) == ExactFraction(valuation.value.amount), "\(text) stored as \(stored)")
                accepted += 1
            } catch let error as LedgerError {
                #expect(error.message.contains("digits"), "\(text): \(error)")
                refused += 1
            }
        }
        #expect(accepted > 0 && refused > 0)
        print("fuzz: \(Self.iterations) random decimals: \(accepted) stored with exactly their value, \(refused) refused as too long; none rounded")
    }

    /// Two registrations every store starts with, so "nothing stored" means "the log is as it was", not "empty".
    static let seedEvents: [SourcedEvent] = [
        #"{"type":"party","id":"seed-party-a","date":"2000-01-01","party":"seed-a","name":"Seed A","kind":"company"}"#,
        #"{"type":"party","id":"seed-party-b","date":"2000-01-01","party":"seed-b","name":"Seed B","kind":"fund"}"#,
    ].map { SourcedEvent(try! EventDecoder.decode(JSONParser.parse($0))) }

    /// A valid event the store must refuse: its company is not registered.
    static let unknownCompany = try! EventDecoder.decode(JSONParser.parse(
        #"{"type":"valuation","id":"fuzz-ghost","date":"2020-01-01","company":"ghost-company","value":{"amount":"1","currency":"USD"},"basis":"reported"}"#))

    /// Random mutations of valid documents: rejected with a LedgerError, or decoded and then stored whole or not at all.
    ///
    /// Every batch goes to a store that already holds two events. A third of the decoded batches get an
    /// event the store must refuse appended last, after events that are valid on their own: the batch must
    /// leave the log exactly as it was. The run must reach every outcome, the store's refusals included.
    @Test func mutatedDocumentsNeverCrashAndBatchesAreAllOrNothing() throws {
        var rng = SeededRandom(seed: Self.seed ^ 0xBAD)
        var outcomes = (parser: 0, decoder: 0, store: 0, stored: 0)
        let start = Date()
        for iteration in 0..<Self.iterations {
            let values = RandomEvents.history(count: Int.random(in: 1...8, using: &rng), &rng)
            var bytes: [UInt8]
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: bytes = Array(values.map(\.canonicalText).joined(separator: "\n").utf8)
            case 1: bytes = Array(JSONValue.array(values).prettyText().utf8)
            default: bytes = Array((values.count == 1 ? values[0] : .array(values)).canonicalText.utf8)
            }
            for _ in 0..<Int.random(in: 1...3, using: &rng) { bytes = RandomEvents.mutate(bytes, &rng) }
            let poisoned = Int.random(in: 0..<3, using: &rng) == 0

            var events: [Event]
            do {
                events = try EventDecoder.decodeDocument(bytes, file: "fuzz.json")
            } catch {
                #expect(!error.message.isEmpty)
                if error.message.hasPrefix("invalid JSON") { outcomes.parser += 1 } else { outcomes.decoder += 1 }
                continue
            }
            if poisoned { events.append(Self.unknownCompany) }
            let store = try EventStore.inMemory()
            _ = try store.append(Self.seedEvents)
            let before = try store.head()
            do {
                let result = try store.append(events.enumerated().map { SourcedEvent($1, file: "fuzz.json", index: $0 + 1) })
                #expect(!poisoned, "iteration \(iteration): a batch naming an unregistered company was stored")
                #expect(result.appended.count == events.count)
                #expect(try store.count() == Self.seedEvents.count + events.count, "iteration \(iteration): a batch lands whole")
                #expect(try store.verify(deep: true).isIntact)
                outcomes.stored += 1
            } catch let error as LedgerError {
                #expect(try store.head() == before, "iteration \(iteration): a refused batch leaves the log as it was (\(error))")
                #expect(try store.count() == Self.seedEvents.count)
                #expect(try store.verify(deep: true).isIntact)
                outcomes.store += 1
            }
        }
        print("fuzz: \(Self.iterations) mutated documents in \(String(format: "%.1f", Date().timeIntervalSince(start))) s — refused by the parser \(outcomes.parser), by the decoder \(outcomes.decoder), by the store \(outcomes.store); stored whole \(outcomes.stored); no crash")
        #expect(outcomes.parser > 0 && outcomes.decoder > 0 && outcomes.stored > 0, "the mutations should reach every outcome: \(outcomes)")
        // Each decoded batch is poisoned with probability 1/3: far fewer store refusals means the property was barely tested.
        let decoded = outcomes.store + outcomes.stored
        #expect(outcomes.store * 5 >= decoded, "only \(outcomes.store) of \(decoded) decoded batches were refused by the store")
    }

    /// Random histories appended in random batches, exported as JSON Lines, imported into a fresh ledger: the same log.
    @Test(arguments: 0..<6)
    func randomHistoriesRoundTripThroughExportAndImport(_ run: Int) throws {
        var rng = SeededRandom(seed: Self.seed &+ UInt64(run))
        let scratch = try ScratchFolder("fuzz-roundtrip")
        let source = try EventStore.open(path: scratch.file("source.sqlite"))
        let events = try RandomEvents.history(count: 150, &rng).map { SourcedEvent(try EventDecoder.decode($0)) }
        var offset = 0
        while offset < events.count {
            let size = Int.random(in: 1...40, using: &rng)
            _ = try source.append(Array(events[offset..<min(events.count, offset + size)]))
            offset += size
        }
        // export: one stored payload per line, exactly what `partnership-ledger export` prints.
        var lines: [String] = []
        var original: [StoredEvent] = []
        try source.forEachEvent { lines.append($0.payload); original.append($0) }
        let exported = Array((lines.joined(separator: "\n") + "\n").utf8)

        let target = try EventStore.open(path: scratch.file("target.sqlite"))
        let decoded = try EventDecoder.decodeDocument(exported, file: "export.jsonl")
        let result = try target.importEvents(decoded.map { SourcedEvent($0) })
        #expect(result.appended.count == events.count && result.skipped.isEmpty)
        var copy: [StoredEvent] = []
        try target.forEachEvent { copy.append($0) }
        #expect(copy.count == original.count)
        for (a, b) in zip(original, copy) {
            #expect(a.seq == b.seq && a.id == b.id && a.type == b.type && a.date == b.date && a.announced == b.announced
                    && a.status == b.status && a.payload == b.payload, "seq \(a.seq) differs after the round trip")
        }
        #expect(try target.verify(deep: true).isIntact)
        // Importing the export again, into either ledger, changes nothing.
        for store in [source, target] {
            let again = try store.importEvents(decoded.map { SourcedEvent($0) })
            #expect(again.appended.isEmpty && again.skipped.count == events.count)
            #expect(try store.count() == events.count)
        }
    }
}
