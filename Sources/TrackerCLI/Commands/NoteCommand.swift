import TrackerStore

/// `tracker note RUN TEXT`: replaces a run's notes.
public enum NoteCommand: Command {
    public static let spec = CommandSpec(
        name: "note",
        abstract: "Set a run's notes (replacing any it had); an empty text clears them.",
        options: [
            CommonOptions.database,
            .flag("append", help: "Add the text as a new line after the existing notes instead of replacing them."),
        ],
        positionals: [
            PositionalSpec("run", help: "The run's name or id."),
            PositionalSpec("text", help: "The notes; quote them for the shell."),
        ],
        examples: [
            Example("tracker note brave-otter-17 \"baseline for the dropout study\"", "Set the notes."),
            Example("tracker note brave-otter-17 --append \"val loss noisy after epoch 80\"", "Add a line."),
            Example("tracker note brave-otter-17 \"\"", "Clear the notes."),
        ])

    public static func run(_ arguments: ParsedArguments, context: CommandContext) throws {
        let text = arguments.string("text") ?? ""
        let store = try StoreAccess.openExisting(arguments, context: context)
        defer { store.close() }
        let run = try RunResolver(store: store).run(arguments.string("run") ?? "")
        var notes: String? = text.isEmpty ? nil : text
        if arguments.isSet("append"), let existing = run.notes, !existing.isEmpty {
            notes = text.isEmpty ? existing : existing + "\n" + text
        }
        try store.setNotes(run.id, notes)
        context.print(notes == nil ? "\(run.name): notes cleared." : "\(run.name): notes saved.")
    }
}
