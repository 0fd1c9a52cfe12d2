import Foundation
import LedgerCore
import LedgerStore

/// `negotiations [PARTNERSHIP|COMPANY]`: the talks and proposals open at a date, each thread with its stages (CONTRACT §4).
public struct NegotiationsPage: LedgerPage {
    /// One thread.
    public struct Thread: Sendable {
        /// The company or partnership discussed.
        public var subject: String
        /// Whether `subject` is a partnership (else a company).
        public var isPartnership: Bool
        public var thread: NegotiationThread
    }

    /// The effective date.
    public var asOf: LedgerDate
    /// The threads open at the date (closed ones too when asked), by first date.
    public var threads: [Thread]
    /// Whether closed threads are listed too.
    public var includeClosed = false

    /// Replays the ledger to `point` and lists the open threads about `subject` (every one when nil).
    public static func load(_ store: EventStore, subject: String?, includeClosed: Bool, at point: ReplayPoint) throws -> NegotiationsPage {
        if let subject { try store.requireRegisteredAtAll(subject) }
        let state = try store.state(at: point, subject: subject)
        return NegotiationsPage(asOf: point.asOf, threads: state.negotiations(about: subject, includeClosed: includeClosed).map {
            Thread(subject: $0.subject, isPartnership: $0.isPartnership, thread: $0.thread)
        }, includeClosed: includeClosed)
    }

    public init(asOf: LedgerDate, threads: [Thread], includeClosed: Bool = false) {
        self.asOf = asOf; self.threads = threads; self.includeClosed = includeClosed
    }

    private var heading: String { includeClosed ? "negotiations as of \(asOf), open and closed" : "negotiations open as of \(asOf)" }

    public var json: JSONValue {
        .object([
            "asOf": .string(asOf.text),
            "negotiations": .array(threads.map { t in
                let last = t.thread.stages.last!
                var row: [String: JSONValue] = [
                    "thread": .string(t.thread.thread), "stage": .string(last.stage), "date": .string(last.date.text),
                    "eventId": .string(last.eventId), "status": .string(last.status.rawValue), "sources": .array(last.sources.map(JSONValue.string)),
                    "open": .bool(t.thread.isOpen), "closedOn": t.thread.closedOn.map { .string($0.text) } ?? .null,
                    "closedBy": t.thread.closedBy.map(JSONValue.string) ?? .null,
                    "stages": .array(t.thread.stages.map(Self.stageJSON)),
                ]
                row[t.isPartnership ? "partnership" : "company"] = .string(t.subject)
                if t.isPartnership { row["proposals"] = .array(last.proposals) } else {
                    row["amount"] = last.amount?.json ?? .null
                    row["valuation"] = last.valuation?.json ?? .null
                }
                return .object(row)
            }),
        ])
    }

    static func stageJSON(_ stage: NegotiationThread.Stage) -> JSONValue {
        .object(["date": .string(stage.date.text), "stage": .string(stage.stage), "eventId": .string(stage.eventId),
                 "status": .string(stage.status.rawValue), "party": stage.party.map(JSONValue.string) ?? .null])
    }

    public var csv: String {
        CSVWriter.document(["thread", "subject", "date", "stage", "status", "amount", "valuation", "currency", "open", "eventId"],
                           threads.flatMap { t in
            t.thread.stages.map { s in
                [t.thread.thread, t.subject, s.date.text, s.stage, s.status.rawValue, s.amount.map { ExactDecimal.text($0.amount) } ?? "",
                 s.valuation.map { ExactDecimal.text($0.amount) } ?? "", (s.amount ?? s.valuation)?.currency ?? "",
                 t.thread.isOpen ? "true" : "false", s.eventId]
            }
        })
    }

    public var table: String {
        guard !threads.isEmpty else { return "\(heading)\n\nnone" }
        return heading + "\n" + threadsTable
    }

    /// Each thread under its own heading, with a table of its stages (what `table` shows under its heading).
    public var threadsTable: String {
        var lines: [String] = []
        for t in threads {
            lines.append("")
            let closed = t.thread.closedOn.map { ", closed \($0) by \(t.thread.closedBy ?? "?")" } ?? ""
            lines.append("\(t.thread.thread) (\(t.isPartnership ? "partnership" : "company") \(t.subject)\(closed))")
            var table = TextTable(["DATE", "STAGE", "STATUS", "PROPOSED", "EVENT"])
            for s in t.thread.stages {
                var proposed = s.proposals.map(\.canonicalText).joined(separator: "; ")
                if !t.isPartnership {
                    proposed = [s.amount.map { HumanNumbers.money($0) }, s.valuation.map { "at \(HumanNumbers.money($0))" }]
                        .compactMap { $0 }.joined(separator: " ")
                }
                table.add([s.date.text, s.stage, s.status.rawValue, proposed.isEmpty ? "-" : proposed, s.eventId])
            }
            lines.append(table.rendered)
        }
        return lines.joined(separator: "\n")
    }
}
