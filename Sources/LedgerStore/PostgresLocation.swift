import Foundation
import LedgerCore

/// Where a PostgreSQL ledger lives: a `postgres://` or `postgresql://` URL, parsed as libpq reads it.
///
/// `postgres://user[:password]@host[:port]/dbname[?sslmode=…&host=/socket/dir]`. The password
/// comes from the URL, else `$PGPASSWORD`, else the password file (`$PGPASSFILE` or
/// `~/.pgpass`, lines `host:port:database:user:password` with `*` wildcards). It is never
/// shown: ``redacted`` is the URL without it, the form every message uses.
///
/// ```swift
/// let location = try PostgresLocation(url: "postgres://alice@db.example:5432/ledger?sslmode=require")
/// print(location.redacted)   // postgres://alice@db.example:5432/ledger?sslmode=require
/// ```
public struct PostgresLocation: Hashable, Sendable {
    /// How to use TLS, as libpq's `sslmode` says.
    public enum SSLMode: String, Hashable, Sendable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    /// The host name or address; nil with a Unix socket.
    public var host: String?
    /// The folder holding the server's Unix socket, when `host` in the query names one (a path).
    public var socketFolder: String?
    /// The server's port.
    public var port: Int
    /// The user to log in as.
    public var user: String
    /// The password, when one was found (URL, `$PGPASSWORD` or the password file).
    var password: String?
    /// The database name.
    public var database: String
    /// TLS use (default `prefer`, as libpq).
    public var sslMode: SSLMode

    /// Whether `text` names a PostgreSQL ledger rather than a file.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Parses a `postgres://` URL; `environment` supplies `PGPASSWORD`, `PGPASSFILE`, `PGUSER`, `USER` and `HOME`.
    public init(url text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard Self.isURL(text), let components = URLComponents(string: text) else {
            throw LedgerError("\(Self.redact(text)) is not a PostgreSQL URL (use postgres://user@host:port/dbname)", field: "--db")
        }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] { query[item.name] = item.value ?? "" }
        let hostParameter = query["host"].flatMap { $0.isEmpty ? nil : $0 }
        if let hostParameter, hostParameter.hasPrefix("/") {
            socketFolder = hostParameter
            host = nil
        } else {
            let named = components.percentEncodedHost.flatMap { $0.removingPercentEncoding } ?? ""
            host = hostParameter ?? (named.isEmpty ? "localhost" : named.trimmingCharacters(in: CharacterSet(charactersIn: "[]")))
            socketFolder = nil
        }
        port = components.port ?? query["port"].flatMap(Int.init) ?? 5432
        user = components.user.flatMap { $0.isEmpty ? nil : $0 } ?? query["user"] ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.isEmpty ? (query["dbname"] ?? user) : path
        let mode = query["sslmode"] ?? "prefer"
        guard let sslMode = SSLMode(rawValue: mode) else {
            throw LedgerError("sslmode \"\(mode)\" is not one of disable, allow, prefer, require, verify-ca, verify-full", field: "--db")
        }
        self.sslMode = sslMode
        password = components.password.flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["PGPASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        if password == nil {
            let file = environment["PGPASSFILE"] ?? environment["HOME"].map { $0 + "/.pgpass" }
            if let file { password = Self.passwordFromFile(file, host: host ?? "localhost", port: port, database: database, user: user) }
        }
    }

    /// The URL without the password: what messages, logs and `verify` show.
    public var redacted: String {
        var components = URLComponents()
        components.scheme = "postgres"
        components.user = user
        components.host = host ?? ""
        components.port = port
        components.path = "/" + database
        var items: [URLQueryItem] = []
        if let socketFolder { items.append(URLQueryItem(name: "host", value: socketFolder)) }
        if sslMode != .prefer { items.append(URLQueryItem(name: "sslmode", value: sslMode.rawValue)) }
        if !items.isEmpty { components.queryItems = items }
        return components.string ?? "postgres://\(user)@\(host ?? "")/\(database)"
    }

    /// The server as messages name it: `host:port`, or the socket folder and port.
    var serverName: String {
        if let socketFolder { return "\(socketFolder) (port \(port))" }
        return "\(host ?? "localhost"):\(port)"
    }

    /// Any `postgres://` URL in `text` with its password removed (for messages about text that failed to parse).
    static func redact(_ text: String) -> String {
        guard let scheme = text.range(of: "://"), let at = text.range(of: "@", range: scheme.upperBound..<text.endIndex) else { return text }
        let userInfo = text[scheme.upperBound..<at.lowerBound]
        guard let colon = userInfo.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + String(text[at.lowerBound...])
    }

    /// The password the password file gives this connection: the first line whose fields match (`*` matches anything).
    static func passwordFromFile(_ file: String, host: String, port: Int, database: String, user: String) -> String? {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            var fields: [String] = []
            var current = ""
            var escaped = false
            for character in line {
                if escaped { current.append(character); escaped = false } else if character == "\\" { escaped = true } else if character == ":", fields.count < 4 {
                    fields.append(current); current = ""
                } else { current.append(character) }
            }
            fields.append(current)
            guard fields.count == 5 else { continue }
            let wanted = [host, String(port), database, user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }
}
