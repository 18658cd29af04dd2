import TrackerStore
import Sweeps

/// `tracker lineage S`: the chain of re-tuned sweeps over data versions.
public enum LineageCommand: Command {
    public static let spec = CommandSpec(
        name: "lineage",
        abstract: "Show a sweep's re-tuning chain: the best setting at each data version and size.",
        discussion: """
            One row per sweep from the original to S, following each sweep's parent: the data set \
            version and rows it ran on, its best value of every swept option, and the objective. \
            Read it for the trend the field expects: more data, less regularization (or its absence).
            """,
        options: [CommonOptions.database, CommonOptions.format()],
        positionals: [PositionalSpec("sweep", help: "The last sweep of the chain, by id or name.")],
        examples: [
            Example("tracker lineage 3", "Sweep 3 and the sweeps it re-tuned."),
            Example("tracker lineage 3 --format csv", "The same as CSV."),
        ])

    public static func run(_ arguments: ParsedArguments, context: CommandContext) throws {
        let format = try CommonOptions.format(arguments)
        let store = try StoreAccess.openExisting(arguments, context: context)
        defer { store.close() }
        let id = try RunSelection.sweepID(arguments.string("sweep") ?? "", store: store)
        let steps = try Lineage.steps(endingAt: id, in: store)
        context.print(Lineage.table(steps), as: format)
        guard format == .table else { return }
        for step in steps {
            context.print("\(step.sweep.name): " + (step.bestCommand ?? "no best setting"))
        }
    }
}
