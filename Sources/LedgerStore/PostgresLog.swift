import Foundation
import LedgerCore
internal import Logging
internal import PostgresNIO

/// The PostgreSQL backend of ``EventStore``: one connection, used one transaction at a time.
///
/// PostgresNIO is asynchronous; the store is not. Every statement is sent
/// on NIO's event loop and the calling thread waits for its future, never
/// for a Swift concurrency task, so a caller on any thread (the CLI's main
/// thread, a test's task) cannot starve the loop that answers it. Every
/// error from the server or the connection leaves as a ``LedgerError`` with
/// one plain sentence that names the server by its URL without the password.
final class PostgresLog: Sendable {
    let location: PostgresLocation
    private let connection: PostgresConnection
    /// One transaction at a time on the connection.
    private let lock = NSLock()
    /// Rows per page when the log is read in seq order.
    static let pageSize = 10_000
    static let logger = Logger(label: "partnership-ledger.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    private init(location: PostgresLocation, connection: PostgresConnection) {
        self.location = location
        self.connection = connection
    }

    /// Connects to the server `location` names.
    static func connect(_ location: PostgresLocation) throws -> PostgresLog {
        do {
            var configuration: PostgresConnection.Configuration
            if let folder = location.socketFolder {
                configuration = .init(unixSocketPath: "\(folder)/.s.PGSQL.\(location.port)", username: location.user,
                                      password: location.password, database: location.database)
            } else {
                configuration = .init(host: location.host ?? "localhost", port: location.port, username: location.user,
                                      password: location.password, database: location.database, tls: try tls(location.sslMode))
            }
            configuration.options.connectTimeout = .seconds(10)
            let connection = try PostgresConnection.connect(on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration,
                                                            id: 1, logger: logger).wait()
            return PostgresLog(location: location, connection: connection)
        } catch {
            throw plainError(error, location)
        }
    }

    private static func tls(_ mode: PostgresLocation.SSLMode) throws -> PostgresConnection.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch mode {
        case .disable: return .disable
        case .allow, .prefer:
            tls.certificateVerification = .none
            return .prefer(try NIOSSLContext(configuration: tls))
        case .require:
            tls.certificateVerification = .none
            return .require(try NIOSSLContext(configuration: tls))
        case .verifyCA:
            tls.certificateVerification = .noHostnameVerification
            return .require(try NIOSSLContext(configuration: tls))
        case .verifyFull:
            return .require(try NIOSSLContext(configuration: tls))
        }
    }

    /// A store dropped without ``close()`` still says goodbye to the server (PostgresNIO insists on it).
    deinit {
        if !connection.isClosed { try? connection.close().wait() }
    }

    /// Closes the connection.
    func close() throws {
        guard !connection.isClosed else { return }
        do { try connection.close().wait() } catch { throw Self.plainError(error, location) }
    }

    /// Runs `body` in a read-only transaction that sees one snapshot of the log.
    func reading<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        try transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
    }

    /// Runs `body` in a read-write transaction; commits when it returns, rolls back when it throws.
    func writing<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        try transaction("BEGIN", body)
    }

    private func transaction<T>(_ begin: String, _ body: (PostgresSession) throws -> T) throws -> T {
        try lock.withLock {
            let session = PostgresSession(connection: connection, location: location)
            try session.execute(begin)
            do {
                let result = try body(session)
                try session.execute("COMMIT")
                return result
            } catch {
                // After a lost connection there is nothing to roll back: the server already did.
                try? session.execute("ROLLBACK")
                throw error
            }
        }
    }

    /// The connection closed under a command.
    static func connectionLost(_ location: PostgresLocation) -> LedgerError {
        LedgerError("the connection to the PostgreSQL server at \(location.serverName) was lost; nothing of an unfinished batch was stored (run it again)")
    }

    /// An error from PostgresNIO or NIO in one plain sentence.
    static func plainError(_ error: Error, _ location: PostgresLocation) -> Error {
        if error is LedgerError { return error }
        let server = location.serverName
        if let error = error as? PSQLError {
            if error.code == .server, let state = error.serverInfo?[.sqlState] {
                let message = error.serverInfo?[.message] ?? "an error"
                switch state {
                case "28P01", "28000":
                    return LedgerError("the PostgreSQL server at \(server) refused the login of user \"\(location.user)\" (wrong or missing password; give it in the URL, $PGPASSWORD or ~/.pgpass)")
                case "3D000":
                    return LedgerError("database \"\(location.database)\" does not exist on the PostgreSQL server at \(server); create it with `createdb \(location.database)`, then run `partnership-ledger init --db \(location.redacted)`")
                case "42501":
                    return LedgerError("user \"\(location.user)\" may not do this on the ledger at \(location.redacted) (\(message)); appending needs the writer role")
                case "P0001":
                    return LedgerError("the ledger refused the write: \(message)")
                case "23505", "23503", "23514":
                    return LedgerError("the ledger refused the write: \(message)")
                case "57P01", "57P02", "57P03":
                    return LedgerError("the PostgreSQL server at \(server) shut down or restarted during the command; nothing of an unfinished batch was stored (run it again)")
                case "53300":
                    return LedgerError("the PostgreSQL server at \(server) has too many connections; try again")
                default:
                    return LedgerError("the PostgreSQL server at \(server) reported: \(message)")
                }
            }
            switch error.code {
            case .connectionError:
                return LedgerError("cannot connect to the PostgreSQL server at \(server) (is it running, and does it accept connections there?)")
            case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
                return connectionLost(location)
            case .sslUnsupported:
                return LedgerError("the PostgreSQL server at \(server) does not offer TLS, which sslmode=\(location.sslMode.rawValue) requires")
            case .authMechanismRequiresPassword:
                return LedgerError("the PostgreSQL server at \(server) asks user \"\(location.user)\" for a password and none was given (put it in the URL, $PGPASSWORD or ~/.pgpass)")
            default:
                return LedgerError("the PostgreSQL connection to \(server) failed (\(error.code))")
            }
        }
        if error is NIOConnectionError || error is IOError || error is ChannelError {
            return LedgerError("cannot connect to the PostgreSQL server at \(server) (is it running, and does it accept connections there?)")
        }
        return LedgerError("the PostgreSQL connection to \(server) failed: \(String(describing: type(of: error)))")
    }
}

