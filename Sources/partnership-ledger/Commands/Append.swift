import ArgumentParser
import LedgerCore
import LedgerStore

/// `append FILE|-` or `append <type> --flags…`: add events as one atomic batch.
struct Append: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "append",
        abstract: "Append events from a file, from stdin (-), or built from flags.",
        discussion: """
            append FILE|-              the events in FILE (one object, an array, or JSON Lines) as one batch
            append <type> --flags…     one event, e.g.
              append funding-round --company openai --investor microsoft --amount 10B \\
                --post-money 29B --date 2023-01-23 --source https://…
            Money flags take 10B, 1.25B, 750M, $2,000,000; stake and rate flags take 27% or 0.27.
            """,
        subcommands: [
            AppendFile.self, AppendParty.self, AppendPartnership.self, AppendFundingRound.self, AppendValuation.self,
            AppendRevenue.self, AppendGovernance.self, AppendRenegotiation.self, AppendRecapitalization.self,
            AppendCorrection.self, AppendRetraction.self, AppendCommitment.self, AppendFunding.self, AppendPurchaseCommitment.self,
            AppendWarrant.self, AppendNegotiation.self,
        ],
        defaultSubcommand: AppendFile.self)
}

/// `append FILE|-`.
struct AppendFile: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "file", abstract: "Append the events in a file (or - for stdin).")

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var write: WriteOptions

    @Argument(help: ArgumentHelp("A file of events, or - for standard input.", valueName: "file"))
    var file: String

    func run() throws {
        let source = file == "-" ? "standard input" : file
        let events: [Event]
        do { events = try EventDecoder.decodeDocument(EventFiles.read(file), file: source) } catch { throw error.located(file: source) }
        let items = events.enumerated().map { SourcedEvent($1, file: source, index: $0 + 1) }
        try ledger.openForWriting().append(items, expecting: write.expected).report(verb: "appended")
    }
}

/// Flags every event built on the command line has.
struct EventFlags: ParsableArguments {
    @Option(help: ArgumentHelp("Effective date (required): when it took effect; for a party, when it was founded or registered.",
                               valueName: "YYYY-MM-DD"), transform: FlagValue.date)
    var date: LedgerDate?
    @Option(help: ArgumentHelp("Event id (generated from the content when absent).", valueName: "id")) var id: String?
    @Option(help: ArgumentHelp("When it became public.", valueName: "YYYY-MM-DD"), transform: FlagValue.date) var announced: LedgerDate?
    @Option(help: ArgumentHelp("confirmed (default), reported or estimate.", valueName: "status"), transform: FlagValue.choice("a status"))
    var status: EventStatus?
    @Option(help: ArgumentHelp("A URL or citation (repeatable).", valueName: "source")) var source: [String] = []
    @Option(help: "Free text.") var note: String?

    /// `--date` is required, but checked here so the refusal can say why the ledger needs it.
    func validate() throws {
        guard date != nil else {
            throw ValidationError("--date is required: every event takes effect on a date, and a query as of an earlier date "
                                  + "does not see it; for a party, give the date it was founded or registered")
        }
    }

    /// The effective date as text (empty only before ``validate()`` has run).
    var dateText: String { date?.text ?? "" }

    func object(type: String, _ fields: [String: JSONValue]) -> JSONValue {
        var object = fields
        object["type"] = .string(type)
        object["date"] = .string(dateText)
        if let id { object["id"] = .string(id) }
        if let announced { object["announced"] = .string(announced.text) }
        if let status { object["status"] = .string(status.rawValue) }
        if !source.isEmpty { object["sources"] = .array(source.map(JSONValue.string)) }
        if let note { object["note"] = .string(note) }
        return .object(object)
    }
}

/// What each `append <type>` subcommand does: build one event object, then append it.
protocol AppendEventCommand: ParsableCommand {
    var ledger: LedgerOptions { get }
    var write: WriteOptions { get }
    var event: EventFlags { get }
    func fields() throws -> [String: JSONValue]
}

extension AppendEventCommand {
    static var eventType: String { configuration.commandName ?? "" }

    func run() throws {
        let object = event.object(type: Self.eventType, try fields())
        let built: Event
        do { built = try EventDecoder.decode(object) } catch { throw error.located(file: "command line") }
        try ledger.openForWriting().append([SourcedEvent(built, file: "command line")], expecting: write.expected).report(verb: "appended")
    }
}
