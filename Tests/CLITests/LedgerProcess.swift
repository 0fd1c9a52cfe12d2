import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs the built `partnership-ledger` binary as a child process, the way a user does.
///
/// The binary is `.build/debug/partnership-ledger` under the repository root
/// (found from this file's path), or `$PARTNERSHIP_LEDGER_BINARY`. Children are
/// started with `posix_spawn` and reaped with `wait4`, so each run reports its
/// exit status and its peak memory (max RSS).
enum LedgerProcess {
    /// The repository root: Tests/CLITests/LedgerProcess.swift → ../../..
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary under test; throws a clear message when it has not been built.
    static func binary() throws -> String {
        if let path = ProcessInfo.processInfo.environment["PARTNERSHIP_LEDGER_BINARY"], !path.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: path) else {
                throw MissingBinary(path: path)
            }
            return path
        }
        let path = repositoryRoot.appendingPathComponent(".build/debug/partnership-ledger").path
        guard FileManager.default.isExecutableFile(atPath: path) else { throw MissingBinary(path: path) }
        return path
    }

    struct MissingBinary: Error, CustomStringConvertible {
        var path: String
        var description: String {
            "the partnership-ledger binary is missing at \(path): run `swift build` before `swift test` (or set PARTNERSHIP_LEDGER_BINARY)"
        }
    }

    /// Runs `partnership-ledger arguments…`.
    @discardableResult
    static func run(_ arguments: [String], stdin: String? = nil, asUnprivilegedUser: Bool = false,
                    timeout: TimeInterval = 120) throws -> ChildRun {
        var command = [try binary()] + arguments
        if asUnprivilegedUser, geteuid() == 0 { command = Unprivileged.prefix + command }
        return try ChildRun.spawn(command, stdin: stdin, timeout: timeout)
    }
}

/// The outcome of one child process.
struct ChildRun: Sendable, CustomStringConvertible {
    /// The exit status, or nil when a signal ended the child.
    var status: Int32?
    /// The signal that ended the child, if one did.
    var signal: Int32?
    var stdoutBytes: [UInt8]
    var stderrBytes: [UInt8]
    /// Peak resident memory of the child, in KiB (`ru_maxrss`).
    var maxRSSKiB: Int

    var stdout: String { String(decoding: stdoutBytes, as: UTF8.self) }
    var stderr: String { String(decoding: stderrBytes, as: UTF8.self) }
    /// The lines of stderr, without the final line break.
    var stderrLines: [Substring] { stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast(stderr.hasSuffix("\n") ? 1 : 0).map { $0 } }

    var description: String {
        "exit \(status.map(String.init) ?? "signal \(signal ?? -1)"), stderr: \(stderr.prefix(600)), stdout: \(stdout.prefix(300))"
    }

    /// Starts `command` (path first) with stdin from a file (or /dev/null) and waits for it.
    static func spawn(_ command: [String], stdin: String? = nil, environment: [String: String]? = nil,
                      timeout: TimeInterval = 120) throws -> ChildRun {
        try start(command, stdin: stdin, environment: environment).wait(timeout: timeout)
    }

