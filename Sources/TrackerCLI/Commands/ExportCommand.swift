import Foundation
import TrackerStore

/// `tracker export`: runs (params and summaries) or metric history, as CSV or
/// JSON, for pandas and spreadsheets. Rows are written as they are read.
public enum ExportCommand: Command {
    static let runsFlag = OptionSpec.flag("runs", help: "One row per run: identity, params (params.KEY) and metric summaries (metrics.KEY.STAT). The default.")
    static let metricsFlag = OptionSpec.flag("metrics", help: "One row per metric point: run_name, metric, step, value.")
    static let metric = OptionSpec("metric", valueName: "metric,...", help: "With --metrics: only these metrics, comma-separated.")
    static let output = OptionSpec("output", short: "o", valueName: "file", help: "Write to this file instead of standard output.")
    static let format = OptionSpec(
        "format", valueName: OutputFormat.valueName, help: "csv, JSON lines (one object per line) or one JSON array.",
        defaultValue: OutputFormat.csv.rawValue, choices: [OutputFormat.csv, .jsonl, .json].map(\.rawValue))

    public static let spec = CommandSpec(
        name: "export",
        abstract: "Export runs with their params and summaries, or metric history, as CSV or JSON lines.",
        discussion: """
            Selects runs like 'tracker compare' does (names, or filters; all runs by default). \
            The metric history streams straight from the database, so it stays fast and small \
            in memory however many points there are. pandas: pd.read_csv("runs.csv") or \
            pd.read_json("history.jsonl", lines=True).
            """,
        options: [CommonOptions.database, format, runsFlag, metricsFlag, metric, output] + RunSelectionOptions.all,
        positionals: [PositionalSpec("run", help: "Runs to export, by name or id (default: all that match the filters).", arity: .zeroOrMore)],
        examples: [
            Example("tracker export -o runs.csv", "Every run, its params and summaries, as CSV."),
            Example("tracker export --metrics --sweep 1 --format jsonl -o history.jsonl", "The curves of sweep 1 as JSON lines."),
            Example("tracker export --metrics brave-otter-17 --metric val_loss", "One run's val_loss, to standard output."),
        ])

    public static func run(_ arguments: ParsedArguments, context: CommandContext) throws {
        let format = try arguments.value(Self.format.name, as: OutputFormat.self) ?? .csv
        if arguments.isSet(Self.runsFlag.name), arguments.isSet(Self.metricsFlag.name) {
            throw UsageError.invalid("--runs and --metrics export different tables; give one of them.")
        }
        let exportMetrics = arguments.isSet(Self.metricsFlag.name)
        let metrics = try arguments.list(Self.metric.name, of: String.self)?.filter { !$0.isEmpty } ?? []
        if !metrics.isEmpty, !exportMetrics { throw UsageError.invalid("--metric chooses metric history; add --metrics.") }
        let databasePath = try CommonOptions.databasePath(arguments, environment: context.environment)
        if let output = arguments.string(Self.output.name) {
            // Checked before the store opens: an output that is the database must not even be opened.
            try DatabaseFileGuard.refuse(output: output, database: databasePath)
        }
        let store = try StoreAccess.openForReading(arguments, context: context)
        defer { store.close() }
        let filter = try RunSelection.filter(arguments, store: store, runs: arguments.strings("run"))
        let sink = try OutputSink(path: arguments.string(Self.output.name), sparing: databasePath, context: context)
        defer { sink.close() }

        var rows = 0
        if exportMetrics {
            let writer = StreamingTableWriter(format: format, columns: ["run_name", "metric", "step", "value"], write: sink.write)!
            try store.forEachMetricPoint(filter, metrics: metrics) { run, metric, step, value in
                writer.append([.text(run), .text(metric), .int(step), .real(value)])
                rows += 1
            }
            writer.finish()
        } else {
            rows = try exportRuns(filter, store: store, format: format, write: sink.write)
        }
        if let path = sink.path {
            context.printError("Wrote \(rows) \(exportMetrics ? "metric points" : "runs") to \(path).")
        }
    }

    static let summaryStats = ["last", "last_step", "min", "min_step", "max", "max_step", "at_best"]

    static func exportRuns(_ filter: RunFilter, store: Store, format: OutputFormat, write: @escaping (String) -> Void) throws -> Int {
        let runs = try store.runs(filter)
        let comparison = try store.comparison(filter)
        let rowsByID = Dictionary(uniqueKeysWithValues: comparison.rows.map { ($0.runID, $0) })
        let paramKeys = comparison.paramKeys.sorted()
        var columns = [
            "run_id", "name", "status", "group", "sweep_id", "trial", "fold", "dataset", "dataset_version", "seed",
            "created_at", "started_at", "ended_at", "duration_s", "best_epoch", "epochs", "stop_reason", "tags", "notes",
        ]
        columns += paramKeys.map { "params." + $0 }
        for metric in comparison.metricNames { columns += summaryStats.map { "metrics.\(metric).\($0)" } }
        let writer = StreamingTableWriter(format: format, columns: columns, write: write)!
        var datasets: [DatasetID: Dataset] = [:]
        for run in runs {
            let row = rowsByID[run.id]
            let dataset = try run.datasetID.map { id in
                try datasets[id] ?? { let found = try store.dataset(id: id); datasets[id] = found; return found }()
            }
            var cells: [Cell] = [
                .integer(run.id), .text(run.name), .text(run.status.rawValue), .text(run.group),
                run.sweepID.map(Cell.integer) ?? .null, run.trial.map(Cell.int) ?? .null, run.fold.map(Cell.int) ?? .null,
                .text(dataset?.name), dataset.map { .int($0.version) } ?? .null, run.seed.map(Cell.integer) ?? .null,
                .text(run.createdAt), .text(run.startedAt), .text(run.endedAt), .real(RunTiming.seconds(run)),
                row?.bestStep.map(Cell.int) ?? .null, row.flatMap { comparison.epochs(of: $0) }.map(Cell.int) ?? .null,
                .text(run.stopReason?.rawValue), .text(try store.tags(of: run.id).joined(separator: ",")), .text(run.notes),
            ]
            cells += paramKeys.map { key in ParamCells.cell(row.flatMap { comparison.param(key, of: $0) }) }
            for metric in comparison.metricNames {
                let summary = row.flatMap { comparison.summary(metric, of: $0) }
                cells += [
                    .real(summary?.lastValue), summary.map { .int($0.lastStep) } ?? .null,
                    .real(summary?.minValue), summary.map { .int($0.minStep) } ?? .null,
                    .real(summary?.maxValue), summary.map { .int($0.maxStep) } ?? .null,
                    .real(row.flatMap { comparison.valueAtBest(metric, of: $0) }),
                ]
            }
            writer.append(cells)
        }
        writer.finish()
        return runs.count
    }
}
