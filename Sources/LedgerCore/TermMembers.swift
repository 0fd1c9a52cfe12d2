import Foundation

/// The well-known members of a term's value, read by the same rules as the command-line flags.
///
/// A term's value is free-form JSON, but some member names always mean the same kind of
/// figure, and a figure kept as loose text (`"20%"`) is later misread by audits and
/// charts. Members named here are checked and normalized wherever a term value is
/// written: a `partnership` event's `terms`, a `renegotiation`'s `set` and `merge`, a
/// `negotiation`'s proposals (through ``TermChange``), whether the event came from a
/// file, an import or `append … --term/--set/--merge`. Every other member stays free-form.
///
/// - fractions (`rate`, `stake`): `"20%"` (or a JSON number 0.2) becomes `"0.2"`, a decimal string like `"0.20"` is kept;
///   more than 100% is refused;
/// - dates (`until`, `from`, `expires`, `signed`): `YYYY-MM-DD` (a real date), `YYYY-MM` or `YYYY`;
/// - amounts (`amount`, `cap`, `total`, `up-to`, `upfront`, `funded`): a Money object, or `"10B"`, `"750M"`,
///   `"$2,000,000"` as the money flags take them (read as USD), become a Money object; a plain decimal string
///   is kept; never negative. In a value that is itself money (it has a `currency` member), `amount` is left alone.
///
/// Values already in the stored form keep their bytes, so events stored or exported before this
/// rule read, hash and re-import exactly as they did.
///
/// A value that starts with a letter is a description in words (`"until": "AGI verified by the expert panel"`,
/// `"amount": "undisclosed"`) and is kept as written; one that starts like a figure must be a valid one.
///
/// ```swift
/// try TermMembers.normalize(.object(["rate": .string("20%")]), path: "terms.revenue-share")
/// // .object(["rate": .string("0.2")])
/// ```
public enum TermMembers {
    /// The kind of figure a well-known member holds.
    public enum Kind: Sendable {
        case fraction, date, amount
    }

    /// Member name → the figure it holds.
    public static let wellKnown: [String: Kind] = [
        "rate": .fraction, "stake": .fraction,
        "until": .date, "from": .date, "expires": .date, "signed": .date,
        "amount": .amount, "cap": .amount, "total": .amount, "up-to": .amount, "upfront": .amount, "funded": .amount,
    ]

    /// Whether the value being read was stored by an earlier version of the ledger, whose rules were looser.
    ///
    /// Stored events keep their meaning: a member that this rule refuses (`"20 percent"`, written before the
    /// rule existed) is kept as the text it was stored as instead of making the whole ledger unreadable. The
    /// store reads stored payloads inside `TermMembers.$readingStoredEvent.withValue(true) { … }`; new input
    /// (files, imports, flags) is always checked.
    @TaskLocal public static var readingStoredEvent = false

    /// `value` with its well-known members checked and normalized; a value that is not an object is returned as is.
    /// `path` names the value in errors (`terms.revenue-share`, `changes[0].set`).
    public static func normalize(_ value: JSONValue, path: String) throws(LedgerError) -> JSONValue {
        guard case .object(let members) = value else { return value }
        return .object(try normalize(members: members, path: path))
    }

    /// The members of a term's value (or of a `merge`), well-known ones checked and normalized.
    public static func normalize(members: [String: JSONValue], path: String) throws(LedgerError) -> [String: JSONValue] {
        var out = members
        for (name, member) in members {
            guard let kind = wellKnown[name] else { continue }
            // In a value that is itself money ({"amount": "…", "currency": "…"}), "amount" is its figure: a decimal string.
            let moneyFigure = name == "amount" && members["currency"] != nil
            let normalized: JSONValue
            do { normalized = try normalize(member, as: kind, path: "\(path).\(name)") } catch {
                guard readingStoredEvent else { throw error }
                continue
            }
            if moneyFigure, case .string = member, case .object(let money) = normalized, let amount = money["amount"] {
                out[name] = amount
            } else {
                out[name] = normalized
            }
        }
        return out
    }

    /// One member's value read as `kind`.
    static func normalize(_ value: JSONValue, as kind: Kind, path: String) throws(LedgerError) -> JSONValue {
        if case .null = value { return value }
        if case .string(let text) = value, isWords(text) { return value }
        switch kind {
        case .fraction:
            guard let text = scalarText(value) else {
                throw LedgerError("must be a rate like \"0.2\" or \"20%\" (or words), not \(value.kindName)", field: path)
            }
            let fraction: ExactDecimal
            do { fraction = try QuantityText.fraction(text) } catch { throw LedgerError(error.message, field: path) }
            // A decimal string already in the stored form keeps its digits ("0.20"), so stored bytes and re-imports do not change.
            if case .string = value, (try? ExactDecimal.parse(text)) != nil { return value }
            return .decimal(fraction)
        case .date:
            guard let text = scalarText(value) else {
                throw LedgerError("must be a date like \"2030-12-31\", \"2030-12\" or \"2030\" (or words), not \(value.kindName)", field: path)
            }
            guard isDate(text) else {
                throw LedgerError("\"\(text.prefix(80))\" is not a date like \"2030-12-31\", \"2030-12\" or \"2030\"", field: path)
            }
            return .string(text)
        case .amount:
            switch value {
            case .object:
                // Validated, and kept as written (a valid Money object is already in the stored form).
                _ = try ObjectReader.money(value, path: path)
                return value
            case .string(let text):
                // A plain decimal is already exact; it keeps its bytes (its currency is the term's business).
                if (try? ExactDecimal.parse(text)) != nil { return value }
                let body = text.trimmingCharacters(in: .whitespaces)
                if body.hasPrefix("-") { throw LedgerError("\"\(text.prefix(80))\" is not an amount: money must not be negative", field: path) }
                do { return Money(amount: try QuantityText.amount(text), currency: "USD").json } catch {
                    throw LedgerError(error.message, field: path)
                }
            default:
                throw LedgerError("must be money like {\"amount\": \"10000000000\", \"currency\": \"USD\"} or text like \"10B\" (or words), not \(value.kindName)",
                                  field: path)
            }
        }
    }

    /// The text of a string or a number (JSON numbers keep their text); nil for anything else.
    static func scalarText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text), .number(let text): text
        default: nil
        }
    }

    /// Whether `text` is a description in words rather than a figure: it starts with a letter.
    static func isWords(_ text: String) -> Bool {
        text.trimmingCharacters(in: .whitespaces).unicodeScalars.first.map { $0.properties.isAlphabetic } ?? false
    }

    /// `YYYY-MM-DD` (a real date), `YYYY-MM` or `YYYY`.
    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count <= 3, parts[0].count == 4, let year = Int(parts[0]),
              (LedgerDate.minYear...LedgerDate.maxYear).contains(year) else { return false }
        switch parts.count {
        case 1: return true
        case 2: return parts[1].count == 2 && Int(parts[1]).map { (1...12).contains($0) } == true
        default: return (try? LedgerDate(parsing: text)) != nil
        }
    }
}
