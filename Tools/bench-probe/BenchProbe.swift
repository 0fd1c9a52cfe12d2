import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore
import SyntheticHistory

/// `bench-probe`: in-process measurements for `Tools/bench` (a process start would swamp a millisecond query).
///
/// ```sh
/// bench-probe replay --db big.sqlite --runs 3
/// bench-probe queries --db big.sqlite --count 300 --kind subject
/// ```
@main
struct BenchProbe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-probe",
        abstract: "Time replays and as-of queries inside one process; prints one JSON object.",
        subcommands: [ReplayProbe.self, QueryProbe.self])
}

/// Full replay of the log, without snapshots, timed in-process.
struct ReplayProbe: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "replay", abstract: "Replay the whole log (no snapshots) and report events/s.")

    @Option(help: "The ledger file or postgres:// URL.") var db: String
    @Option(help: "Replays to time (the median is reported).") var runs = 3

    func run() throws {
        let store = try EventStore.openReadOnly(path: db)
        let end = LedgerDate(year: LedgerDate.maxYear, month: 12, day: 31)!
        let events = try store.count()
        // Stream, decode and fold every event (corrections resolved), as `state` does without a snapshot.
        var folds: [Double] = []
        for _ in 0..<runs {
            let started = DispatchTime.now()
            let state = try store.state(asOf: end, useSnapshots: false)
            folds.append(Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9)
            _ = state.appliedCount
        }
        let median = folds.sorted()[folds.count / 2]
        print(#"{"events": \#(events), "seconds": \#(median), "eventsPerSecond": \#(Int(Double(events) / median)), "runs": \#(folds)}"#)
    }
}

/// Random as-of queries: the whole state, or one company (`shares COMPANY`).
struct QueryProbe: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "queries", abstract: "Time random as-of queries; report p50 and p99 in ms.")

    enum Kind: String, ExpressibleByArgument { case state, subject }

    @Option(help: "The ledger file or postgres:// URL.") var db: String
    @Option(help: "Queries to time.") var count = 200
    @Option(help: "state (the whole projection) or subject (one company's cap table, as `shares` does).") var kind: Kind = .subject
    @Option(help: "Seed of the random dates and companies.") var seed: UInt64 = 1
    @Option(help: "Company ids are this prefix and a number below --companies (generate-history's co-N).") var prefix = "co-"
    @Option(help: "How many companies the history has.") var companies: Int
    @Flag(help: "Replay without snapshots.") var noSnapshots = false

    func run() throws {
        let store = try EventStore.openReadOnly(path: db)
        var random = SeededRandom(seed: seed)
        let first = LedgerDate(year: 1960, month: 1, day: 1)!.daysSinceEpoch
        let last = LedgerDate(year: 2026, month: 6, day: 30)!.daysSinceEpoch
        var latencies: [Double] = []
        // One warm-up query (page cache, statement cache), not timed.
        for index in 0...count {
            let date = LedgerDate(daysSinceEpoch: first + Int(random.next() % UInt64(last - first + 1)))!
            let company = prefix + String(random.next() % UInt64(companies))
            let started = DispatchTime.now()
            switch kind {
            case .state:
                _ = try store.state(asOf: date, useSnapshots: !noSnapshots).appliedCount
            case .subject:
                let state = try store.state(of: company, asOf: date, useSnapshots: !noSnapshots)
                _ = state.capTable(of: company, asOf: date).holders.count
            }
            if index > 0 { latencies.append(Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e6) }
        }
        latencies.sort()
        func percentile(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
        print(#"{"count": \#(latencies.count), "p50_ms": \#(percentile(0.5)), "p99_ms": \#(percentile(0.99)), "max_ms": \#(latencies.last ?? 0)}"#)
    }
}
