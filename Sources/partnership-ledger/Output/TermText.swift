import Foundation
import LedgerCore

/// Term values (any JSON) in readable form for tables: rates as percents, objects as `key: value` lists.
enum TermText {
    static func render(_ value: JSONValue?) -> String {
        guard let value else { return "(none)" }
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "yes" : "no"
        case .number(let text): return text
        case .string(let text): return text
        case .array(let elements): return elements.map { render($0) }.joined(separator: ", ")
        case .object(let members):
            if let money = try? ObjectMoney.parse(value) { return HumanNumbers.money(money) }
            return members.keys.sorted().map { key in
                let member = members[key]!
                if isFractionKey(key), case .string(let text) = member, let fraction = try? ExactDecimal.parse(text), fraction <= 1 {
                    return "\(key) \(HumanNumbers.percent(fraction))"
                }
                if case .object = member { return "\(key) (\(render(member)))" }
                return "\(key) \(render(member))"
            }.joined(separator: ", ")
        }
    }

    private static func isFractionKey(_ key: String) -> Bool {
        let lower = key.lowercased()
        return lower.contains("rate") || lower.contains("share") || lower.contains("stake") || lower.contains("percent")
    }
}

/// Recognizes Money objects inside term values.
enum ObjectMoney {
    static func parse(_ value: JSONValue) throws -> Money {
        guard case .object(let members) = value, members.count == 2, case .string(let amount)? = members["amount"],
              case .string(let currency)? = members["currency"], Money.isCurrencyCode(currency) else { throw LedgerError("not money") }
        return Money(amount: try ExactDecimal.parse(amount), currency: currency)
    }
}
