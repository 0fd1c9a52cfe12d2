import Foundation

/// Reads the members of one JSON object for a decoder, tracking the field path.
///
/// The general path of ``EventFieldReader``: every accessor throws a
/// ``LedgerError`` whose `field` is the full path (`investments[0].amount`),
/// and ``finish()`` rejects any member nobody read, so a misspelled field is
/// an error instead of silently dropped data.
struct ObjectReader: EventFieldReader {
    let members: [String: JSONValue]
    let path: String
    private var read: Set<String> = []

    init(_ value: JSONValue, path: String, what: String = "an object") throws(LedgerError) {
        guard case .object(let members) = value else {
            throw LedgerError("must be \(what), not \(value.kindName)", field: path.isEmpty ? nil : path)
        }
        self.members = members
        self.path = path
    }

    func fieldPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    mutating func optional(_ key: String) -> JSONValue? {
        read.insert(key)
        if case .null? = members[key] { return nil }
        return members[key]
    }

    mutating func has(_ key: String) -> Bool { read.insert(key); return members[key] != nil }

    mutating func isPresent(_ key: String) -> Bool { optional(key) != nil }

    mutating func json(_ key: String) throws(LedgerError) -> JSONValue? { read.insert(key); return members[key] }

    mutating func objects(_ key: String, what: String, nonEmpty: Bool,
                          _ body: (inout ObjectReader, Int) throws(LedgerError) -> Void) throws(LedgerError) {
        for (offset, element) in try array(key, nonEmpty: nonEmpty).enumerated() {
            var reader = try ObjectReader(element, path: fieldPath("\(key)[\(offset)]"), what: what)
            try body(&reader, offset)
            try reader.finish()
        }
    }

    mutating func object<T>(_ key: String, what: String, _ body: (inout ObjectReader) throws(LedgerError) -> T) throws(LedgerError) -> T {
        var reader = try ObjectReader(required(key), path: fieldPath(key), what: what)
        let result = try body(&reader)
        try reader.finish()
        return result
    }

    mutating func strings(_ key: String, nonEmpty: Bool, notAString: (String) -> String,
                          _ body: (String, Int) throws(LedgerError) -> Void) throws(LedgerError) {
        for (offset, element) in try array(key, nonEmpty: nonEmpty).enumerated() {
            guard case .string(let text) = element else {
                throw LedgerError(notAString(element.kindName), field: fieldPath("\(key)[\(offset)]"))
            }
            try body(text, offset)
        }
    }

    func content() -> JSONValue { .object(members) }

    mutating func required(_ key: String) throws(LedgerError) -> JSONValue {
        guard let value = optional(key) else { throw LedgerError("is required", field: fieldPath(key)) }
        return value
    }

    mutating func string(_ key: String) throws(LedgerError) -> String {
        try asString(required(key), key)
    }

    mutating func optionalString(_ key: String) throws(LedgerError) -> String? {
        guard let value = optional(key) else { return nil }
        return try asString(value, key)
    }

    mutating func nonEmptyString(_ key: String) throws(LedgerError) -> String {
        let text = try string(key)
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw LedgerError("must not be empty", field: fieldPath(key))
        }
        return text
    }

    mutating func slug(_ key: String, what: String) throws(LedgerError) -> String {
        let text = try string(key)
        do { try Slug.validate(text, what: what) } catch { throw error.at(fieldPath(key)) }
        return text
    }

    mutating func optionalSlug(_ key: String, what: String) throws(LedgerError) -> String? {
        guard has(key), optional(key) != nil else { return nil }
        return try slug(key, what: what)
    }

    mutating func date(_ key: String) throws(LedgerError) -> LedgerDate {
        let text = try string(key)
        do { return try LedgerDate(parsing: text) } catch { throw error.at(fieldPath(key)) }
    }

    mutating func optionalDate(_ key: String) throws(LedgerError) -> LedgerDate? {
        guard optional(key) != nil else { return nil }
        return try date(key)
    }

    mutating func enumeration<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) throws(LedgerError) -> E
    where E.RawValue == String {
        let text = try string(key)
        guard let value = E(rawValue: text) else {
            let allowed = E.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw LedgerError("\"\(text.prefix(80))\" is not one of \(allowed)" + Suggestion.hint(for: text, among: E.allCases.map(\.rawValue)),
                              field: fieldPath(key))
        }
        return value
    }

    mutating func array(_ key: String, nonEmpty: Bool = true) throws(LedgerError) -> [JSONValue] {
        let value = try required(key)
        guard case .array(let elements) = value else {
            throw LedgerError("must be an array, not \(value.kindName)", field: fieldPath(key))
        }
        if nonEmpty && elements.isEmpty { throw LedgerError("must not be empty", field: fieldPath(key)) }
        return elements
    }

    mutating func money(_ key: String) throws(LedgerError) -> Money {
        try Self.money(required(key), path: fieldPath(key))
    }

    mutating func optionalMoney(_ key: String) throws(LedgerError) -> Money? {
        guard let value = optional(key) else { return nil }
        return try Self.money(value, path: fieldPath(key))
    }

    /// A stake or rate: decimal string within 0…1.
    mutating func fraction(_ key: String) throws(LedgerError) -> ExactDecimal {
        let value = try required(key)
        guard case .string(let text) = value else {
            throw LedgerError("must be a decimal string like \"0.27\", not \(value.kindName)", field: fieldPath(key))
        }
        let fraction: ExactDecimal
        do { fraction = try ExactDecimal.parse(text, what: "a fraction") } catch { throw error.at(fieldPath(key)) }
        guard fraction <= 1 else { throw LedgerError("\"\(text)\" is above 1 (stakes and rates are fractions from 0 to 1)", field: fieldPath(key)) }
        return fraction
    }

    /// Rejects members that no accessor asked for.
    func finish() throws(LedgerError) {
        if let unknown = members.keys.filter({ !read.contains($0) }).sorted().first {
            // Every field the type knows has been asked for by now, so the read keys are the candidates.
            let hint = Suggestion.hint(for: unknown, among: read.sorted())
            throw LedgerError(hint.isEmpty ? "unknown field (check its spelling against CONTRACT.md)" : "unknown field\(hint)", field: fieldPath(unknown))
        }
    }

    private func asString(_ value: JSONValue, _ key: String) throws(LedgerError) -> String {
        guard case .string(let text) = value else {
            throw LedgerError("must be a string, not \(value.kindName)", field: fieldPath(key))
        }
        return text
    }

    static func money(_ value: JSONValue, path: String) throws(LedgerError) -> Money {
        var reader = try ObjectReader(value, path: path, what: "a money object like {\"amount\": \"10000000000\", \"currency\": \"USD\"}")
        let amountValue = try reader.required("amount")
        guard case .string(let text) = amountValue else {
            throw LedgerError("must be a decimal string like \"10000000000\", not \(amountValue.kindName)", field: reader.fieldPath("amount"))
        }
        let amount: ExactDecimal
        do { amount = try ExactDecimal.parse(text, what: "an amount") } catch { throw error.at(reader.fieldPath("amount")) }
        let currency = try reader.string("currency")
        guard Money.isCurrencyCode(currency) else {
            throw LedgerError("\"\(currency.prefix(20))\" is not an ISO 4217 currency code like \"USD\"", field: reader.fieldPath("currency"))
        }
        try reader.finish()
        return Money(amount: amount, currency: currency)
    }
}

extension LedgerError {
    /// This error, attributed to `field` unless it already names one.
    func at(_ field: String) -> LedgerError {
        var copy = self
        copy.field = copy.field ?? field
        return copy
    }
}
