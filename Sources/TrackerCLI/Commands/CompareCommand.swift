import TrackerStore
import Plots

/// `tracker compare`: runs side by side, best first.
public enum CompareCommand: Command {
    static let metric = OptionSpec(
        "metric", valueName: "metric",
        help: "The objective the rows are sorted by and the best run is chosen on (with --sweep: the sweep's objective).",
        defaultValue: MetricKey.valLoss)
    static let goal = OptionSpec(
        "goal", valueName: "goal", help: "Whether the objective is better low or high (default: max for accuracies, min otherwise).",
        choices: Direction.allCases.map(\.rawValue))
    static let by = OptionSpec(
        "by", valueName: "param,...",
        help: "Fold runs that share these params' values (e.g. replicates with different seeds) into one row: mean, standard deviation (_sd) and n.")

    static let columns = OptionSpec(
        "columns", valueName: "column,...",
        help: "Show only these columns, in this order (the run, or with --by its keys, always first), e.g. val_loss,val_loss_sd,gap,n.")

    public static let spec = CommandSpec(
        name: "compare",
        abstract: "Compare runs: the params that differ, metrics at the best epoch, the gap, best first.",
        discussion: """
            Columns: the params whose values differ among the selected runs; train and val \
            metrics at each run's best epoch (of the monitored metric); gap = val_loss - \
            train_eval_loss there (both in eval mode; empty for runs that logged no \
            train_eval_loss); best_epoch; the test metrics, measured with the weights of \
            kept_epoch (the best epoch when early stopping restored it, else the last); \
            epochs_run; and fit, the verdict of 'tracker diagnose' from the summaries \
            (underfit, overfit, overfit! when severe, ok). train_loss is the training-mode batch \
            mean (dropout and noise on), as Keras logs it: compare train_eval_loss with val_loss. \
            A high train_eval_loss with a small gap is underfitting: too much regularization. \
            Rows are sorted by the objective; the best is marked with '*'. With no runs named and \
            no filter, every run is compared.
            """,
        options: [CommonOptions.database, CommonOptions.format()] + RunSelectionOptions.all + [metric, goal, by, columns],
        positionals: [PositionalSpec("run", help: "Runs to compare, by name or id (default: all that match the filters).", arity: .zeroOrMore)],
        examples: [
            Example("tracker compare --sweep 1", "Which setting of sweep 1 generalizes best?"),
            Example("tracker compare --group dropout --by dropout",
                    "One row per dropout rate, averaged over seeds: where it generalizes best and where it starts to underfit."),
            Example("tracker compare brave-otter-17 calm-heron-3 --metric val_acc", "Two runs, by best validation accuracy."),
            Example("tracker compare --where 'wd>=1e-4' --format csv > compare.csv", "A selection as CSV."),
        ])

    /// Refuses an objective the selected runs have not logged: a usage
    /// error when the user named it with --metric, else a plain failure
    /// (runs that have logged nothing yet, e.g. just started, or not the
    /// default objective), never a usage error for an option not given.
    static func requireObjective(_ objective: String, logged: [String], arguments: ParsedArguments) throws {
        guard !logged.contains(objective) else { return }
        guard !logged.isEmpty else {
            throw CommandFailure("the selected runs have logged no metrics yet (a run that just started logs its first epoch soon); try again later")
        }
        guard arguments.isExplicit(metric.name) else {
            throw CommandFailure(
                "the selected runs have not logged '\(objective)' (the default objective); choose one they logged with --metric: "
                    + logged.joined(separator: ", "))
        }
        throw UsageError.invalidValue(
            value: objective, argument: metric.displayName,
            expected: "a metric the selected runs logged: " + logged.joined(separator: ", "),
            suggestion: Suggestion.closest(to: objective, in: logged))
    }

