import LedgerCore

/// The reference of every event type, written from the one definition of each type
/// (`Sources/LedgerCore/EventTypes`: ``EventType/summary``, ``EventType/fields``, ``EventType/examples``).
///
/// `partnership-ledger schema` prints ``list`` and ``describe(_:)``; `schema --markdown` prints
/// ``markdown``, which is docs/EVENTS.md word for word (a test fails when the file drifts).
///
/// ```swift
/// EventReference.describe(.valuation) // "valuation: A valuation of … \n\nfield  required  default  meaning …"
/// ```
public enum EventReference {
    /// The command that writes docs/EVENTS.md.
    public static let generator = "partnership-ledger schema --markdown > docs/EVENTS.md"

    /// Every type with its one-sentence summary, as a table.
    public static var list: String {
        var table = TextTable(["type", "records"])
        table.wrapWidth = 90
        for type in EventType.allCases { table.add([type.rawValue, type.summary]) }
        return table.rendered + "\n\n`partnership-ledger schema TYPE` shows a type's fields and a complete example."
    }

    /// One type: its summary, its own fields, the common fields, and every example (JSON Lines).
    public static func describe(_ type: EventType) -> String {
        var lines = ["\(type.rawValue): \(type.summary)", "", fieldTable(type.fields).rendered, "",
                     "Common to every event:", "", fieldTable(Event.commonFields).rendered, "",
                     type.examples.count == 1 ? "Example (append it with `partnership-ledger append -`):"
                                              : "Examples, one per line (append them with `partnership-ledger append -`):"]
        lines += type.examples
        return lines.joined(separator: "\n")
    }

    /// The examples of `type`, one JSON object per line (JSON Lines), ready for `append -`.
    public static func examples(_ type: EventType) -> String { type.examples.joined(separator: "\n") }

    /// docs/EVENTS.md: the common fields, then each type's fields and examples, in Markdown.
    public static var markdown: String {
        var out = """
            # Event types

            <!-- Generated from Sources/LedgerCore/EventTypes by `\(generator)`; do not edit by hand. -->

            Every event is one JSON object; a file holds one object, an array of objects, or JSON Lines.
            The same reference is printed by `partnership-ledger schema [TYPE]`; `schema TYPE --example`
            prints a complete event to adapt and append with `partnership-ledger append -`.

            Money is `{"amount": "decimal string", "currency": "USD"}`; stakes and rates are decimal fractions
            as strings (`"0.27"`); dates are `YYYY-MM-DD`; ids are slugs `[a-z0-9][a-z0-9._-]*`.

            ## Fields of every event

            \(markdownTable(Event.commonFields))

            ## Types

            | type | records |
            |---|---|

            """
        for type in EventType.allCases { out += "| [`\(type.rawValue)`](#\(type.rawValue)) | \(cell(type.summary)) |\n" }
        for type in EventType.allCases {
            out += "\n## \(type.rawValue)\n\n\(type.summary)\n\n\(markdownTable(type.fields))\n\n"
            out += type.examples.count == 1 ? "Example:\n\n" : "Examples (fields that cannot appear together):\n\n"
            out += "```json\n" + type.examples.joined(separator: "\n") + "\n```\n"
        }
        return out
    }

    private static func fieldTable(_ fields: [EventField]) -> TextTable {
        var table = TextTable(["field", "required", "default", "meaning"])
        table.wrapWidth = 70
        for field in fields { table.add([field.name, requirement(field), field.defaultValue ?? "", field.summary]) }
        return table
    }

    private static func markdownTable(_ fields: [EventField]) -> String {
        (["| field | required | default | meaning |", "|---|---|---|---|"]
            + fields.map { "| `\($0.name)` | \(requirement($0)) | \(cell($0.defaultValue ?? "")) | \(cell($0.summary)) |" })
            .joined(separator: "\n")
    }

    private static func requirement(_ field: EventField) -> String {
        if field.required { return "yes" }
        if let group = field.group { return "depends (\(group))" }
        return "no"
    }

    /// A table cell: a `|` would end the cell.
    private static func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
}
