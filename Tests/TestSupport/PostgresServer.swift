import Foundation
import LedgerStore
import Testing

/// The PostgreSQL server the tests use, and a fresh database for each test.
///
/// The server is named by `$PARTNERSHIP_LEDGER_TEST_PG`, an admin URL (a user that may
/// `CREATE DATABASE`), e.g. what `Tools/pg-cluster start DIR` prints. `.ci/run` starts a
/// throw-away cluster and sets it. Without it, PostgreSQL tests are skipped locally with
/// ``skipReason``; under CI (`CI=true`) they run anyway and fail, so CI never skips them.
///
/// ```swift
/// @Test(.enabled(if: PostgresServer.enabled, PostgresServer.skipReason))
/// func works() throws { let url = try PostgresServer.freshDatabase(); … }
/// ```
public enum PostgresServer {
    /// The environment variable naming the test server.
    public static let environmentVariable = "PARTNERSHIP_LEDGER_TEST_PG"

    /// The admin URL, when one is configured.
    public static var adminURL: String? {
        ProcessInfo.processInfo.environment[environmentVariable].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether this is a CI run, where PostgreSQL tests must run.
    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Whether PostgreSQL tests run: a server is configured, or CI demands them (and then fails without one).
    public static var enabled: Bool { adminURL != nil || isCI }

    /// Why PostgreSQL tests are skipped on this machine.
    public static let skipReason: Comment = "no PostgreSQL server configured: set PARTNERSHIP_LEDGER_TEST_PG to an admin URL (`Tools/pg-cluster start /tmp/pg` prints one); CI always runs these tests"

    /// The admin URL, or a failure saying none is configured (what CI gets without a server).
    public static func requireAdminURL() throws -> String {
        guard let adminURL else {
            throw NotConfigured()
        }
        return adminURL
    }

    /// Thrown when a PostgreSQL test runs without a server (under CI).
    public struct NotConfigured: Error, CustomStringConvertible {
        public var description: String {
            "CI=true but \(PostgresServer.environmentVariable) is not set: the PostgreSQL tests must run in CI (.ci/run starts a server)"
        }
    }

    /// Creates an empty database and returns its URL (the admin user's credentials, another database name).
    public static func freshDatabase(_ label: String = "t") throws -> String {
        let admin = try requireAdminURL()
        let name = "pl_\(label)_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try psql(admin, "CREATE DATABASE \(name)")
        return url(admin, database: name)
    }

    /// `url` with its database replaced by `database` (and its user and password by `user`, `password` when given).
    public static func url(_ url: String, database: String, user: String? = nil, password: String? = nil) -> String {
        guard var components = URLComponents(string: url) else { return url }
        components.path = "/" + database
        if let user { components.user = user; components.password = password }
        return components.string ?? url
    }

    /// Runs SQL with psql on `url` (stopping at the first error); returns what psql printed, tuples only.
    @discardableResult
    public static func psql(_ url: String, _ sql: String) throws -> String {
        let run = try ChildRun.spawn(["/usr/bin/psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql],
                                     environment: ["PGCONNECT_TIMEOUT": "10"])
        guard run.status == 0 else { throw PsqlFailed(sql: sql, output: run.stderr) }
        return run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// psql refused a statement; `output` is what the server said.
    public struct PsqlFailed: Error, CustomStringConvertible {
        public var sql: String
        public var output: String
        public var description: String { "psql failed on \(sql.prefix(200)): \(output)" }
    }

    /// Creates a login user holding `role` (a ledger role that `init` created) and returns its URL for `database`.
    public static func loginUser(holding role: String, database url: String) throws -> String {
        let admin = try requireAdminURL()
        let user = "pl_user_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12)
        try psql(admin, "CREATE ROLE \(user) LOGIN PASSWORD 'pw-\(user)' IN ROLE \(role)")
        let database = URLComponents(string: url)?.path.dropFirst() ?? ""
        return Self.url(url, database: String(database), user: user, password: "pw-\(user)")
    }
}

/// Which store a parameterized test runs on.
public enum LedgerBackend: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case sqlite, postgres

    public var testDescription: String { rawValue }

    /// The backends that run here: SQLite always, PostgreSQL when a server is configured or CI demands it.
    public static var available: [LedgerBackend] { PostgresServer.enabled ? [.sqlite, .postgres] : [.sqlite] }

    /// A fresh, empty ledger location: a file in `scratch`, or a new database on the test server.
    public func freshLocation(in scratch: ScratchFolder) throws -> String {
        switch self {
        case .sqlite: return scratch.file("ledger.sqlite")
        case .postgres: return try PostgresServer.freshDatabase()
        }
    }

    /// A fresh store opened for writing.
    public func freshStore(in scratch: ScratchFolder) throws -> EventStore {
        try EventStore.open(path: freshLocation(in: scratch))
    }
}
