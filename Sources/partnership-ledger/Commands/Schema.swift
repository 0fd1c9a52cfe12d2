import ArgumentParser
import LedgerCore
import LedgerViews

/// `schema [TYPE]`: the event types, or one type's fields, defaults and a complete example.
struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Describe the event types: every type, or one type's fields, defaults and a complete example.",
        discussion: """
            schema                  every event type and what it records
            schema TYPE             the type's fields (required or not, defaults) and a complete, valid example
            schema TYPE --example   only the example, as JSON Lines: edit it, then `partnership-ledger append -`
            schema --markdown       the whole reference in Markdown (docs/EVENTS.md is exactly this)
            """)

    /// `--db` is global (CONTRACT.md §2), so it is accepted here too; the reference reads no ledger and opens none.
    @OptionGroup(visibility: .hidden) var ledger: LedgerOptions

    @Argument(help: ArgumentHelp("An event type, as in event JSON (e.g. funding-round).", valueName: "type"), transform: Schema.type)
    var type: EventType?

    @Flag(help: "Print only the type's example events, one JSON object per line.") var example = false
    @Flag(help: "Print the reference of every type in Markdown (the text of docs/EVENTS.md).") var markdown = false

    func validate() throws {
        if example && type == nil { throw ValidationError("--example needs a type: schema TYPE --example") }
        if markdown && (type != nil || example) { throw ValidationError("--markdown prints every type; leave out the type and --example") }
    }

    func run() {
        if markdown { return Output.printRaw(EventReference.markdown) }
        guard let type else { return Output.print(EventReference.list) }
        Output.print(example ? EventReference.examples(type) : EventReference.describe(type))
    }

    /// An event type by its JSON name; a refusal names the closest type.
    static func type(_ text: String) throws -> EventType {
        guard let type = EventType(rawValue: text) else {
            throw LedgerError("\"\(text)\" is not an event type" + Suggestion.hint(for: text, among: EventType.allCases.map(\.rawValue))
                              + "; `partnership-ledger schema` lists them")
        }
        return type
    }
}
