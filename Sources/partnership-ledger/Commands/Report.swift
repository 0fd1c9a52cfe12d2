import ArgumentParser
import Foundation
import LedgerCore
import LedgerReport
import LedgerStore

/// `report -o FILE.html`: the self-contained HTML report with charts.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a self-contained HTML report with charts (inline SVG and CSS; no network, no JavaScript).",
        discussion: """
            Sections: valuations over time (log scale), each company's holders' stakes over time, cumulative investment \
            by partner, a timeline of term changes and governance events, and the terms in force. \
            Render it to PNG with Tools/render-report (headless Chromium).
            """)

    @OptionGroup var ledger: LedgerOptions
    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("The HTML file to write ('-' for standard output).", valueName: "file"))
    var output: String
    @Option(name: .long, help: ArgumentHelp("Replay events effective on or before this date (default: today, UTC).", valueName: "YYYY-MM-DD"))
    var asOf: String?
    @Option(name: .long, help: ArgumentHelp("Replay only what the ledger had recorded by this time or seq.", valueName: "timestamp|seq"))
    var knownAt: String?

    func run() throws {
        let date: LedgerDate
        do { date = try asOf.map(LedgerDate.init(parsing:)) ?? Timestamp.now().date! } catch { throw LedgerError("--as-of: \(error.message)") }
        let known: KnownAt?
        do { known = try knownAt.map(KnownAt.init(parsing:)) } catch { throw LedgerError("--known-at: \(error.message)") }
        var isFolder: ObjCBool = false
        if output != "-", FileManager.default.fileExists(atPath: output, isDirectory: &isFolder), isFolder.boolValue {
            throw LedgerError("-o: \(output) is a folder; name the HTML file to write")
        }

        let store = try ledger.openForReading()
        var recorder = SeriesRecorder()
        try store.forEachEffective(asOf: date, knownAt: known) { recorder.feed($0) }
        let maxSeq = try store.maxSeq(for: known)
        let amendments = try store.amendmentLog(maxSeq: maxSeq)
        var audits: [String: [TermAuditLine]] = [:]
        for id in recorder.state.partnerships.keys {
            audits[id] = TermAudit.lines(partnership: id, events: try store.loggedEvents(naming: id, maxSeq: maxSeq),
                                         amendments: amendments).filter { $0.date <= date }
        }
        let html = HTMLReport(ReportInput(asOf: date, knownAt: knownAt, state: recorder.state,
                                          series: recorder.series, termAudits: audits)).render()
        if output == "-" {
            Output.printRaw(html)
            return
        }
        do {
            try html.write(toFile: output, atomically: true, encoding: .utf8)
        } catch {
            throw LedgerError("cannot write \(output): \(error.localizedDescription)")
        }
        let series = recorder.series
        Output.print("wrote \(output) (\(html.utf8.count / 1024) KB) as of \(date): \(series.valuations.count) valuation series, "
                     + "\(series.stakes.count) cap tables, \(series.investments.count) partner investment series, "
                     + "\(audits.values.map(\.count).reduce(0, +)) term changes, \(series.governance.count) governance events")
    }
}
