import TrackerStore

/// `tracker tag RUN TAG... [--remove]`.
public enum TagCommand: Command {
    public static let spec = CommandSpec(
        name: "tag",
        abstract: "Add tags to a run, or remove them with --remove.",
        options: [CommonOptions.database, .flag("remove", help: "Remove the tags instead of adding them.")],
        positionals: [
            PositionalSpec("run", help: "The run's name or id."),
            PositionalSpec("tag", help: "Tags to add (or remove).", arity: .oneOrMore),
        ],
        examples: [
            Example("tracker tag brave-otter-17 baseline paper", "Tag a run 'baseline' and 'paper'."),
            Example("tracker tag brave-otter-17 paper --remove", "Remove the tag 'paper'."),
        ])

    public static func run(_ arguments: ParsedArguments, context: CommandContext) throws {
        let tags = arguments.strings("tag")
        if tags.contains(where: { $0.allSatisfy(\.isWhitespace) }) {
            throw UsageError.invalid("A tag is empty; give every tag some text.")
        }
        let store = try StoreAccess.openExisting(arguments, context: context)
        defer { store.close() }
        let run = try RunResolver(store: store).run(arguments.string("run") ?? "")
        if arguments.isSet("remove") {
            try store.removeTags(tags, from: run.id)
        } else {
            try store.addTags(tags, to: run.id)
        }
        let now = try store.tags(of: run.id)
        context.print("\(run.name): " + (now.isEmpty ? "no tags" : "tags " + now.joined(separator: ", ")))
    }
}
