import ArgumentParser
import LedgerCore
import LedgerStore

/// `--expect-seq` / `--expect-head`: optimistic concurrency for writers.
struct WriteOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Refuse the batch unless the log's last seq is N (0 for an empty log).", valueName: "N"))
    var expectSeq: Int64?

    @Option(name: .long, help: ArgumentHelp("Refuse the batch unless the log's head hash is HASH.", valueName: "hash"))
    var expectHead: String?

    func validate() throws {
        if expectSeq != nil && expectHead != nil { throw ValidationError("give --expect-seq or --expect-head, not both") }
    }

    var expected: ExpectedHead? {
        if let expectSeq { return .seq(expectSeq) }
        if let expectHead { return .hash(expectHead) }
        return nil
    }
}

extension AppendResult {
    /// Prints each new seq and id on stdout and a summary on stderr.
    func report(verb: String) {
        for event in appended { Output.print("\(event.seq)\t\(event.id)") }
        var summary = "\(verb) \(appended.count) event\(appended.count == 1 ? "" : "s")"
        if !skipped.isEmpty { summary += ", skipped \(skipped.count) already stored" }
        Output.note(summary + "; head is seq \(head.seq), hash \(head.hash.prefix(16))")
    }
}
