import Foundation
import LedgerCore
import LedgerViews

/// Writing to standard output and standard error.
enum Output {
    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    static func note(_ text: String) {
        FileHandle.standardError.write(Data("partnership-ledger: \(text)\n".utf8))
    }

    static func json(_ value: JSONValue) { print(value.prettyText()) }

    /// Prints a query's answer in the format asked for.
    static func show(_ page: some LedgerPage, _ format: ViewFormat) { print(page.text(format)) }

    /// Whether standard error is a terminal (progress is shown only then).
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }
}

/// A progress line on stderr, shown only on a terminal and only after a second.
final class Progress {
    private let start = Date()
    private var shown = false
    private let enabled = Output.stderrIsTerminal

    func update(_ text: @autoclosure () -> String) {
        guard enabled, Date().timeIntervalSince(start) > 1 else { return }
        shown = true
        FileHandle.standardError.write(Data("\r\(text())\u{1B}[K".utf8))
    }

    func finish() {
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}

extension Output {
    /// Writes `text` as is, without a line break.
    static func printRaw(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
