import ArgumentParser
import Foundation
import LedgerCore
import LedgerReport
import LedgerViews

/// `report -o FILE.html`: the self-contained HTML report with charts.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained HTML report with charts (inline SVG and CSS; no network, no JavaScript).",
        discussion: """
            Sections: valuations over time (log scale), each company's holders' stakes over time, cumulative investment \
            by investor, committed versus funded, money in beside compute bought back (purchase commitments), a timeline \
            of term changes, negotiations and governance events, and the terms in force. \
            Render it to PNG with Tools/render-report (headless Chromium).
            """)

    @OptionGroup var ledger: LedgerOptions
    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("The HTML file to write ('-' for standard output).", valueName: "file"))
    var output: String
    @OptionGroup var asOf: AsOfOption
    @OptionGroup var knownAt: KnownAtOption

    func run() throws {
        if output != "-" { try Self.checkWritable(output) }
        let input = try ReportInput.load(ledger.openForReading(), at: ReplayPoint(asOf: asOf.date, knownAt: knownAt.knownAt))
        let html = HTMLReport(input).render()
        if output == "-" {
            Output.printRaw(html)
            return
        }
        do {
            try html.write(toFile: output, atomically: true, encoding: .utf8)
        } catch {
            throw LedgerError("cannot write \(output): \(error.localizedDescription)")
        }
        Output.print("wrote \(output) (\(html.utf8.count / 1024) KB) as of \(input.asOf): \(input.contentSummary)")
    }

    /// Refuses, before any work, an output path that names a folder or lies in a folder that does not exist.
    static func checkWritable(_ output: String) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: output, isDirectory: &isFolder), isFolder.boolValue {
            throw LedgerError("-o: \(output) is a folder; name the HTML file to write")
        }
        let folder = URL(fileURLWithPath: output).deletingLastPathComponent().path
        if !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) || !isFolder.boolValue {
            throw LedgerError("-o: the folder \(folder) does not exist; create it first or write the report elsewhere")
        }
    }
}
