import Foundation
import LedgerCore
import Testing

/// Writer processes appending to one ledger at once: the race the concurrency tests run on SQLite and PostgreSQL.
///
/// Writer `w` (1…`writers`) is a shell loop that waits for the start file, then
/// runs `partnership-ledger append party` once per event, ids `w<w>-1`,
/// `w<w>-2`, … in that order. Each append's confirmation (stderr) and any
/// failure go to the writer's log, `writer-<w>.log` in the scratch folder.
///
/// ```swift
/// let race = try RacingWriters(writers: 4, appendsPerWriter: 40, db: db, folder: folder)
/// let (runs, seconds) = try race.run()
/// let entries = try RacingWriters.logEntries(db)
/// ```
public struct RacingWriters {
    /// How many writer processes race.
    public let writers: Int
    /// How many single-event appends each writer makes.
    public let appendsPerWriter: Int
    private let folder: ScratchFolder
    private let children: [ChildRun.RunningChild]

    /// Starts the writers on `db`; they wait until ``run()`` releases them.
    public init(writers: Int, appendsPerWriter: Int, db: String, folder: ScratchFolder) throws {
        self.writers = writers
        self.appendsPerWriter = appendsPerWriter
        self.folder = folder
        let binary = try LedgerProcess.binary()
        let script = """
            while [ ! -e "$GO" ]; do sleep 0.01; done
            i=1
            while [ $i -le \(appendsPerWriter) ]; do
              "$BIN" append party --db "$DB" --id "w$W-$i" --party "w$W-$i" --name "Writer $W, append $i" --kind company --date 2020-01-01 \
                >/dev/null 2>>"$LOG" || echo "append $i failed with exit $?" >>"$LOG"
              i=$((i + 1))
            done
            """
        children = try (1...writers).map { writer in
            try ChildRun.start(["/bin/sh", "-c", script], environment: [
                "BIN": binary, "DB": db, "W": String(writer), "GO": folder.file("go"), "LOG": folder.file("writer-\(writer).log"),
            ])
        }
    }

    /// Releases the writers together and waits for all of them: each writer's run, and the seconds the race took.
    public func run() throws -> (runs: [ChildRun], seconds: Double) {
        let start = Date()
        #expect(FileManager.default.createFile(atPath: folder.file("go"), contents: nil))
        let runs = try children.map { try $0.wait() }
        return (runs, Date().timeIntervalSince(start))
    }

    /// What writer `writer` (1-based) logged: one confirmation per append, and any failure.
    public func log(of writer: Int) throws -> String {
        try String(contentsOfFile: folder.file("writer-\(writer).log"), encoding: .utf8)
    }

    /// The ledger's log as (seq, id) pairs, from `log --format json`.
    public static func logEntries(_ db: String) throws -> [(seq: Int, id: String)] {
        let run = try LedgerProcess.run(["log", "--format", "json", "--db", db])
        try #require(run.status == 0, "log failed: \(run)")
        guard case .array(let rows) = try JSONParser.parse(run.stdout) else { throw LedgerError("log --format json is not an array") }
        return rows.compactMap { row in
            guard case .number(let seq)? = row["seq"], case .string(let id)? = row["id"], let n = Int(seq) else { return nil }
            return (n, id)
        }
    }

    /// The writer and the append number of an id a writer appended (`w3-17` → (3, 17)); nil for any other id.
    public static func writerAndAppend(of id: String) -> (writer: Int, append: Int)? {
        guard id.hasPrefix("w") else { return nil }
        let parts = id.dropFirst().split(separator: "-")
        guard parts.count == 2, let writer = Int(parts[0]), let append = Int(parts[1]) else { return nil }
        return (writer, append)
    }
}
