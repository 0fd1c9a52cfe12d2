import Foundation
import LedgerCore
import Testing

/// Runs the built `partnership-ledger` binary in a scratch folder, capturing everything it prints.
struct LedgerCLI {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var binary: URL {
        let candidates = [".build/debug/partnership-ledger", ".build/release/partnership-ledger"].map { root.appendingPathComponent($0) }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    /// What one run printed and how it ended.
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var stdoutLines: [String] { stdout.split(separator: "\n").map(String.init) }
    }

    /// A fresh, empty scratch folder; ledgers and inputs go here.
    let folder: URL
    /// `--db` path used by ``run(_:stdin:)`` when a test passes `db`.
    var db: String { folder.appendingPathComponent("ledger.sqlite").path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// Runs the binary with `arguments` in ``folder``; `environment` entries are added to a clean environment.
    @discardableResult
    func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> Result {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build the binary first: swift build")
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var env = ["PATH": "/usr/bin:/bin", "HOME": folder.path]
        env.merge(environment) { _, new in new }
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read before waiting so a large output cannot fill the pipe and block the child.
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                      stderr: String(decoding: stderrData, as: UTF8.self))
    }

    /// Writes `text` to a file in the scratch folder and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// How many events the ledger at ``db`` holds, read through `log --format json`.
    func eventCount() throws -> Int {
        let result = try run(["log", "--db", db, "--format", "json"])
        try #require(result.status == 0, "log failed: \(result.stderr)")
        guard case .array(let events) = try JSONParser.parse(result.stdout) else { return -1 }
        return events.count
    }
}

