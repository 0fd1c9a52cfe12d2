import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore

/// `init`: create an empty ledger.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create an empty ledger.",
        discussion: """
            With --db postgres://…, creates the ledger's tables in that (existing, empty) database, and the roles
            \(PostgresRoles.writerRole) (read and append) and \(PostgresRoles.readerRole) (read only) when the user
            may create roles; grant them to login users (see the README, "For a team: PostgreSQL").
            """)

    @OptionGroup var ledger: LedgerOptions

    func run() throws {
        if ledger.isPostgres { return try initPostgres() }
        let path = ledger.location.path
        if FileManager.default.fileExists(atPath: path) {
            throw LedgerError("\(path) already exists; nothing was changed")
        }
        try ledger.openForWriting().close()
        Output.note("created an empty ledger at \(path)")
    }

    private func initPostgres() throws {
        if let existing = try? ledger.openForReading() {
            try? existing.close()
            throw LedgerError("\(ledger.displayName) already holds a ledger; nothing was changed")
        }
        let store = try ledger.openForWriting()
        defer { try? store.close() }
        Output.note("created an empty ledger at \(ledger.displayName)")
        switch try store.grantRoles() {
        case .granted?:
            Output.note("roles \(PostgresRoles.writerRole) (read and append) and \(PostgresRoles.readerRole) (read only) hold their grants; give them to login users with GRANT")
        case .notPermitted?:
            Output.note("this user may not create roles: an administrator creates \(PostgresRoles.writerRole) and \(PostgresRoles.readerRole) as the README's \"For a team: PostgreSQL\" says")
        case nil: break
        }
    }
}