    /// Starts `command` without waiting; several children can then run at once.
    static func start(_ command: [String], stdin: String? = nil, environment: [String: String]? = nil) throws -> RunningChild {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let outPath = scratch.appendingPathComponent("stdout").path
        let errPath = scratch.appendingPathComponent("stderr").path

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment ?? [:] { env[key] = value }
        env["LC_ALL"] = env["LC_ALL"] ?? "C.UTF-8"
        // posix_spawn shares this process's memory until exec, and Linux carries that peak into the
        // child's ru_maxrss, so the test runner's own size would count as the child's. GNU time forks
        // a fresh child and reports that child's own peak; use it when it is installed.
        let rssPath = scratch.appendingPathComponent("maxrss").path
        let launched = FileManager.default.isExecutableFile(atPath: GNUTime.path)
            ? [GNUTime.path, "-f", "%M", "-o", rssPath] + command : command
        let argv = launched.map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }

        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, launched[0], &actions, nil, argv, envp)
        guard spawned == 0 else {
            try? FileManager.default.removeItem(at: scratch)
            throw SpawnError(command: command, code: spawned)
        }
        return RunningChild(pid: pid, command: command, scratch: scratch)
    }

    /// A started child process; ``wait(timeout:)`` reaps it and collects its output.
    final class RunningChild: @unchecked Sendable {
        let pid: pid_t
        let command: [String]
        let scratch: URL

        init(pid: pid_t, command: [String], scratch: URL) { self.pid = pid; self.command = command; self.scratch = scratch }

        func wait(timeout: TimeInterval = 120) throws -> ChildRun {
            defer { try? FileManager.default.removeItem(at: scratch) }
            var status: Int32 = 0
            var usage = rusage()
            let deadline = Date().addingTimeInterval(timeout)
            var timedOut = false
            while true {
                let reaped = wait4(pid, &status, WNOHANG, &usage)
                if reaped == pid { break }
                if reaped == -1 && errno != EINTR { throw SpawnError(command: command, code: errno) }
                if !timedOut && Date() > deadline { timedOut = true; kill(pid, SIGKILL) }
                usleep(2_000)
            }
            if timedOut { throw TimedOut(command: command, seconds: timeout) }
            let out = (try? Data(contentsOf: scratch.appendingPathComponent("stdout"))) ?? Data()
            let err = (try? Data(contentsOf: scratch.appendingPathComponent("stderr"))) ?? Data()
            var signalled = status & 0x7f
            var exitStatus: Int32? = signalled == 0 ? (status >> 8) & 0xff : nil
            var maxRSS = Int(usage.ru_maxrss)
            if let report = try? String(contentsOfFile: scratch.appendingPathComponent("maxrss").path, encoding: .utf8) {
                let lines = report.split(separator: "\n")
                if let last = lines.last, let kib = Int(last.trimmingCharacters(in: .whitespaces)) { maxRSS = kib }
                // GNU time exits 128+N for a child killed by signal N, and says so.
                if let line = lines.first(where: { $0.hasPrefix("Command terminated by signal ") }),
                   let number = Int32(line.split(separator: " ").last ?? "") {
                    signalled = number
                    exitStatus = nil
                }
            }
            return ChildRun(status: exitStatus, signal: signalled == 0 ? nil : signalled,
                            stdoutBytes: [UInt8](out), stderrBytes: [UInt8](err), maxRSSKiB: maxRSS)
        }
    }

    struct SpawnError: Error, CustomStringConvertible {
        var command: [String]
        var code: Int32
        var description: String { "could not start \(command.joined(separator: " ")): \(String(cString: strerror(code)))" }
    }

    struct TimedOut: Error, CustomStringConvertible {
        var command: [String]
        var seconds: TimeInterval
        var description: String { "\(command.joined(separator: " ")) did not finish within \(Int(seconds)) s (killed)" }
    }
}

/// GNU time, which measures a child's own peak memory.
enum GNUTime {
    static let path = "/usr/bin/time"
}

/// Running a child as an unprivileged user, so permission bits bind even when tests run as root.
enum Unprivileged {
    static let setpriv = "/usr/bin/setpriv"
    /// `nobody`.
    static let uid: uid_t = 65534

    /// The prefix that drops root to `nobody` for one command.
    static var prefix: [String] { [setpriv, "--reuid=\(uid)", "--regid=\(uid)", "--clear-groups"] }

    /// Whether permission bits can be tested: we are not root, or root can drop to `nobody` with setpriv.
    static var available: Bool { geteuid() != 0 || FileManager.default.isExecutableFile(atPath: setpriv) }

    /// Why permission tests are skipped when they are.
    static let skipReason: Comment = "running as root without /usr/bin/setpriv: permission bits do not bind, so this case cannot be tested honestly"
}

/// A temporary folder, removed when the value is released.
final class ScratchFolder: @unchecked Sendable {
    let url: URL
    var path: String { url.path }

    init(_ label: String = "ledger-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        // Readable and traversable by `nobody`, for the permission tests.
        chmod(url.path, 0o755)
    }

    /// The path of `name` inside the folder.
    func file(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `bytes` to `name` and returns its path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = file(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String { try write(name, Array(text.utf8)) }

    deinit {
        // Undo permission changes a test may have left, then remove everything.
        if let walker = FileManager.default.enumerator(atPath: url.path) {
            for case let name as String in walker { chmod(url.appendingPathComponent(name).path, 0o755) }
        }
        chmod(url.path, 0o755)
        try? FileManager.default.removeItem(at: url)
    }
}

extension LedgerProcess {
    /// The number of events in a ledger, from `verify` ("ok: N events, …"); fails the test when verify does not pass.
    static func verifiedCount(_ db: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        let run = try run(["verify", "--db", db])
        try #require(run.status == 0, "verify failed: \(run)", sourceLocation: sourceLocation)
        let text = run.stdout
        guard let range = text.range(of: "ok: "), let end = text.range(of: " events", range: range.upperBound..<text.endIndex),
              let count = Int(text[range.upperBound..<end.lowerBound]) else {
            Issue.record("unexpected verify output: \(text)", sourceLocation: sourceLocation)
            return -1
        }
        return count
    }

    /// The head hash a passing `verify` reports.
    static func verifiedHead(_ db: String) throws -> String {
        let run = try run(["verify", "--db", db])
        try #require(run.status == 0, "verify failed: \(run)")
        return String(run.stdout.split(separator: " ").last ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