/// One transaction's statements on the connection; every call waits for the server's answer.
struct PostgresSession {
    let connection: PostgresConnection
    let location: PostgresLocation

    /// Runs `query` and returns every row of its answer.
    @discardableResult
    func rows(_ query: PostgresQuery) throws -> PostgresQueryResult {
        // A query written to a closed connection is never answered: fail before sending it.
        guard !connection.isClosed else { throw PostgresLog.connectionLost(location) }
        do { return try connection.query(query, logger: PostgresLog.logger).wait() } catch { throw PostgresLog.plainError(error, location) }
    }

    /// Runs one SQL statement that takes no parameters.
    func execute(_ sql: String) throws {
        try rows(PostgresQuery(unsafeSQL: sql))
    }

    /// Runs a script of statements separated by `;` (outside quotes and `$$` bodies), one at a time.
    func execute(script: String) throws {
        for statement in Self.statements(script) { try execute(statement) }
    }

    /// The statements of a script: split at each `;` that is not inside '…', "…" or a `$$` body; `--` comments dropped.
    static func statements(_ script: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var quote: Character?
        var inBody = false
        var previous: Character = " "
        var comment = false
        for character in script {
            if comment {
                if character == "\n" { comment = false; current.append(character) }
                continue
            }
            if !inBody, quote == nil, character == "-", previous == "-" {
                current.removeLast()
                comment = true
                previous = " "
                continue
            }
            current.append(character)
            if inBody {
                if character == "$", previous == "$" { inBody = false; previous = " "; continue }
            } else if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "$", previous == "$" {
                inBody = true; previous = " "; continue
            } else if character == ";" {
                current.removeLast()
                let statement = current.trimmingCharacters(in: .whitespacesAndNewlines)
                if !statement.isEmpty { statements.append(statement) }
                current = ""
            }
            previous = character
        }
        let last = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !last.isEmpty { statements.append(last) }
        return statements
    }

    /// The single value of a one-row, one-column answer, if any.
    func value<T: PostgresDecodable>(_ query: PostgresQuery, as type: T.Type = T.self) throws -> T? {
        guard let row = try rows(query).first else { return nil }
        return try decode(row, as: T.self)
    }

    /// Decodes a row's columns, as a plain error when the columns are not what the ledger expects.
    func decode<each Column: PostgresDecodable>(_ row: PostgresRow, as type: (repeat each Column).Type) throws -> (repeat each Column) {
        do { return try row.decode((repeat each Column).self) } catch {
            throw LedgerError("the ledger at \(location.redacted) holds a row this version cannot read (\(type)); run `partnership-ledger verify`")
        }
    }

    /// Calls `body` with each row's seq and payload bytes.
    func forEachPayload(_ query: PostgresQuery, _ body: (Int64, UnsafeRawBufferPointer) throws -> Void) throws {
        for row in try rows(query) {
            let (seq, payload) = try decode(row, as: (Int64, String).self)
            var text = payload
            try text.withUTF8 { try body(seq, UnsafeRawBufferPointer($0)) }
        }
    }
}
