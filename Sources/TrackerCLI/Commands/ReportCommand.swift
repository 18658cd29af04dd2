import Analysis
import Foundation
import TrackerStore

/// `tracker report`: one self-contained HTML page with the plots of the
/// selected runs, built from the same queries as `compare` and `history`.
public enum ReportCommand: Command {
    static let output = OptionSpec(
        "output", short: "o", valueName: "file", help: "Where to write the HTML page.", defaultValue: "report.html")
    static let title = OptionSpec("title", valueName: "text", help: "The page's heading (default: what was selected).")

    public static let spec = CommandSpec(
        name: "report",
        abstract: "Write a self-contained HTML report: learning curves, the comparison, sweep and weight plots.",
        discussion: """
            One HTML file with inline SVG plots and no network access, to open in any browser, \
            mail or commit: train/val loss and accuracy per epoch (log-scale toggle, best epoch \
            and early stops marked), the table of 'tracker compare', for a sweep a heat map and \
            parallel coordinates of the objective, for a re-tuned sweep the best regularization \
            by data-set size, the best run's weight histogram and sparsity, weight norm per \
            epoch, and on the sine task the fitted function.
            """,
        options: [CommonOptions.database, output, title] + RunSelectionOptions.all + [CompareCommand.metric, CompareCommand.goal],
        positionals: [PositionalSpec("run", help: "Runs to report, by name or id (default: all that match the filters).", arity: .zeroOrMore)],
        examples: [
            Example("tracker report --sweep 1 -o sweep1.html", "Everything about sweep 1 on one page."),
            Example("tracker report brave-otter-17 calm-heron-3", "Two runs' curves and weights, in ./report.html."),
            Example("tracker report --group dropout --metric val_acc", "A group, best run by validation accuracy."),
        ])

    public static func run(_ arguments: ParsedArguments, context: CommandContext) throws {
        let path = arguments.string(Self.output.name) ?? "report.html"
        guard !path.isEmpty else { throw UsageError.invalid("--output is empty; give a file name such as 'report.html'.") }
        let databasePath = try CommonOptions.databasePath(arguments, environment: context.environment)
        try DatabaseFileGuard.refuse(output: path, database: databasePath)
        let store = try StoreAccess.openForReading(arguments, context: context)
        defer { store.close() }
        let filter = try RunSelection.filter(arguments, store: store, runs: arguments.strings("run"))
        let sweep = try filter.sweepID.map(store.sweep(id:))
        let (objective, direction) = try CompareCommand.objective(arguments, sweep: sweep)
        let title = arguments.string(Self.title.name) ?? Self.defaultTitle(arguments, sweep: sweep)
        let data = try ReportGatherer(store: store).gather(filter, objective: objective, direction: direction, title: title)
        guard !data.comparison.rows.isEmpty else {
            throw CommandFailure("no runs match the selection; list runs with 'tracker runs'")
        }
        try CompareCommand.requireObjective(objective, logged: data.comparison.metricNames, arguments: arguments)
        let html = ReportPage(data: data, generatedAt: Timestamp.now()).render()
        try OutputFile.write(Array(html.utf8), to: path, sparing: databasePath)
        context.print(path)
    }

    static func defaultTitle(_ arguments: ParsedArguments, sweep: Sweep?) -> String {
        if let sweep { return "tracker report: sweep \(sweep.name)" }
        if let group = arguments.string(RunSelectionOptions.group.name) { return "tracker report: group \(group)" }
        if let tag = arguments.string(RunSelectionOptions.tag.name) { return "tracker report: tag \(tag)" }
        let runs = arguments.strings("run")
        if !runs.isEmpty, runs.count <= 3 { return "tracker report: " + runs.joined(separator: ", ") }
        return "tracker report"
    }
}
