import TrackerStore

/// `tracker delete RUN...`: removes runs and all they own.
public enum DeleteCommand: Command {
    public static let spec = CommandSpec(
        name: "delete",
        abstract: "Delete runs with their params, metrics, tags and checkpoints.",
        discussion: """
            Asks for confirmation on a terminal; elsewhere (scripts, pipes) it refuses unless \
            --yes is given. Checkpoint data no remaining run refers to is removed too.
            """,
        options: [CommonOptions.database, .flag("yes", short: "y", help: "Delete without asking.")],
        positionals: [PositionalSpec("run", help: "The runs' names or ids.", arity: .oneOrMore)],
        examples: [
            Example("tracker delete brave-otter-17", "Delete one run, after confirming."),
            Example("tracker delete 3 4 5 --yes", "Delete runs 3, 4 and 5 without asking."),
        ])

    public static func run(_ arguments: ParsedArguments, context: CommandContext) throws {
        let store = try StoreAccess.openExisting(arguments, context: context)
        defer { store.close() }
        // Every name is checked before anything is deleted.
        let runs = try RunResolver(store: store).runs(arguments.strings("run"))
        let names = runs.map(\.name).joined(separator: ", ")
        if !arguments.isSet("yes") {
            let question = runs.count == 1 ? "Delete run \(names)?" : "Delete \(runs.count) runs (\(names))?"
            guard try ConfirmationPrompt().confirm(question, action: "delete runs", context: context) else {
                context.printError("Nothing deleted.")
                return
            }
        }
        let deleted = try store.deleteRuns(runs.map(\.id))
        context.print("Deleted \(deleted) run\(deleted == 1 ? "" : "s"): \(names).")
    }
}
