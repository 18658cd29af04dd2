import ImportRecording
import RunImport
import TrackerStore

/// `tracker import mlflow|tensorboard`: bring runs of other trackers in.
public enum ImportCommand: Command {
    public static let spec = CommandSpec(
        name: "import",
        abstract: "Import runs from an MLflow SQLite store or TensorBoard logs, idempotently.",
        discussion: """
            Runs are keyed by their id in the source (MLflow's run id, TensorBoard's run \
            directory): importing again adds only the points logged since and updates status, \
            end time, params, tags and notes. Imported runs work with compare, show, report \
            and SQL like any other; runs.source and runs.external_id say where they came from.
            """,
        examples: [
            Example("tracker import mlflow mlflow.db", "Every active MLflow run."),
            Example("tracker import tensorboard runs/", "One run per directory holding event files."),
        ])

    public static var subcommands: [any Command.Type] { [ImportMLflowCommand.self, ImportTensorBoardCommand.self] }

    public static func run(_ arguments: ParsedArguments, context: CommandContext) throws {
        context.print(HelpFormatter(commandPath: "tracker import").help(for: spec, subcommands: subcommands.map { $0.spec }))
    }

    static let group = OptionSpec("group", valueName: "group", help: "Put every imported run in this group instead of the source's experiment or directory.")

    /// Imports what `read` returns, reporting progress and warnings on
    /// stderr and the summary on stdout.
    static func importRuns(
        _ arguments: ParsedArguments, context: CommandContext, source: String, read: () throws -> [ImportedRun]
    ) throws {
        let format = try CommonOptions.format(arguments)
        let path = try CommonOptions.databasePath(arguments, environment: context.environment)
        let runs = try read()
        let store = try Store(path: path)
        defer { store.close() }
        let progress = ImportProgress(context: context, total: runs.count)
        let summary = try RunImporter(store: store, groupOverride: arguments.string(group.name))
            .importRuns(runs) { done, _, _ in progress.update(done) }
        progress.finish()
        for warning in summary.warnings { context.printError("warning: \(warning)") }
        var table = DataTable(columns: [
            "source", "runs", "created", "updated", "unchanged", "points_added", "nan_points_skipped", "warnings",
        ])
        table.append([
            .text(source), .int(summary.runsRead), .int(summary.runsCreated), .int(summary.runsUpdated),
            .int(summary.runsUnchanged), .int(summary.pointsAdded), .int(summary.nanPointsSkipped),
            .int(summary.warnings.count),
        ])
        context.print(table, as: format)
    }
}

/// `tracker import mlflow PATH`.
public enum ImportMLflowCommand: Command {
    static let includeDeleted = OptionSpec.flag("include-deleted", help: "Also import runs in MLflow's trash (lifecycle_stage 'deleted').")

    public static let spec = CommandSpec(
        name: "mlflow",
        abstract: "Import the runs of an MLflow SQLite tracking store (MLflow 2.x and 3.x), read-only.",
        discussion: """
            Each run keeps its experiment (as group), name, status, times, params (typed where \
            they parse as numbers), tags (as 'key=value'), note and git commit, and its full \
            metric history. A name already used in the tracker gets the start of the MLflow run \
            id appended. A RUNNING run imports as crashed (its process cannot be checked from \
            here) until an import finds it ended. NaN points are not stored; they are counted.
            """,
        options: [ImportCommand.group, includeDeleted, CommonOptions.format(), CommonOptions.database],
        positionals: [PositionalSpec("path", help: "The MLflow store, e.g. mlflow.db.")],
        examples: [
            Example("tracker import mlflow mlflow.db", "Import, or bring an earlier import up to date."),
            Example("tracker import mlflow mlflow.db --group legacy --format json", "All in one group; JSON summary."),
        ])

    public static func run(_ arguments: ParsedArguments, context: CommandContext) throws {
        let file = arguments.string("path") ?? ""
        try ImportCommand.importRuns(arguments, context: context, source: "mlflow") {
            try MLflowStoreReader(path: file).readRuns(includeDeleted: arguments.isSet(includeDeleted.name))
        }
    }
}

/// `tracker import tensorboard DIR`.
public enum ImportTensorBoardCommand: Command {
    public static let spec = CommandSpec(
        name: "tensorboard",
        abstract: "Import TensorBoard event files: one run per directory that holds them.",
        discussion: """
            Scalar summaries (simple_value and tensor form) become metrics under their tag \
            names; add_hparams values become params. A corrupt record is reported with its \
            file and offset, and the rest is imported.
            """,
        options: [ImportCommand.group, CommonOptions.format(), CommonOptions.database],
        positionals: [PositionalSpec("dir", help: "The log directory, e.g. runs/.")],
        examples: [Example("tracker import tensorboard runs/", "Import, or bring an earlier import up to date.")])

    public static func run(_ arguments: ParsedArguments, context: CommandContext) throws {
        let directory = arguments.string("dir") ?? ""
        try ImportCommand.importRuns(arguments, context: context, source: "tensorboard") {
            try TensorBoardReader(root: directory).readRuns()
        }
    }
}
