import ArgumentParser
import Foundation
import LedgerCore
import LedgerViews

/// The typed values flags take, each parsed by one function whose refusal says what is wrong.
///
/// Options use them as `transform:` (`@Option(transform: FlagValue.date) var date: LedgerDate`), so a bad
/// value is refused while the command line is parsed, naming the flag: `--as-of: "2023-02-30" is not a real
/// calendar date.` (``ErrorReporter`` puts the flag first). ArgumentParser's `ExpressibleByArgument` cannot
/// carry the reason (its initializer is failable), hence transforms.
enum FlagValue {
    /// `YYYY-MM-DD`, a real calendar date.
    static func date(_ text: String) throws -> LedgerDate { try LedgerDate(parsing: text) }

    /// A seq or a UTC timestamp, kept with the text given.
    static func knownAt(_ text: String) throws -> KnownAtText { try KnownAtText(parsing: text) }

    /// A money amount: `10B`, `1.25B`, `750M`, `$2,000,000`; never negative.
    ///
    /// Money flags take the next word unconditionally (`parsing: .unconditional`), so that `--amount -5B`
    /// is refused as negative rather than as a missing value; a flag in that place means the amount is missing.
    static func amount(_ text: String) throws -> ExactDecimal {
        let body = text.trimmingCharacters(in: .whitespaces)
        if body.hasPrefix("--") { throw LedgerError("the amount is missing (found the flag \(body) in its place)") }
        if body.hasPrefix("-") { throw LedgerError("\"\(text)\" is not an amount: money must not be negative") }
        return try QuantityText.amount(text)
    }

    /// One of an enumeration's values, spelled as in event JSON; `noun` names the kind of value in the refusal.
    static func choice<Value: CaseIterable & RawRepresentable<String> & Sendable>(_ noun: String) -> @Sendable (String) throws -> Value {
        { text in
            guard let value = Value(rawValue: text) else {
                let hint = Suggestion.hint(for: text, among: Value.allCases.map(\.rawValue))
                throw LedgerError("\"\(text)\" is not \(noun)" + (hint.isEmpty ? " (one of \(values(Value.self)))" : "\(hint); it is one of \(values(Value.self))"))
            }
            return value
        }
    }

    /// `a, b, c`: the values of an enumeration, for help and refusals.
    static func values<Value: CaseIterable & RawRepresentable<String>>(_ type: Value.Type) -> String {
        Value.allCases.map(\.rawValue).joined(separator: ", ")
    }

    /// Money JSON for an amount already parsed by ``amount(_:)``.
    static func money(_ amount: ExactDecimal, currency: String) -> JSONValue {
        Money(amount: amount, currency: currency).json
    }

    static func fraction(_ text: String, flag: String) throws -> JSONValue {
        do { return .decimal(try QuantityText.fraction(text)) } catch { throw LedgerError("--\(flag): \(error.message)") }
    }

    /// `name=value`, the value as JSON when it parses, else as a string.
    static func pair(_ text: String, flag: String) throws -> (String, JSONValue) {
        let (name, raw) = try textPair(text, flag: flag)
        return (name, (try? JSONParser.parse(raw)) ?? .string(raw))
    }

    /// `name=value`, both as plain text.
    static func textPair(_ text: String, flag: String) throws -> (String, String) {
        guard let equals = text.firstIndex(of: "=") else {
            throw LedgerError("--\(flag) takes name=value (got \"\(text)\")")
        }
        return (String(text[..<equals]), String(text[text.index(after: equals)...]))
    }
}
