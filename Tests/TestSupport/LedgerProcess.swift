import Foundation
import LedgerCore
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs the built `partnership-ledger` binary as a child process, the way a user does.
///
/// The binary is the one this test build produced: it sits beside the test
/// runner in the build folder (`.build/debug` or `.build/release`, whichever
/// `swift test` built), or `$PARTNERSHIP_LEDGER_BINARY` when set. There is no
/// fallback to another build: a missing binary fails the test with a message
/// saying so. Children are started with `posix_spawn` and reaped with `wait4`,
/// so each run reports its exit status and its peak memory (max RSS). Children
/// get no timeout: a slow machine makes a run slow, never a failure.
public enum LedgerProcess {
    /// The repository root: Tests/TestSupport/LedgerProcess.swift → ../../..
    public static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The folder holding the running test executable (the build's products folder).
    static var productsFolder: URL? {
        #if os(Linux)
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path).deletingLastPathComponent()
        }
        #endif
        // macOS: the runner loads a .xctest bundle that sits in the products folder.
        if let bundle = Bundle.allBundles.first(where: { $0.bundlePath.hasSuffix(".xctest") }) {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        return nil
    }

    /// The binary under test; throws a clear message when this build did not produce it.
    public static func binary() throws -> String {
        if let path = ProcessInfo.processInfo.environment["PARTNERSHIP_LEDGER_BINARY"], !path.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: path) else { throw MissingBinary(path: path) }
            return path
        }
        guard let folder = productsFolder else { throw MissingBinary(path: "(the test runner's folder could not be found)") }
        let path = folder.appendingPathComponent("partnership-ledger").path
        guard FileManager.default.isExecutableFile(atPath: path) else { throw MissingBinary(path: path) }
        return path
    }

    /// The error thrown when the binary under test is not where this build put its products.
    public struct MissingBinary: Error, CustomStringConvertible {
        public var path: String
        public var description: String {
            "the partnership-ledger binary is missing at \(path), beside the test runner: build it with the tests (`swift build --build-tests`, or plain `swift test`), or set PARTNERSHIP_LEDGER_BINARY"
        }
    }

    /// Runs `partnership-ledger arguments…` and waits for it.
    ///
    /// - Parameters:
    ///   - stdin: a file whose bytes become standard input (else /dev/null); see `input` for text.
    ///   - input: text written to a scratch file and used as standard input.
    ///   - folder: the working folder (else the test process's).
    ///   - environment: entries added to the child's clean environment (PATH, HOME, LC_ALL).
    ///   - asUnprivilegedUser: when the tests run as root, run the child as `nobody` (see ``Unprivileged``).
    @discardableResult
    public static func run(_ arguments: [String], stdin: String? = nil, input: String? = nil, in folder: URL? = nil,
                           environment: [String: String] = [:], asUnprivilegedUser: Bool = false) throws -> ChildRun {
        var command = [try binary()] + arguments
        if asUnprivilegedUser, geteuid() == 0 { command = Unprivileged.prefix + command }
        var env = ["PATH": "/usr/bin:/bin", "HOME": folder?.path ?? FileManager.default.temporaryDirectory.path]
        env.merge(environment) { _, new in new }
        return try ChildRun.spawn(command, stdin: stdin, input: input, in: folder, environment: env, inherit: false)
    }
}

/// The outcome of one child process.
public struct ChildRun: Sendable, CustomStringConvertible {
    /// The exit status, or nil when a signal ended the child.
    public var status: Int32?
    /// The signal that ended the child, if one did.
    public var signal: Int32?
    public var stdoutBytes: [UInt8]
    public var stderrBytes: [UInt8]
    /// Peak resident memory of the child, in KiB (`ru_maxrss`, or GNU time's report when installed).
    public var maxRSSKiB: Int

    public var stdout: String { String(decoding: stdoutBytes, as: UTF8.self) }
    public var stderr: String { String(decoding: stderrBytes, as: UTF8.self) }
    /// The non-empty lines of stdout.
    public var stdoutLines: [String] { stdout.split(separator: "\n").map(String.init) }
    /// The lines of stderr, without the final line break.
    public var stderrLines: [Substring] { stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast(stderr.hasSuffix("\n") ? 1 : 0).map { $0 } }

    public var description: String {
        "exit \(status.map(String.init) ?? "signal \(signal ?? -1)"), stderr: \(stderr.prefix(600)), stdout: \(stdout.prefix(300))"
    }

    /// Starts `command` (path first) and waits for it; see ``start(_:stdin:input:in:environment:inherit:)``.
    public static func spawn(_ command: [String], stdin: String? = nil, input: String? = nil, in folder: URL? = nil,
                             environment: [String: String]? = nil, inherit: Bool = true) throws -> ChildRun {
        try start(command, stdin: stdin, input: input, in: folder, environment: environment, inherit: inherit).wait()
    }

