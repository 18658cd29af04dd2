import TrackerStore

/// `tracker runs`: the runs in the database, newest first, filtered.
public enum RunsCommand: Command {
    static let limit = OptionSpec(
        "limit", short: "n", valueName: "count", help: "Show at most this many runs (the newest).")

    public static let spec = CommandSpec(
        name: "runs",
        abstract: "List runs, newest first.",
        discussion: """
            Each row shows a run's status, where it belongs, its best val_loss with the \
            epoch it was reached at, and how many epochs it ran. Filters combine (AND).
            """,
        options: [CommonOptions.database, CommonOptions.format()] + RunSelectionOptions.all + [limit],
        examples: [
            Example("tracker runs --limit 10", "The ten newest runs."),
            Example("tracker runs --status finished --where 'wd>=1e-3' --where 'dropout>0'",
                    "Finished runs with weight decay of at least 1e-3 and some dropout."),
            Example("tracker runs --sweep 1 --format csv > sweep1.csv", "The runs of sweep 1 as CSV."),
        ])

    public static func run(_ arguments: ParsedArguments, context: CommandContext) throws {
        let format = try CommonOptions.format(arguments)
        let limit = try arguments.value(Self.limit.name, as: Int.self, in: .atLeast(1))
        let store = try StoreAccess.openForReading(arguments, context: context)
        defer { store.close() }
        let filter = try RunSelection.filter(arguments, store: store, limit: limit)
        let table = try listing(store.runs(filter), store: store)
        if table.rows.isEmpty, format == .table {
            context.print("No runs match.")
            return
        }
        context.print(table, as: format)
    }

    static func listing(_ runs: [Run], store: Store) throws -> DataTable {
        var table = DataTable(columns: [
            "id", "name", "status", "created", "duration", "dataset", "group", "sweep",
            "best_val_loss", "best_epoch", "epochs",
        ])
        guard !runs.isEmpty else { return table }
        // One comparison query for every listed run's summaries, not one per run.
        let comparison = try store.comparison(RunFilter(runIDs: runs.map(\.id)))
        let rowsByID = Dictionary(uniqueKeysWithValues: comparison.rows.map { ($0.runID, $0) })
        var datasets = DatasetNames(store: store)
        for run in runs {
            let row = rowsByID[run.id]
            let valLoss = row.flatMap { comparison.summary(MetricKey.valLoss, of: $0) }
            table.append([
                .integer(run.id), .text(run.name), .text(run.status.rawValue),
                .text(RunTiming.short(run.createdAt)), .text(RunTiming.text(run, compact: true)),
                .text(try datasets.label(run.datasetID)), .text(run.group),
                run.sweepID.map(Cell.integer) ?? .null,
                .real(valLoss?.minValue), valLoss.map { .int($0.minStep) } ?? .null,
                row.flatMap { comparison.epochs(of: $0) }.map(Cell.int) ?? .null,
            ])
        }
        return table
    }
}
