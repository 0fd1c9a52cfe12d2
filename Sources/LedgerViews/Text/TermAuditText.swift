import LedgerCore
import LedgerReport

/// The `audit PARTNERSHIP` table: one block per event, one line per term, sources as numbered notes.
///
/// ```text
/// 2025-10-28  2025-10-28-microsoft-openai-definitive-agreement  (renegotiation, confirmed)  [7] [8]
///     ip-rights   scope: … → …; until: 2030 → 2032
/// ```
public enum TermAuditText {
    /// The whole term audit: a heading, one block per event, the numbered sources.
    public static func render(partnership: String, parties: [String], lines: [TermAuditLine], asOf: LedgerDate,
                       knownAt: String?, term: String?) -> String {
        let partyText = parties.isEmpty ? "" : " (\(parties.joined(separator: ", ")))"
        var out = ["\(partnership)\(partyText): how \(term.map { "the term \($0)" } ?? "the terms") changed, as of \(asOf)"
                   + (knownAt.map { ", as known at \($0)" } ?? "")]
        guard !lines.isEmpty else { return (out + ["", "no term changes recorded"]).joined(separator: "\n") }
        var sources: [String] = []
        func refs(_ list: [String]) -> String {
            list.map { source in
                if let index = sources.firstIndex(of: source) { return "[\(index + 1)]" }
                sources.append(source)
                return "[\(sources.count)]"
            }.joined(separator: " ")
        }
        let groups = group(lines)
        let withdrawn = lines.filter { $0.effect != .inForce }.count
        out.append("\(ValueText.count(lines.count, "change")) to \(ValueText.count(Set(lines.map(\.term)).count, "term")) from \(ValueText.count(groups.count, "event"))"
                   + (withdrawn > 0 ? ", \(withdrawn) no longer believed (superseded or retracted)" : "")
                   + (lines.contains { !$0.sources.isEmpty } ? "; [n] are sources, listed at the end." : "."))
        let width = min(lines.map(\.term.count).max() ?? 0, 32)
        for group in groups {
            let first = group[0]
            var header = "\(first.date)  \(first.eventId)  (\(first.type.rawValue), \(first.status.rawValue)"
                + (first.scheduled ? ", scheduled: after \(asOf))" : ")")
            let sourceRefs = refs(first.sources)
            if !sourceRefs.isEmpty { header += "  \(sourceRefs)" }
            out += ["", header]
            if let amends = first.amends {
                out.append("    \(first.type == .retraction ? "retraction" : "correction") of \(amends)" + (first.reason.map { ": \($0)" } ?? ""))
            }
            if first.effect != .inForce, let by = first.amendedBy {
                let verb = first.effect == .superseded ? "corrected" : "retracted"
                out.append("    \(first.effect.rawValue.uppercased()): \(verb) on \(first.amendedOn?.text ?? "?") by \(by); no longer believed")
            }
            for line in group {
                let name = line.term + String(repeating: " ", count: max(0, width - line.term.count))
                // Members kept from another claim of the same date, or of another status, say so.
                let claims = line.members.keys.sorted().compactMap { key -> String? in
                    let origin = line.members[key]!.origin
                    return origin.status == line.status && origin.eventId == line.eventId ? nil
                        : "\(key): \(origin.status.rawValue), \(origin.eventId)"
                }
                let change = ValueText.change(from: line.from, to: line.to) + (line.action == .revert ? " (reverted)" : "")
                    + (claims.isEmpty ? "" : " [" + claims.joined(separator: "; ") + "]")
                out += TextWrap.lines("    \(name)  ", change)
            }
        }
        if !sources.isEmpty {
            out += ["", "sources"]
            for (index, source) in sources.enumerated() { out.append("  [\(index + 1)] \(source)") }
        }
        return out.joined(separator: "\n")
    }

    /// Consecutive lines of one event (and one withdrawal) form a block.
    private static func group(_ lines: [TermAuditLine]) -> [[TermAuditLine]] {
        var groups: [[TermAuditLine]] = []
        for line in lines {
            if let last = groups.last?.first, last.date == line.date, last.eventId == line.eventId,
               last.effect == line.effect, last.amendedBy == line.amendedBy {
                groups[groups.count - 1].append(line)
            } else {
                groups.append([line])
            }
        }
        return groups
    }

    /// The CSV columns of a term change.
    public static let csvHeader = ["date", "term", "from", "to", "action", "effect", "eventId", "type", "status",
                            "amends", "reason", "amendedBy", "amendedOn", "sources", "scheduled"]

    /// One term change as CSV fields, values exact.
    public static func csvFields(_ line: TermAuditLine) -> [String] {
        [line.date.text, line.term, line.from?.canonicalText ?? "", line.to?.canonicalText ?? "", line.action.rawValue,
         line.effect.rawValue, line.eventId, line.type.rawValue, line.status.rawValue, line.amends ?? "", line.reason ?? "",
         line.amendedBy ?? "", line.amendedOn?.text ?? "", line.sources.joined(separator: " | "), line.scheduled ? "yes" : "no"]
    }
}
