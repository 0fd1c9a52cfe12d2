/// "Did you mean …?": the known name closest to a mistyped one, by edit distance.
///
/// The one helper every refusal of an unknown name uses: party and partnership ids
/// (append, import, queries), commands, event types and enumeration values.
/// A candidate is offered only when it is close: at most one edit for short
/// names, about one edit in three for longer ones (an adjacent transposition counts as one).
///
/// ```swift
/// Suggestion.closest(to: "acmee", among: ["acme", "bolt"]) // "acme"
/// Suggestion.hint(for: "acmee", among: ["acme", "bolt"])   // " (did you mean \"acme\"?)"
/// ```
public enum Suggestion {
    /// The candidate closest to `word`, if one is close enough to be a likely typo; ties go to the first in sorted order.
    public static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        let typed = Array(word.lowercased().unicodeScalars)
        guard !typed.isEmpty, typed.count <= 200 else { return nil }
        let limit = max(1, typed.count / 3)
        var best: (distance: Int, name: String)?
        for candidate in candidates where candidate != word {
            let known = Array(candidate.lowercased().unicodeScalars)
            guard abs(known.count - typed.count) <= limit else { continue }
            let distance = editDistance(typed, known)
            guard distance <= limit, distance < max(typed.count, known.count) else { continue }
            if best == nil || distance < best!.distance || (distance == best!.distance && candidate < best!.name) {
                best = (distance, candidate)
            }
        }
        return best?.name
    }

    /// ` (did you mean "NAME"?)` for the closest candidate, or the empty string when none is close.
    public static func hint(for word: String, among candidates: some Sequence<String>) -> String {
        closest(to: word, among: candidates).map { " (did you mean \"\($0)\"?)" } ?? ""
    }

    /// The optimal-string-alignment distance: insertions, deletions, substitutions and adjacent transpositions.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { value = min(value, before[j - 2] + 1) }
                current[j] = value
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
