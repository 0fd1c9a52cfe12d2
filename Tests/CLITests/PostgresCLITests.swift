import Foundation
import LedgerCore
import SyntheticHistory
import TestSupport
import Testing

/// The command line on a PostgreSQL ledger: the same answers as SQLite, credentials kept out of
/// every message, plain sentences for connection failures, and the writer and reader roles.
@Suite(.enabled(if: PostgresServer.enabled, PostgresServer.skipReason))
struct PostgresCLITests {
    /// Every query command, with JSON output, over the bundled history and a generated one.
    static let queries: [[String]] = [
        ["state"], ["shares", "openai"], ["shares", "anthropic", "--as-of", "2025-01-01"], ["terms", "microsoft-openai"],
        ["audit", "microsoft-openai"], ["audit", "openai", "--stakes"], ["diff", "--from", "2023-01-01", "--to", "2026-01-01"],
        ["revenue", "openai"], ["governance", "openai"], ["investments"], ["flows"], ["commitments"], ["negotiations", "--all"],
        ["check"], ["shares", HistoryGenerator.companyID(1)], ["terms", HistoryGenerator.partnershipID(2)],
        ["audit", HistoryGenerator.partnershipID(2)], ["revenue", HistoryGenerator.companyID(4)],
        ["state", "--as-of", "2015-06-30", "--known-at", "5000"], ["diff", "--from", "2001-01-01", "--to", "2019-12-31", "--known-at", "8000"],
    ]

