import SyntheticHistory
import TestSupport
import Foundation
import LedgerCore

/// Random but valid event histories, and random mutations of their bytes.
///
/// Every history registers its parties and partnerships before using them,
/// so it appends cleanly to an empty ledger. Strings mix ASCII, escapes,
/// accents, CJK, emoji and combining marks; decimals vary in length.
enum RandomEvents {
    static let alphabet: [String] = ["a", "Z", "0", " ", "-", "\"", "\\", "/", "\n", "\t", "é", "e\u{301}", "漢", "字", "🦄", "👩‍💻",
                                     "\u{2028}", "\u{7f}", "\u{1}", "ß", "Ω", "\u{fffd}", "{", "}", "[", "]", ":", ",", "'", ";", "$("]

    static func text(_ rng: inout SeededRandom, maxLength: Int = 24) -> String {
        // Starts with a letter: names, rounds and reasons must not be blank.
        let length = Int.random(in: 0..<maxLength, using: &rng)
        return "N" + (0..<length).map { _ in rng.pick(alphabet) }.joined()
    }

    static func date(_ rng: inout SeededRandom) -> String {
        let year = Int.random(in: 1800...2199, using: &rng), month = Int.random(in: 1...12, using: &rng)
        let day = Int.random(in: 1...28, using: &rng)
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// A decimal string with up to 34 significant digits and up to 20 after the point.
    static func amount(_ rng: inout SeededRandom) -> String {
        let whole = Int.random(in: 1...14, using: &rng)
        var digits = String(Int.random(in: 1...9, using: &rng))
        for _ in 1..<whole { digits += String(Int.random(in: 0...9, using: &rng)) }
        guard rng.chance(0.4) else { return digits }
        let fraction = Int.random(in: 1...min(20, 34 - whole), using: &rng)
        return digits + "." + (0..<fraction).map { _ in String(Int.random(in: 0...9, using: &rng)) }.joined()
    }

    static func fraction(_ rng: inout SeededRandom, max: Int = 99) -> String {
        rng.chance(0.1) ? "0" : "0." + String(format: "%02d", Int.random(in: 1...max, using: &rng))
    }

    static func money(_ rng: inout SeededRandom, _ currency: String = "USD") -> JSONValue {
        .object(["amount": .string(amount(&rng)), "currency": .string(currency)])
    }

    static func jsonLeaf(_ rng: inout SeededRandom) -> JSONValue {
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: .null
        case 1: .bool(rng.chance(0.5))
        case 2: .number(rng.pick(["0", "-1", "1.50", "1e10", "-0.0", "123456789012345678901234567890", "2E-7"]))
        case 3: .string(text(&rng))
        case 4: .array([.string(text(&rng, maxLength: 4)), .number("7")])
        default: .object(["k": .string(text(&rng, maxLength: 4))])
        }
    }

    /// The common fields, plus randomly the optional ones.
    static func common(_ type: String, id: String?, _ rng: inout SeededRandom) -> [String: JSONValue] {
        var object: [String: JSONValue] = ["type": .string(type), "date": .string(date(&rng))]
        if let id { object["id"] = .string(id) }
        if rng.chance(0.3) { object["announced"] = .string(date(&rng)) }
        if rng.chance(0.5) { object["status"] = .string(rng.pick(["confirmed", "reported", "estimate"])) }
        if rng.chance(0.4) { object["sources"] = .array((0..<Int.random(in: 0...3, using: &rng)).map { _ in .string("https://example.com/" + text(&rng, maxLength: 8)) }) }
        if rng.chance(0.4) { object["note"] = .string(text(&rng, maxLength: 60)) }
        return object
    }

