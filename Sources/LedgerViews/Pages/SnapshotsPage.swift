import Foundation
import LedgerCore
import LedgerStore

/// `snapshot list`, and the lines `snapshot rebuild` and `snapshot clear` print.
public struct SnapshotsPage: LedgerPage {
    /// The snapshots, oldest checkpoint first.
    public var snapshots: [SnapshotInfo]

    /// Reads the snapshots of `store`.
    public static func load(_ store: EventStore) throws -> SnapshotsPage { SnapshotsPage(snapshots: try store.snapshots()) }

    /// Creates the page.
    public init(snapshots: [SnapshotInfo]) { self.snapshots = snapshots }

    /// `{"snapshots": [{"id", "date", "seq", "events", "parts", "bytes", "invalidFrom", "readable"}]}`, oldest first;
    /// `invalidFrom` is the first seq whose queries may not use it (null while every query may).
    public var json: JSONValue {
        .object(["snapshots": .array(snapshots.map { snapshot in
            .object([
                "id": .number(String(snapshot.id)), "date": .string(snapshot.date.text), "seq": .number(String(snapshot.seq)),
                "events": .number(String(snapshot.appliedCount)), "parts": .number(String(snapshot.parts)),
                "bytes": .number(String(snapshot.bytes)), "invalidFrom": snapshot.invalidFrom.map { .number(String($0)) } ?? .null,
                "readable": .bool(snapshot.isReadable),
            ])
        })])
    }

    /// One line per snapshot, the JSON's fields as columns.
    public var csv: String {
        CSVWriter.document(["id", "date", "seq", "events", "parts", "bytes", "invalidFrom", "readable"], snapshots.map { snapshot in
            [String(snapshot.id), snapshot.date.text, String(snapshot.seq), String(snapshot.appliedCount), String(snapshot.parts),
             String(snapshot.bytes), snapshot.invalidFrom.map(String.init) ?? "", snapshot.isReadable ? "yes" : "no"]
        })
    }

    /// Each snapshot with its checkpoint, size and whether queries can use it.
    public var table: String {
        guard !snapshots.isEmpty else { return "no snapshots (build them with `partnership-ledger snapshot rebuild`)" }
        var table = TextTable(["ID", "DATE", "SEQ", "EVENTS", "PARTS", "SIZE", "STATUS"], rightAligned: [2, 3, 4, 5])
        for snapshot in snapshots {
            let status = !snapshot.isReadable ? "unreadable by this version (rebuild)"
                : snapshot.invalidFrom.map { "usable for --known-at below \($0)" } ?? "usable"
            table.add([String(snapshot.id), snapshot.date.text, String(snapshot.seq), String(snapshot.appliedCount),
                       String(snapshot.parts), HumanNumbers.bytes(snapshot.bytes), status])
        }
        return table.rendered
    }

    /// `built 3 snapshots over 1000 events (3 parts, 12.5 KB) in 0.42 s`.
    public static func rebuilt(_ report: SnapshotBuildReport, seconds: TimeInterval) -> String {
        "built \(report.checkpoints) snapshot\(report.checkpoints == 1 ? "" : "s") over \(report.events) events "
            + "(\(report.parts) parts, \(HumanNumbers.bytes(report.bytes))) in \(String(format: "%.2f", seconds)) s"
    }

    /// `deleted 3 snapshots`.
    public static func cleared(_ count: Int) -> String { "deleted \(count) snapshot\(count == 1 ? "" : "s")" }
}
