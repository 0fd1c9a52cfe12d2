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
        ["shares", HistoryGenerator.companyID(1), "--as-of", "1900-01-01"], ["revenue", "openai", "--known-at", "1"],
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
            let small = try LedgerProcess.run(["import", events, "--db", db, "--no-snapshots"])
            try #require(small.status == 0, "import into \(db.prefix(10)) failed: \(small)")
            // The 10k import rebuilds the snapshots on both stores.
            let large = try LedgerProcess.run(["import", generated, "--db", db])
            try #require(large.status == 0, "import into \(db.prefix(10)) failed: \(large)")
            #expect(large.stderr.contains("rebuilt "), "no snapshot rebuild after the import into \(db.prefix(10)): \(large.stderr)")
        }
        #expect(try LedgerProcess.verifiedCount(postgres) == LedgerProcess.verifiedCount(sqlite))
        try expectSameSnapshots(sqlite, postgres, nonEmpty: true)
        for query in Self.queries {
            let arguments = query + ["--format", "json"]
            // `check` and `diff` take no --no-snapshots: run them as they are.
            let replay = ["check", "diff"].contains(query[0]) ? [] : ["--no-snapshots"]
            let fromSQLite = try LedgerProcess.run(arguments + ["--db", sqlite] + replay)
            let fromPostgres = try LedgerProcess.run(arguments + ["--db", postgres])
            let replayed = try LedgerProcess.run(arguments + ["--db", postgres] + replay)
            try #require(fromSQLite.status == 0, "\(query) on SQLite: \(fromSQLite)")
            #expect(fromPostgres.status == 0, "\(query) on PostgreSQL: \(fromPostgres)")
            #expect(fromPostgres.stdout == fromSQLite.stdout, "\(query.joined(separator: " ")) answers differently")
            #expect(replayed.stdout == fromPostgres.stdout, "\(query.joined(separator: " ")) differs on PostgreSQL with and without snapshots")
            #expect(fromSQLite.stdout.count > 20, "\(query) printed almost nothing: \(fromSQLite.stdout)")
        }
        // The log itself, less the times and hashes that record when each store was written.
        let exported = try [sqlite, postgres].map { try LedgerProcess.run(["export", "--db", $0]).stdout }
        #expect(exported[0] == exported[1])
        #expect(exported[0].split(separator: "\n").count > 10_000)
    }

    /// `snapshot list` prints the same JSON for both ledgers (ids, dates, seqs, parts, bytes and validity).
    func expectSameSnapshots(_ sqlite: String, _ postgres: String, nonEmpty: Bool, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let lists = try [sqlite, postgres].map { db in
            let run = try LedgerProcess.run(["snapshot", "list", "--format", "json", "--db", db])
            #expect(run.status == 0, "\(run)", sourceLocation: sourceLocation)
            return run.stdout
        }
        #expect(lists[0] == lists[1], "snapshot list differs:\n\(lists[0])\n\(lists[1])", sourceLocation: sourceLocation)
        #expect(lists[0].contains("\"seq\"") == nonEmpty, "\(lists[0])", sourceLocation: sourceLocation)
    }

    /// `snapshot rebuild`, `list` and `clear` on a PostgreSQL ledger say what they say on SQLite, and a back-dated
    /// append marks the same checkpoints stale on both.
    @Test func snapshotCommandsMatchSQLite() throws {
        let scratch = try ScratchFolder("pg-snapshots")
        let events = LedgerProcess.repositoryRoot.appendingPathComponent("Events").path
        let sqlite = scratch.file("ledger.sqlite")
        let postgres = try PostgresServer.freshDatabase()
        for db in [sqlite, postgres] { try #require(try LedgerProcess.run(["import", events, "--db", db]).status == 0) }
        try expectSameSnapshots(sqlite, postgres, nonEmpty: false)

        // `built 5 snapshots over 160 events (…) in 0.01 s`: the same but for the time.
        let built = try [sqlite, postgres].map { db in
            let run = try LedgerProcess.run(["snapshot", "rebuild", "--interval", "30", "--db", db])
            #expect(run.status == 0, "\(run)")
            return run.stdout.components(separatedBy: ") in ").first ?? ""
        }
        #expect(built[0] == built[1])
        #expect(built[0].hasPrefix("built ") && !built[0].hasPrefix("built 0 "), "\(built[0])")
        try expectSameSnapshots(sqlite, postgres, nonEmpty: true)
        let tables = try [sqlite, postgres].map { try LedgerProcess.run(["snapshot", "list", "--db", $0]).stdout }
        #expect(tables[0] == tables[1])

        // A party registered with an early date: every checkpoint from then on goes stale at its seq, on both stores.
        let file = try scratch.write("back-dated.json", #"{"type":"party","id":"p-back","party":"back-dated-co","name":"Back Dated Co","kind":"company","date":"2025-01-01"}"#)
        var seq = ""
        for db in [sqlite, postgres] {
            let run = try LedgerProcess.run(["append", file, "--db", db])
            try #require(run.status == 0, "\(run)")
            seq = run.stdout.split(separator: "\t").first.map(String.init) ?? ""
        }
        try expectSameSnapshots(sqlite, postgres, nonEmpty: true)
        let listed = try LedgerProcess.run(["snapshot", "list", "--format", "json", "--db", postgres]).stdout
        let snapshots = try #require(try JSONSerialization.jsonObject(with: Data(listed.utf8)) as? [String: [[String: Any]]])["snapshots"] ?? []
        try #require(!snapshots.isEmpty)
        for snapshot in snapshots {
            let stale = (snapshot["date"] as? String ?? "") >= "2025-01-01"
            #expect((snapshot["invalidFrom"] as? Int).map(String.init) == (stale ? seq : nil), "\(snapshot)")
        }
        let states = try [[sqlite, "--no-snapshots"], [postgres], [postgres, "--no-snapshots"]].map { tail in
            try LedgerProcess.run(["state", "--format", "json", "--as-of", "2099-12-31", "--db"] + tail).stdout
        }
        #expect(states[1] == states[0] && states[2] == states[0])
        #expect(states[1].contains("back-dated-co"), "a stale snapshot hid the back-dated party")

        let cleared = try [sqlite, postgres].map { try LedgerProcess.run(["snapshot", "clear", "--db", $0]).stdout }
        #expect(cleared[0] == cleared[1] && cleared[0].hasPrefix("deleted "), "\(cleared)")
        try expectSameSnapshots(sqlite, postgres, nonEmpty: false)
    }

    /// An unknown party or partnership gets the same sentence, with its "did you mean", from both stores.
    @Test(arguments: [
        ["append", "valuation", "--company", "acmee", "--value", "1B", "--basis", "secondary", "--date", "2024-01-01"],
        ["append", "renegotiation", "--partnership", "acme-fnd", "--remove", "revenue-share", "--date", "2024-01-01"],
        ["import", "typo.json"],
    ])
    func anUnknownNameGetsTheSameSuggestionOnBothStores(_ arguments: [String]) throws {
        let scratch = try ScratchFolder("pg-suggest")
        _ = try scratch.write("typo.json", #"{"type": "valuation", "id": "typo", "date": "2024-01-01", "company": "acmee", "value": {"amount": "1", "currency": "USD"}, "basis": "secondary"}"#)
        let refusals = try [scratch.file("ledger.sqlite"), try PostgresServer.freshDatabase()].map { db in
            let seeded = try LedgerProcess.run(["append", "-", "--db", db], input: GuidanceCLITests.history)
            try #require(seeded.status == 0, "\(seeded)")
            let before = try LedgerProcess.verifiedCount(db)
            let run = try LedgerProcess.run(arguments.map { $0 == "typo.json" ? scratch.file($0) : $0 } + ["--db", db])
            expectPlainFailure(run, containing: "did you mean \"acme")
            #expect(try LedgerProcess.verifiedCount(db) == before)
            return run.stderr
        }
        #expect(refusals[0] == refusals[1])
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