    /// A valid history of `count` events as JSON values, in an order that appends cleanly.
    static func history(count: Int, _ rng: inout SeededRandom, idPrefix: String = "e") -> [JSONValue] {
        var events: [JSONValue] = []
        var parties: [String] = [], partnerships: [String] = []
        var correctable: [(id: String, type: String)] = [], retractable: [String] = []
        var n = 0
        func nextID() -> String? { n += 1; return rng.chance(0.9) ? "\(idPrefix)\(n)-\(Int.random(in: 0..<1000, using: &rng))" : nil }
        while events.count < count {
            let roll = events.count < 3 ? 0 : Int.random(in: 0..<11, using: &rng)
            let id = nextID()
            var object: [String: JSONValue]
            switch roll {
            case 0:
                let party = "\(idPrefix)-p\(n)"
                object = common("party", id: id, &rng)
                object["party"] = .string(party); object["name"] = .string(text(&rng)); object["kind"] = .string(rng.pick(["company", "investor", "nonprofit", "fund", "person"]))
                parties.append(party)
            case 1 where parties.count >= 2:
                let partnership = "\(idPrefix)-pn\(n)"
                object = common("partnership", id: id, &rng)
                let pair = Array(parties.shuffled(using: &rng).prefix(2))
                object["partnership"] = .string(partnership); object["parties"] = .array(pair.map(JSONValue.string))
                object["terms"] = .object(["revenue-share": jsonLeaf(&rng), "term-\(n)": jsonLeaf(&rng)])
                partnerships.append(partnership)
            case 2:
                object = common("funding-round", id: id, &rng)
                let company = rng.pick(parties)
                object["company"] = .string(company); object["round"] = .string(text(&rng, maxLength: 10))
                object["instrument"] = .string(rng.pick(["convertible", "profit-participation", "cloud-credits", "mixed"]))
                object["investments"] = .array([.object(["investor": .string(rng.pick(parties)), "amount": money(&rng)])])
                if !partnerships.isEmpty && rng.chance(0.3) { object["partnership"] = .string(rng.pick(partnerships)) }
                if let id { correctable.append((id, "funding-round")) }
            case 3:
                object = common("valuation", id: id, &rng)
                object["company"] = .string(rng.pick(parties)); object["value"] = money(&rng, rng.pick(["USD", "EUR", "JPY"]))
                object["basis"] = .string(rng.pick(["post-money", "tender-offer", "secondary", "reported"]))
                if let id { correctable.append((id, "valuation")); retractable.append(id) }
            case 4:
                object = common("revenue", id: id, &rng)
                object["company"] = .string(rng.pick(parties)); object["amount"] = money(&rng)
                object["basis"] = .string(rng.pick(["annualized-run-rate", "fiscal-year", "period"]))
                if rng.chance(0.4) { object["period"] = .object(["from": .string("2020-01-01"), "to": .string("2020-12-31")]) }
                if let id { retractable.append(id) }
            case 5:
                object = common("governance", id: id, &rng)
                object["company"] = .string(rng.pick(parties))
                object["changes"] = .array([
                    .object(["role": .string("board"), "add": .string(text(&rng))]),
                    .object(["role": .string("ceo"), "set": rng.chance(0.5) ? .string(text(&rng)) : .array([.string("A"), .string("B")])]),
                ])
            case 6 where !partnerships.isEmpty:
                object = common("renegotiation", id: id, &rng)
                object["partnership"] = .string(rng.pick(partnerships))
                object["changes"] = .array([.object(["term": .string("revenue-share"), "set": jsonLeaf(&rng)]),
                                            .object(["term": .string("old-term"), "remove": .bool(true)])])
            case 7:
                object = common("recapitalization", id: id, &rng)
                let holders = Array(parties.shuffled(using: &rng).prefix(3))
                object["company"] = .string(rng.pick(parties))
                object["stakes"] = .array(holders.map { .object(["holder": .string($0), "stake": .string(fraction(&rng, max: 33))]) })
                if rng.chance(0.5) { object["basis"] = .string(text(&rng)) }
            case 8 where !correctable.isEmpty:
                let target = rng.pick(correctable)
                object = common("correction", id: id, &rng)
                var replacement: [String: JSONValue] = common(target.type, id: nil, &rng)
                if target.type == "valuation" {
                    replacement["company"] = .string(rng.pick(parties)); replacement["value"] = money(&rng); replacement["basis"] = .string("reported")
                } else {
                    replacement["company"] = .string(rng.pick(parties)); replacement["round"] = .string("Seed")
                    replacement["instrument"] = .string("convertible")
                    replacement["investments"] = .array([.object(["investor": .string(rng.pick(parties)), "amount": money(&rng)])])
                }
                object["corrects"] = .string(target.id); object["replacement"] = .object(replacement); object["reason"] = .string(text(&rng))
            case 9 where !retractable.isEmpty:
                let target = retractable.remove(at: Int.random(in: 0..<retractable.count, using: &rng))
                object = common("retraction", id: id, &rng)
                object["retracts"] = .string(target); object["reason"] = .string(text(&rng))
            default:
                continue
            }
            events.append(.object(object))
        }
        return events
    }

    /// One random mutation of `bytes`: the kinds of damage real files suffer, and some hostile ones.
    static func mutate(_ bytes: [UInt8], _ rng: inout SeededRandom) -> [UInt8] {
        var out = bytes
        guard !out.isEmpty else { return [rng.pick([0x7B, 0x5B, 0x22, 0xFF])] }
        let at = Int.random(in: 0..<out.count, using: &rng)
        switch Int.random(in: 0..<10, using: &rng) {
        case 0: out[at] ^= UInt8.random(in: 1...255, using: &rng)                            // flip a byte
        case 1: out.removeSubrange(at..<min(out.count, at + Int.random(in: 1...8, using: &rng))) // delete a run
        case 2: out.insert(rng.pick(Array("{}[]\":,\\0-e.nt \n".utf8) + [0x00, 0xC3, 0xFF, 0xED]), at: at) // insert a byte
        case 3: out = Array(out.prefix(at))                                                    // truncate
        case 4: let end = min(out.count, at + Int.random(in: 1...40, using: &rng)); out.insert(contentsOf: out[at..<end], at: end) // duplicate a run
        case 5: out.insert(contentsOf: Array(repeating: UInt8(ascii: "["), count: Int.random(in: 60...200, using: &rng)), at: at) // deep nesting
        case 6: out.insert(contentsOf: Array(String(repeating: "9", count: Int.random(in: 30...150, using: &rng)).utf8), at: at) // long number
        case 7: let other = Int.random(in: 0..<out.count, using: &rng); out.swapAt(at, other)  // swap two bytes
        case 8: out.insert(contentsOf: Array(",\"type\":\"party\"".utf8), at: at)            // duplicate a key
        default: out.replaceSubrange(at..<min(out.count, at + 1), with: Array(rng.pick(["\\u0000", "\\ud800", "\\uDFFF", "\u{1F984}", "\\\"", "null", "1e999"]).utf8))
        }
        return out
    }
}
