import Foundation

/// Finds and runs the outside programs some tests need: the built CLI, the render script, Chromium.
enum Tooling {
    /// The first Chromium-like browser on PATH (or $CHROMIUM), as `Tools/render-report` looks for it.
    static var chromium: String? {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["CHROMIUM"], FileManager.default.isExecutableFile(atPath: explicit) { return explicit }
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for folder in folders where FileManager.default.isExecutableFile(atPath: folder + "/" + name) {
                return folder + "/" + name
            }
        }
        return nil
    }

    /// The `partnership-ledger` binary beside the test runner, else in `.build/debug`.
    static var cli: String? {
        var candidates: [String] = []
        if let runner = ProcessInfo.processInfo.arguments.first {
            var folder = URL(fileURLWithPath: runner).deletingLastPathComponent()
            // On macOS the runner sits inside a .xctest bundle; climb out of it.
            while folder.path.contains(".xctest") { folder = folder.deletingLastPathComponent() }
            candidates.append(folder.appendingPathComponent("partnership-ledger").path)
        }
        candidates.append(Fixture.repositoryRoot.appendingPathComponent(".build/debug/partnership-ledger").path)
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `executable` with `arguments` and waits; output is read while it runs so large output cannot block.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// A fresh temporary folder, removed by the caller.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-report-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
