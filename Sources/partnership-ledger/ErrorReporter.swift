import ArgumentParser
import Foundation
import LedgerCore

/// Runs the command and turns every failure into one plain sentence and an exit code.
///
/// User mistakes (``LedgerError``, `ValidationError`, bad flags) exit 1;
/// a broken hash chain exits 2 (``IntegrityFailure``). Nothing prints a stack
/// trace or a Swift debug description.
enum ErrorReporter {
    static func run(_ root: PartnershipLedger.Type) {
        do {
            var command = try root.parseAsRoot(hoistingGlobalOptions(Array(CommandLine.arguments.dropFirst())))
            try command.run()
        } catch let error as LedgerError {
            fail(error.description, code: 1)
        } catch let error as IntegrityFailure {
            fail(error.description, code: 2)
        } catch let error as CocoaError {
            fail(error.localizedDescription, code: 1)
        } catch {
            // Usage mistakes are user errors too: exit 1 with one line, as the contract says.
            if root.exitCode(for: error) == .validationFailure {
                let message = root.message(for: error)
                let arguments = Array(CommandLine.arguments.dropFirst())
                if let unknown = unknownCommand(arguments) ?? unknownOption(arguments) { fail(unknown, code: 1) }
                fail(flagFirst(message) ?? message + " (see `partnership-ledger help`)", code: 1)
            }
            root.exit(withError: error)
        }
    }

    /// Moves `--db PATH` given before the subcommand to its end, so `--db` is global as CONTRACT.md §2 says.
    ///
    /// Every subcommand declares `--db` (through ``LedgerOptions``); the root does not, so without
    /// this `partnership-ledger --db x shares openai` would be an unknown option.
    static func hoistingGlobalOptions(_ arguments: [String]) -> [String] {
        var rest = arguments
        var globals: [String] = []
        var index = 0
        while index < rest.count, rest[index].hasPrefix("-") {
            if rest[index] == "--db", index + 1 < rest.count {
                globals += rest[index...(index + 1)]
                rest.removeSubrange(index...(index + 1))
            } else if rest[index].hasPrefix("--db=") {
                globals.append(rest.remove(at: index))
            } else {
                index += 1
            }
        }
        return rest + globals
    }

    /// For a command line that did not parse: the refusal of a mistyped command (`shars`) or `append` type
    /// (`append valuaton --company …`), naming the closest one; nil when the words are known or nothing is close.
    static func unknownCommand(_ arguments: [String]) -> String? {
        let words = hoistingGlobalOptions(arguments)
        guard let command = words.first, !command.hasPrefix("-") else { return nil }
        let commands = PartnershipLedger.configuration.subcommands.map { $0._commandName } + ["help"]
        guard commands.contains(command) else {
            let hint = Suggestion.hint(for: command, among: commands)
            return hint.isEmpty ? nil : "unknown command \"\(command)\"\(hint); `partnership-ledger help` lists them"
        }
        // `append WORD --flags…`: WORD is a file for `append FILE`, unless it is a mistyped event type.
        guard command == "append", words.count > 2, !words[1].hasPrefix("-"), words[1] != "file",
              !FileManager.default.fileExists(atPath: words[1]), EventType(rawValue: words[1]) == nil else { return nil }
        let hint = Suggestion.hint(for: words[1], among: EventType.allCases.map(\.rawValue))
        return hint.isEmpty ? nil : "append: \"\(words[1])\" is neither a file nor an event type\(hint); `partnership-ledger schema` lists the types"
    }

    /// For a command line that did not parse: a mistyped option (`--compnay`) with the closest option of its command.
    ///
    /// ArgumentParser reports a missing required option before an unknown one, so `append valuation --compnay x`
    /// would otherwise say that `--company` is missing, not that `--compnay` is misspelled.
    static func unknownOption(_ arguments: [String]) -> String? {
        let words = hoistingGlobalOptions(arguments)
        var command: ParsableCommand.Type = PartnershipLedger.self
        var path = ["partnership-ledger"]
        for word in words {
            guard let sub = command.configuration.subcommands.first(where: { $0._commandName == word }) else { break }
            command = sub
            path.append(word)
        }
        if let fallback = command.configuration.defaultSubcommand { command = fallback }
        let help = PartnershipLedger.helpMessage(for: command, columns: 10_000)
        let known = Set(help.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-") })
            .filter { $0.hasPrefix("--") && $0.count > 2 }.map(String.init))
        for word in words where word.hasPrefix("--") && word.count > 2 {
            let option = String(word.prefix { $0 != "=" })
            guard !known.contains(option) else { continue }
            let hint = Suggestion.hint(for: option, among: known.sorted())
            if !hint.isEmpty { return "unknown option \(option)\(hint); `\(path.joined(separator: " ")) --help` lists the options" }
        }
        return nil
    }

    /// A flag value refused by its ``FlagValue`` parser, in the house style: the flag, then the reason.
    ///
    /// ArgumentParser words it `The value 'V' is invalid for '--flag <name>': REASON`; the reason already
    /// quotes the value, so this gives `--flag: REASON` (for an argument, `<name>`, the reason alone).
    /// Nil for every other message.
    static func flagFirst(_ message: String) -> String? {
        guard message.hasPrefix("The value '"), let invalid = message.range(of: "' is invalid for '") else { return nil }
        let rest = message[invalid.upperBound...]
        guard let end = rest.range(of: "': ") else { return nil }
        let flag = rest[..<end.lowerBound].prefix { $0 != " " }
        // An argument (`<type>`): the reason already quotes the value and says what it should be.
        if flag.hasPrefix("<") { return String(rest[end.upperBound...]) }
        guard flag.hasPrefix("-") else { return nil }
        return "\(flag): \(rest[end.upperBound...])"
    }

    static func fail(_ message: String, code: Int32) -> Never {
        FileHandle.standardError.write(Data("partnership-ledger: \(printable(message))\n".utf8))
        Foundation.exit(code)
    }

    /// The message on one line with no terminal control codes: messages quote
    /// user input (ids, keys, file names), which may hold line breaks or
    /// escape sequences; those are shown escaped, as `\n` or `\u{1b}`.
    static func printable(_ message: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in message.unicodeScalars {
            switch scalar {
            case "\n": out.append(contentsOf: "\\n".unicodeScalars)
            case "\r": out.append(contentsOf: "\\r".unicodeScalars)
            case "\t": out.append(contentsOf: "\\t".unicodeScalars)
            case _ where scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}":
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16))}".unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}

/// A failed `verify`: the integrity of the log is broken (exit 2).
struct IntegrityFailure: Error, CustomStringConvertible {
    var description: String
}