    /// Starts `command` without waiting; several children can then run at once.
    ///
    /// Standard input is the file `stdin`, or the text `input`, or /dev/null. The environment is this
    /// process's (when `inherit`) plus `environment`, with `LC_ALL` defaulting to C.UTF-8.
    public static func start(_ command: [String], stdin: String? = nil, input: String? = nil, in folder: URL? = nil,
                             environment: [String: String]? = nil, inherit: Bool = true) throws -> RunningChild {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let outPath = scratch.appendingPathComponent("stdout").path
        let errPath = scratch.appendingPathComponent("stderr").path
        var inputPath = stdin ?? "/dev/null"
        if let input {
            inputPath = scratch.appendingPathComponent("stdin").path
            try Data(input.utf8).write(to: URL(fileURLWithPath: inputPath))
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inputPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        var env = inherit ? ProcessInfo.processInfo.environment : [:]
        for (key, value) in environment ?? [:] { env[key] = value }
        env["LC_ALL"] = env["LC_ALL"] ?? "C.UTF-8"
        // posix_spawn shares this process's memory until exec, and Linux carries that peak into the
        // child's ru_maxrss, so the test runner's own size would count as the child's. GNU time forks
        // a fresh child and reports that child's own peak; use it when it is installed.
        let rssPath = scratch.appendingPathComponent("maxrss").path
        // A working folder: a shell enters it and execs the command (posix_spawn's chdir action is not portable).
        let entered = folder.map { ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", $0.path] + command } ?? command
        let launched = FileManager.default.isExecutableFile(atPath: GNUTime.path)
            ? [GNUTime.path, "-f", "%M", "-o", rssPath] + entered : entered
        let argv = launched.map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }

        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, launched[0], &actions, nil, argv, envp)
        guard spawned == 0 else {
            try? FileManager.default.removeItem(at: scratch)
            throw SpawnError(command: command, code: spawned)
        }
        return RunningChild(pid: pid, command: command, scratch: scratch, underTime: launched[0] == GNUTime.path)
    }

    /// A started child process; ``wait()`` reaps it and collects its output.
    public final class RunningChild: @unchecked Sendable {
        public let pid: pid_t
        public let command: [String]
        let scratch: URL

        /// Whether GNU time runs the command as its child (to measure its peak memory).
        let underTime: Bool

        init(pid: pid_t, command: [String], scratch: URL, underTime: Bool) {
            self.pid = pid; self.command = command; self.scratch = scratch; self.underTime = underTime
        }

        /// Sends `signal` to the command itself. `kill(pid, …)` would reach only GNU time when it wraps the
        /// command, and the command would run on; under time, the signal goes to time's child.
        public func signalCommand(_ signal: Int32) throws {
            guard underTime else { kill(pid, signal); return }
            let children = (try String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8))
                .split(separator: " ").compactMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            guard !children.isEmpty else { throw SpawnError(command: command, code: ESRCH) }
            for child in children { kill(child, signal) }
        }

        /// Waits, without a time limit, for the child to end; returns what it printed and how it ended.
        public func wait() throws -> ChildRun {
            defer { try? FileManager.default.removeItem(at: scratch) }
            var status: Int32 = 0
            var usage = rusage()
            while true {
                let reaped = wait4(pid, &status, 0, &usage)
                if reaped == pid { break }
                if reaped == -1 && errno != EINTR { throw SpawnError(command: command, code: errno) }
            }
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

    /// A child that could not be started.
    public struct SpawnError: Error, CustomStringConvertible {
        public var command: [String]
        public var code: Int32
        public var description: String { "could not start \(command.joined(separator: " ")): \(String(cString: strerror(code)))" }
    }
}

/// GNU time, which measures a child's own peak memory.
public enum GNUTime {
    public static let path = "/usr/bin/time"
}

/// Running a child as an unprivileged user, so permission bits bind even when tests run as root.
public enum Unprivileged {
    static let setpriv = "/usr/bin/setpriv"
    /// `nobody`.
    static let uid: uid_t = 65534

    /// The prefix that drops root to `nobody` for one command.
    public static var prefix: [String] { [setpriv, "--reuid=\(uid)", "--regid=\(uid)", "--clear-groups"] }

    /// Whether permission bits can be tested: we are not root, or root can drop to `nobody` with setpriv.
    public static var available: Bool { geteuid() != 0 || FileManager.default.isExecutableFile(atPath: setpriv) }

    /// Why permission tests are skipped when they are.
    public static let skipReason: Comment = "running as root without /usr/bin/setpriv: permission bits do not bind, so this case cannot be tested honestly"
}

extension LedgerProcess {
    /// The number of events in a ledger, from `verify` ("ok: N events, …"); fails the test when verify does not pass.
    public static func verifiedCount(_ db: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
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
    public static func verifiedHead(_ db: String) throws -> String {
        let run = try run(["verify", "--db", db])
        try #require(run.status == 0, "verify failed: \(run)")
        return String(run.stdout.split(separator: " ").last ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// A scratch working folder with its own ledger, for running the CLI the way a user does in a folder.
public struct LedgerCLI {
    /// What one run printed and how it ended.
    public typealias Result = ChildRun
    /// The repository root.
    public static var root: URL { LedgerProcess.repositoryRoot }
    let scratch: ScratchFolder
    /// A fresh, empty scratch folder; ledgers and inputs go here, and commands run in it.
    public var folder: URL { scratch.url }
    /// The `--db` path tests pass explicitly.
    public var db: String { scratch.file("ledger.sqlite") }

    public init() throws { scratch = try ScratchFolder("ledger-cli") }

    /// Runs the binary with `arguments` in ``folder``, with `stdin` as its input text; `environment`
    /// entries are added to a clean environment whose HOME is the folder.
    @discardableResult
    public func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> ChildRun {
        try LedgerProcess.run(arguments, input: stdin, in: folder, environment: environment)
    }

    /// How many events the ledger at ``db`` holds, read through `log --format json`.
    public func eventCount() throws -> Int {
        let result = try run(["log", "--db", db, "--format", "json"])
        try #require(result.status == 0, "log failed: \(result.stderr)")
        guard case .array(let events) = try JSONParser.parse(result.stdout) else { return -1 }
        return events.count
    }

    /// Writes `text` to a file in the scratch folder and returns its path.
    public func write(_ name: String, _ text: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        return try scratch.write(name, text)
    }
}