    public static func run(_ arguments: ParsedArguments, context: CommandContext) throws {
        let format = try CommonOptions.format(arguments)
        let keys = try arguments.list(Self.by.name, of: String.self)?.filter { !$0.isEmpty } ?? []
        let store = try StoreAccess.openForReading(arguments, context: context)
        defer { store.close() }
        let filter = try RunSelection.filter(arguments, store: store, runs: arguments.strings("run"))
        // A sweep was run for an objective: compare its runs on it unless told otherwise.
        let sweep = try filter.sweepID.map(store.sweep(id:))
        let (objective, direction) = try Self.objective(arguments, sweep: sweep)
        let comparison = try store.comparison(filter, objective: objective, direction: direction)
        guard !comparison.rows.isEmpty else {
            if format == .table { context.print("No runs match.") } else { context.print(DataTable(columns: ["run"]), as: format) }
            return
        }
        let missing = try MissingSummaries(store: store, filter: filter)
        missing.note(context)
        if !comparison.metricNames.contains(objective), !missing.isEmpty {
            throw CommandFailure("no summary of \(objective) to compare on: " + missing.message)
        }
        try Self.requireObjective(objective, logged: comparison.metricNames, arguments: arguments)
        var table: DataTable
        if keys.isEmpty {
            table = ComparisonTable.runs(comparison)
        } else {
            // The sweep's table averages finished runs only: so do these
            // means, and they say which runs they leave out.
            var finished = comparison
            finished.rows = comparison.rows.filter { $0.status == .finished }
            let leftOut = Dictionary(grouping: comparison.rows.filter { $0.status != .finished }, by: \.status.rawValue)
            if !leftOut.isEmpty {
                let counts = leftOut.keys.sorted().map { "\(leftOut[$0]!.count) \($0)" }.joined(separator: ", ")
                context.printError("Note: left out of the means: \(counts) (only finished runs count, as in the sweep's table).")
            }
            let replicates = try ReplicateTable(finished, by: keys)
            table = replicates.table
            if !replicates.mixedParams.isEmpty {
                context.printError(
                    "Note: \(replicates.mixedParams.joined(separator: ", ")) also vary within a row; add them to --by to keep those settings apart.")
            }
        }
        if let chosen = try arguments.list(Self.columns.name, of: String.self)?.filter({ !$0.isEmpty }), !chosen.isEmpty {
            for name in chosen where !table.columns.contains(name) {
                throw UsageError.invalidValue(
                    value: name, argument: Self.columns.displayName,
                    expected: "a column of this comparison: " + table.columns.joined(separator: ", "),
                    suggestion: Suggestion.closest(to: name, in: table.columns))
            }
            let leading = keys.isEmpty ? ["run"] : keys
            table = table.selecting(leading + chosen.filter { !leading.contains($0) })
        }
        context.print(table, as: format)
        if format == .table, keys.isEmpty, table.marker != nil, let first = ComparisonTable.order(comparison).first,
           case let best = comparison.rows[first], let value = comparison.objectiveValue(of: best) {
            let epoch = comparison.summary(objective, of: best)?.best(direction).step
            context.print(
                "\n* best \(objective) (\(direction.rawValue)): \(best.name), \(NumberFormatting.compact(value))"
                    + (epoch.map { " at epoch \($0)" } ?? "") + ". Look closer: tracker diagnose \(best.name)")
        }
    }

    /// `--metric` and `--goal`, or, for a sweep when `--metric` is not
    /// given, the objective the sweep was run for.
    static func objective(_ arguments: ParsedArguments, sweep: Sweep?) throws(UsageError) -> (String, Direction) {
        var objective = arguments.string(metric.name) ?? MetricKey.valLoss
        var direction = try direction(arguments, objective: objective)
        if let sweep, !arguments.isExplicit(metric.name) {
            objective = sweep.objective
            direction = arguments.isExplicit(goal.name) ? direction : sweep.direction
        }
        return (objective, direction)
    }

    static func direction(_ arguments: ParsedArguments, objective: String) throws(UsageError) -> Direction {
        if let text = arguments.string(Self.goal.name) {
            guard let direction = Direction(rawValue: text) else {
                throw .invalidValue(value: text, argument: Self.goal.displayName, expected: "min or max")
            }
            return direction
        }
        return objective.hasSuffix("acc") || objective.hasSuffix("accuracy") ? .max : .min
    }
}
