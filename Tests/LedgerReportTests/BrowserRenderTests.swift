import Foundation
import LedgerReport
import TestSupport
import Testing

/// The report in a real browser: Tools/render-report drives headless Chromium to a PNG and a DOM dump.
///
/// Skipped, with the reason shown in the test log, when no Chromium is
/// installed; CI installs it (Debian: `apt-get install -y chromium`).
@Suite struct BrowserRenderTests {
    typealias F = Fixture

    // Needs a browser; without one this is skipped, never silently passed.
    @Test(.enabled(if: Tooling.chromium != nil, "Chromium is not installed (Debian: apt-get install -y chromium); browser rendering not checked"))
    func reportRendersInHeadlessChromium() throws {
        let scratch = try ScratchFolder("browser-render")
        let folder = scratch.url
        let html = folder.appendingPathComponent("report.html"), png = folder.appendingPathComponent("report.png")
        let dom = folder.appendingPathComponent("dom.html")
        let source = try F.reportHTML(F.bundledLedger(), asOf: "2026-06-30")
        try source.write(to: html, atomically: true, encoding: .utf8)

        let script = F.repositoryRoot.appendingPathComponent("Tools/render-report").path
        let result = try ChildRun.spawn([script, "--html", html.path, "--dom", dom.path, "--width", "1000", "--height", "1600", png.path])
        #expect(result.status == 0, "render-report failed: \(result.stderr)")

        // A real PNG of the requested size, with enough detail that it is not a blank page.
        let bytes = try [UInt8](Data(contentsOf: png))
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        let be32 = { (offset: Int) in bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        #expect(be32(16) == 1000 && be32(20) == 1600, "IHDR size")
        #expect(bytes.count > 40_000, "a blank 1000×1600 page compresses to a few KB; got \(bytes.count) bytes")

        // What the browser parsed: every chart is an SVG element in the DOM, with its series.
        let parsed = try String(contentsOf: dom, encoding: .utf8)
        for chart in ["valuations", "stakes-anthropic", "stakes-openai", "investments", "timeline"] {
            #expect(parsed.contains("data-chart=\"\(chart)\""), "chart \(chart) in the DOM")
        }
        // Every chart the page was written with reached the DOM (the funding charts follow the data).
        let written = HTMLProbe.charts(in: source)
        #expect(written.contains { $0.hasPrefix("funding-") } && written.contains("flows"))
        #expect(parsed.components(separatedBy: "<svg").count - 1 == written.count)
        #expect(parsed.contains("data-series=\"microsoft-in-openai\""))
        #expect(parsed.contains("Terms in force on 2026-06-30"))
    }

    /// Simulates a machine without a browser: a PATH holding only bash, so the script's search finds nothing.
    @Test func renderScriptSaysWhenChromiumIsMissing() throws {
        let scratch = try ScratchFolder("browser-render")
        let folder = scratch.url
        let bash = ["/bin/bash", "/usr/bin/bash"].first { FileManager.default.isExecutableFile(atPath: $0) }
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("bash").path, withDestinationPath: try #require(bash))
        let script = F.repositoryRoot.appendingPathComponent("Tools/render-report").path
        let result = try ChildRun.spawn([script, "--html", "/nonexistent.html", folder.appendingPathComponent("x.png").path],
                                        environment: ["PATH": folder.path, "CHROMIUM": ""])
        #expect(result.status == 3)
        #expect(result.stderr.contains("Chromium not found"))
    }
}
