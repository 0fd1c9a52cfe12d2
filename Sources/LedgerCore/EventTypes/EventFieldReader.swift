import Foundation

/// Reads the members of one event object for an ``EventPayload``.
///
/// Two readers conform: ``ObjectReader`` over a parsed ``JSONValue`` (input
/// files, the command line; its errors name the field path), and
/// ``CanonicalFieldReader`` over the stored canonical bytes (replay's fast
/// path; it throws a bare decline for anything it does not fully understand,
/// and the caller falls back to the first). Each event type's decoding is one
/// generic function over this protocol, so the two paths cannot disagree about
/// which fields exist, which are required, or what is valid.
///
/// Every accessor marks its key as read; ``finish()`` rejects members nobody
/// read, so a misspelled field is an error instead of silently dropped data.
protocol EventFieldReader {
    /// The full path of member `key`, for error messages (`investments[0].amount`).
    func fieldPath(_ key: String) -> String
    /// Whether member `key` is present (a null counts); marks it read.
    mutating func has(_ key: String) -> Bool
    /// Whether member `key` is present and not null; marks it read.
    mutating func isPresent(_ key: String) -> Bool
    /// A required string.
    mutating func string(_ key: String) throws(LedgerError) -> String
    /// An optional string (absent or null gives nil).
    mutating func optionalString(_ key: String) throws(LedgerError) -> String?
    /// A required string with something besides whitespace.
    mutating func nonEmptyString(_ key: String) throws(LedgerError) -> String
    /// A required slug (`[a-z0-9][a-z0-9._-]*`); `what` names it in errors ("party id").
    mutating func slug(_ key: String, what: String) throws(LedgerError) -> String
    /// An optional slug.
    mutating func optionalSlug(_ key: String, what: String) throws(LedgerError) -> String?
    /// A required real calendar date `YYYY-MM-DD`.
    mutating func date(_ key: String) throws(LedgerError) -> LedgerDate
    /// An optional date.
    mutating func optionalDate(_ key: String) throws(LedgerError) -> LedgerDate?
    /// A required string that is one of `E`'s raw values.
    mutating func enumeration<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) throws(LedgerError) -> E
    where E.RawValue == String
    /// A required money object `{"amount": "…", "currency": "…"}`.
    mutating func money(_ key: String) throws(LedgerError) -> Money
    /// An optional money object.
    mutating func optionalMoney(_ key: String) throws(LedgerError) -> Money?
    /// A required stake or rate: a decimal string within 0…1.
    mutating func fraction(_ key: String) throws(LedgerError) -> ExactDecimal
    /// Member `key` as any JSON value, null included; nil when absent.
    mutating func json(_ key: String) throws(LedgerError) -> JSONValue?
    /// Calls `body` with a reader over each object of the array `key` (required) and its offset.
    ///
    /// `what` describes the expected element for errors; each element is
    /// finished (unknown members rejected) after `body` returns.
    mutating func objects(_ key: String, what: String, nonEmpty: Bool,
                          _ body: (inout Self, Int) throws(LedgerError) -> Void) throws(LedgerError)
    /// Calls `body` with a reader over the object `key` (required), then finishes it.
    mutating func object<T>(_ key: String, what: String, _ body: (inout Self) throws(LedgerError) -> T) throws(LedgerError) -> T
    /// Calls `body` with each string of the array `key` (required) and its offset.
    ///
    /// An element that is not a string is an error with message `notAString(kindName)`.
    mutating func strings(_ key: String, nonEmpty: Bool, notAString: (String) -> String,
                          _ body: (String, Int) throws(LedgerError) -> Void) throws(LedgerError)
    /// The whole object as JSON (to derive an id for an event given without one).
    func content() throws(LedgerError) -> JSONValue
    /// Rejects members that no accessor asked for.
    func finish() throws(LedgerError)
}

extension EventFieldReader {
    /// A required array of distinct slugs.
    mutating func slugs(_ key: String, what: String) throws(LedgerError) -> [String] {
        var list: [String] = []
        let path = fieldPath(key)
        try strings(key, nonEmpty: true, notAString: { "must be a string, not \($0)" }) { (text: String, offset: Int) throws(LedgerError) in
            do throws(LedgerError) { try Slug.validate(text, what: what) } catch { throw error.at("\(path)[\(offset)]") }
            guard !list.contains(text) else { throw LedgerError("\"\(text)\" is listed twice", field: "\(path)[\(offset)]") }
            list.append(text)
        }
        return list
    }

    /// An optional period `{"from": date, "to": date}` with `from` not after `to`.
    mutating func optionalPeriod(_ key: String) throws(LedgerError) -> DatePeriod? {
        guard isPresent(key) else { return nil }
        let path = fieldPath(key)
        let (from, to) = try object(key, what: "an object {\"from\": date, \"to\": date}") {
            (p: inout Self) throws(LedgerError) -> (LedgerDate, LedgerDate) in (try p.date("from"), try p.date("to"))
        }
        guard from <= to else { throw LedgerError("\"from\" is after \"to\"", field: path) }
        return DatePeriod(from: from, to: to)
    }

    /// An optional boolean (absent or null gives `false`).
    mutating func optionalBool(_ key: String) throws(LedgerError) -> Bool {
        switch try json(key) {
        case nil, .null?: return false
        case .bool(let value)?: return value
        case let other?: throw LedgerError("must be true or false, not \(other.kindName)", field: fieldPath(key))
        }
    }

    /// An optional money amount that must not exceed `limit` (same currency); `what` names the limit in errors.
    mutating func optionalMoney(_ key: String, atMost limit: Money, what: String) throws(LedgerError) -> Money? {
        guard let money = try optionalMoney(key) else { return nil }
        guard money.currency == limit.currency else {
            throw LedgerError("is in \(money.currency) but \(what) is in \(limit.currency)", field: fieldPath("\(key).currency"))
        }
        guard money.amount <= limit.amount else {
            throw LedgerError("\(ExactDecimal.text(money.amount)) is more than \(what) (\(ExactDecimal.text(limit.amount)))", field: fieldPath(key))
        }
        return money
    }

    /// A term or role name: a slug like `revenue-share`.
    func validateTermName(_ name: String, field: String, what: String = "term name") throws(LedgerError) {
        guard Slug.isValid(name) else {
            throw LedgerError("\(what) \"\(name.prefix(80))\" must be a slug like \"revenue-share\"", field: field)
        }
    }
}
