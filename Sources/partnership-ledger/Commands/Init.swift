import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore

/// `init`: create an empty ledger.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create an empty ledger.")

    @OptionGroup var ledger: LedgerOptions

    func run() throws {
        let path = ledger.location.path
        if FileManager.default.fileExists(atPath: path) {
            throw LedgerError("\(path) already exists; nothing was changed")
        }
        try ledger.openForWriting().close()
        Output.note("created an empty ledger at \(path)")
    }
}