    /// One check for every failed run: exit 1, one plain line on stderr, never the password.
    func expectPlainFailure(_ run: ChildRun, containing fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.status == 1, "expected exit 1: \(run)", sourceLocation: sourceLocation)
        #expect(run.stderrLines.count == 1, "expected one line: \(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stderr.hasPrefix("partnership-ledger: "), "\(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stderr.contains(fragment), "expected \"\(fragment)\" in \(run.stderr)", sourceLocation: sourceLocation)
        for secret in ["ledger-test", "s3cret"] {
            #expect(!run.stderr.contains(secret) && !run.stdout.contains(secret), "a password was printed: \(run)", sourceLocation: sourceLocation)
        }
    }

    @Test func bothStoresGiveTheSameAnswers() throws {
        let scratch = try ScratchFolder("same-answers")
        let history = try HistoryGenerator(count: 10_000, seed: 11).events().map(\.canonicalText).joined(separator: "\n")
        let generated = try scratch.write("generated/history.jsonl", history)
        let events = LedgerProcess.repositoryRoot.appendingPathComponent("Events").path
        let sqlite = scratch.file("ledger.sqlite")
        let postgres = try PostgresServer.freshDatabase()
        for db in [sqlite, postgres] {
            for source in [events, generated] {
                let run = try LedgerProcess.run(["import", source, "--db", db, "--no-snapshots"])
                try #require(run.status == 0, "import into \(db.prefix(10)) failed: \(run)")
            }
        }
        #expect(try LedgerProcess.verifiedCount(postgres) == LedgerProcess.verifiedCount(sqlite))
        for query in Self.queries {
            let arguments = query + ["--format", "json"]
            let fromSQLite = try LedgerProcess.run(arguments + ["--db", sqlite])
            let fromPostgres = try LedgerProcess.run(arguments + ["--db", postgres])
            try #require(fromSQLite.status == 0, "\(query) on SQLite: \(fromSQLite)")
            #expect(fromPostgres.status == 0, "\(query) on PostgreSQL: \(fromPostgres)")
            #expect(fromPostgres.stdout == fromSQLite.stdout, "\(query.joined(separator: " ")) answers differently")
            #expect(fromSQLite.stdout.count > 20, "\(query) printed almost nothing: \(fromSQLite.stdout)")
        }
        // The log itself, less the times and hashes that record when each store was written.
        let exported = try [sqlite, postgres].map { try LedgerProcess.run(["export", "--db", $0]).stdout }
        #expect(exported[0] == exported[1])
        #expect(exported[0].split(separator: "\n").count > 10_000)
    }

    @Test func connectionFailuresAreOnePlainSentence() throws {
        let admin = try PostgresServer.requireAdminURL()
        let db = try PostgresServer.freshDatabase()
        #expect(try LedgerProcess.run(["init", "--db", db]).status == 0)
        var wrong = try #require(URLComponents(string: db))
        wrong.password = "s3cret-wrong"
        expectPlainFailure(try LedgerProcess.run(["verify", "--db", wrong.string!]), containing: "refused the login of user")
        expectPlainFailure(try LedgerProcess.run(["shares", "openai", "--db", PostgresServer.url(admin, database: "pl_no_such_db")]),
                           containing: "database \"pl_no_such_db\" does not exist")
        var down = try #require(URLComponents(string: db))
        down.port = 1
        expectPlainFailure(try LedgerProcess.run(["verify", "--db", down.string!]), containing: "cannot connect to the PostgreSQL server at")
        expectPlainFailure(try LedgerProcess.run(["verify", "--db", db + "&sslmode=nonsense"]), containing: "sslmode")
        let notALedger = try PostgresServer.freshDatabase()
        expectPlainFailure(try LedgerProcess.run(["log", "--db", notALedger]), containing: "is not a partnership ledger")
        expectPlainFailure(try LedgerProcess.run(["init", "--db", db]), containing: "already holds a ledger")
    }

    @Test func thePasswordComesFromTheURLOrPGPASSWORDOrPgpass() throws {
        let db = try PostgresServer.freshDatabase()
        let components = try #require(URLComponents(string: db))
        let password = try #require(components.password)
        var bare = components
        bare.password = nil
        let withoutPassword = bare.string!
        let folder = try ScratchFolder("pgpass")
        let noPassword = try LedgerProcess.run(["init", "--db", withoutPassword], in: folder.url)
        expectPlainFailure(noPassword, containing: "none was given")
        let fromEnvironment = try LedgerProcess.run(["init", "--db", withoutPassword], in: folder.url, environment: ["PGPASSWORD": password])
        #expect(fromEnvironment.status == 0, "\(fromEnvironment)")
        #expect(!fromEnvironment.stderr.contains(password), "\(fromEnvironment.stderr)")
        // HOME is the folder: its .pgpass answers for this host, port, database and user.
        try folder.write(".pgpass", "# test\n*:*:*:someone-else:nope\n\(components.host!):\(components.port!):*:\(components.user!):\(password)\n")
        let fromFile = try LedgerProcess.run(["verify", "--db", withoutPassword], in: folder.url)
        #expect(fromFile.status == 0, "\(fromFile)")
        #expect(fromFile.stdout.hasPrefix("ok: 0 events"), "\(fromFile.stdout)")
    }

    @Test func theReaderRoleQueriesAndCannotAppend() throws {
        let db = try PostgresServer.freshDatabase()
        let initRun = try LedgerProcess.run(["init", "--db", db])
        try #require(initRun.status == 0, "\(initRun)")
        #expect(initRun.stderr.contains("partnership_ledger_reader"), "\(initRun.stderr)")
        let events = LedgerProcess.repositoryRoot.appendingPathComponent("Events").path
        try #require(try LedgerProcess.run(["import", events, "--db", db]).status == 0)
        let reader = try PostgresServer.loginUser(holding: "partnership_ledger_reader", database: db)
        let writer = try PostgresServer.loginUser(holding: "partnership_ledger_writer", database: db)

        let shares = try LedgerProcess.run(["shares", "openai", "--db", reader, "--format", "json"])
        #expect(shares.status == 0, "\(shares)")
        #expect(shares.stdout == (try LedgerProcess.run(["shares", "openai", "--db", db, "--format", "json"])).stdout)
        #expect(try LedgerProcess.run(["verify", "--db", reader]).status == 0)

        let scratch = try ScratchFolder("roles")
        let file = try scratch.write("v.json", #"{"type":"valuation","id":"v-role","date":"2026-01-01","company":"openai","value":{"amount":"1","currency":"USD"},"basis":"reported"}"#)
        let refused = try LedgerProcess.run(["append", file, "--db", reader])
        expectPlainFailure(refused, containing: "appending needs the writer role")
        let before = try LedgerProcess.verifiedCount(db)
        let appended = try LedgerProcess.run(["append", file, "--db", writer])
        #expect(appended.status == 0, "\(appended)")
        #expect(try LedgerProcess.verifiedCount(db) == before + 1)
        // The writer may append but not rewrite: the server refuses it, whatever the client.
        #expect(throws: PostgresServer.PsqlFailed.self) { try PostgresServer.psql(writer, "DELETE FROM event WHERE seq = 1") }
    }
}
