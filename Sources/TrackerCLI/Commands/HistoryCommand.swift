import TrackerStore
import Plots

/// `tracker history RUN...`: learning curves, drawn or as numbers.
public enum HistoryCommand: Command {
    static let metric = OptionSpec(
        "metric", valueName: "metric,...", help: "The metrics to show, comma-separated.",
        defaultValue: "\(MetricKey.trainLoss),\(MetricKey.valLoss)")

    public static let spec = CommandSpec(
        name: "history",
        abstract: "Plot runs' learning curves in the terminal, or print the numbers.",
        discussion: """
            Curves of several runs are overlaid, each with its own marker; where two cross, the \
            one listed later is drawn on top. '@' marks each run's best epoch (the epoch whose \
            weights were kept). Losses are drawn on a log scale unless --linear-y is given. \
            --smooth W draws TensorBoard's debiased moving average, computed on the whole \
            history as the dashboard computes it. --format csv or json prints the points \
            instead (run, metric, step, value); table draws the chart.
            """,
        options: [CommonOptions.database, CommonOptions.format(), metric] + ChartOptions.all,
        positionals: [PositionalSpec("run", help: "Runs by name or id.", arity: .oneOrMore)],
        examples: [
            Example("tracker history brave-otter-17", "Train and validation loss of one run."),
            Example("tracker history d0-s1 d3-s1 --metric val_loss --log-y", "Two runs' validation loss, log scale."),
            Example("tracker history brave-otter-17 --metric val_acc --format csv", "The numbers, for a spreadsheet."),
        ])

    public static func run(_ arguments: ParsedArguments, context: CommandContext) throws {
        let format = try CommonOptions.format(arguments)
        let metrics = try arguments.list(Self.metric.name, of: String.self)?.filter { !$0.isEmpty } ?? []
        guard !metrics.isEmpty else { throw UsageError.invalid("--metric names no metric; give one such as 'val_loss'.") }
        let store = try StoreAccess.openForReading(arguments, context: context)
        defer { store.close() }
        let runs = try RunResolver(store: store).runs(arguments.strings("run"))
        let comparison = try store.comparison(RunFilter(runIDs: runs.map(\.id)))
        let missing = try MissingSummaries(store: store, filter: RunFilter(runIDs: runs.map(\.id)))
        for metric in metrics where !comparison.metricNames.contains(metric) {
            if !missing.isEmpty { throw CommandFailure("no summary of \(metric) to read: " + missing.message) }
            let logged = comparison.metricNames
            if logged.isEmpty {
                throw CommandFailure("these runs have logged no metrics yet (a run that just started logs its first epoch soon); try again later")
            }
            throw UsageError.invalidValue(
                value: metric, argument: Self.metric.displayName,
                expected: logged.isEmpty ? "a metric, but these runs logged none" : "a metric these runs logged: " + logged.joined(separator: ", "),
                suggestion: Suggestion.closest(to: metric, in: logged))
        }

        if format != .table {
            var table = DataTable(columns: ["run", "metric", "step", "value"])
            for run in runs {
                for metric in metrics {
                    for point in try store.history(of: run.id, metric: metric) {
                        table.append([.text(run.name), .text(metric), .int(point.step), .real(point.value)])
                    }
                }
            }
            context.print(table, as: format)
            return
        }

        let smoothing = try ChartOptions.smoothing(arguments)
        let bestSteps = Dictionary(uniqueKeysWithValues: comparison.rows.map { ($0.runID, $0.bestStep) })
        var series: [ChartSeries] = []
        for run in runs {
            let best = bestSteps[run.id] ?? nil
            for metric in metrics {
                let curve = Curve(
                    name: metric, points: try store.history(of: run.id, metric: metric).map { ChartPoint(x: Double($0.step), y: $0.value) },
                    smoothing: smoothing)
                let points = zip(curve.steps, curve.smoothed).map { ChartPoint(x: $0, y: $1) }
                guard !points.isEmpty else { continue }
                let name = runs.count > 1 ? "\(run.name) \(metric)" : metric
                series.append(ChartSeries(name: name, points: points, highlight: best.flatMap { step in points.first { $0.x == Double(step) } }))
            }
        }
        let yLabel = metrics.joined(separator: ", ") + (smoothing > 0 ? " (smoothed \(NumberFormatting.compact(smoothing)))" : "")
        let chart = try ChartOptions.chart(
            series, arguments: arguments, context: context, yLabel: yLabel, logByDefault: CurveScale.prefersLog(metrics: metrics))
        context.print(chart.render())
        let bests = runs.compactMap { run in (bestSteps[run.id] ?? nil).map { "\(run.name) \($0)" } }
        if !bests.isEmpty { context.print("best epoch: " + bests.joined(separator: ", ")) }
    }
}
