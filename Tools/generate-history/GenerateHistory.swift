import ArgumentParser
import Foundation
import SyntheticHistory

/// `generate-history`: a deterministic synthetic ledger history as JSON Lines.
///
/// ```sh
/// swift run -c release generate-history --events 100000 --seed 1 > h.jsonl
/// partnership-ledger import --db big.sqlite h.jsonl
/// ```
@main
struct GenerateHistory: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-history",
        abstract: "Write a deterministic synthetic history of N events as JSON Lines that `partnership-ledger import` accepts.",
        discussion: """
            Parties and partnerships come first, then funding rounds, valuations, revenue reports, governance changes,
            renegotiations and recapitalizations over decades, with corrections and retractions; about 5% of the events
            are back-filled (recorded after later-dated events), or all of them with --shuffled-dates. The same --events and --seed give the same bytes.
            """)

    @Option(help: "How many events to write.") var events: Int = 10_000
    @Option(help: "Seed of the random choices.") var seed: UInt64 = 1
    @Option(help: ArgumentHelp("Write here instead of standard output.", valueName: "file")) var output: String?
    @Flag(help: "Record the facts in random effective-date order (a back-filled archive), not mostly in date order.")
    var shuffledDates = false

    func validate() throws {
        if events < 1 || events > 50_000_000 { throw ValidationError("--events must be between 1 and 50000000") }
    }

    func run() throws {
        let generator: HistoryGenerator
        do { generator = try HistoryGenerator(count: events, seed: seed, shuffledDates: shuffledDates) } catch { throw ValidationError("--events: \(error)") }
        let handle: FileHandle
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: nil), let file = FileHandle(forWritingAtPath: output) else {
                throw ValidationError("cannot write \(output)")
            }
            handle = file
        } else {
            handle = FileHandle.standardOutput
        }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        func flush() throws { try handle.write(contentsOf: buffer); buffer.removeAll(keepingCapacity: true) }
        try generator.write { line in
            buffer.append(contentsOf: line.utf8)
            buffer.append(0x0A)
            if buffer.count >= 1 << 20 { try flush() }
        }
        try flush()
        if output != nil { try handle.close() }
    }
}
