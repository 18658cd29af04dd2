import EngineRecording
import Plots
import Sweeps

/// `tracker retune`: the sweep again on new data, recorded as its child;
/// or, with `--check`, whether that is needed yet.
public enum RetuneCommand: Command {
    static let sweep = OptionSpec("sweep", valueName: "sweep", help: "The sweep to re-tune, by id or name.", isRequired: true)
    static let dataset = OptionSpec(
        "dataset", valueName: "name|path.csv",
        help: "The new data: a built-in name or a CSV file (default: the sweep's own --dataset, read again).")
    static let subset = OptionSpec(
        "subset", valueName: "fraction",
        help: "Keep this fraction of the new data's rows (with --dataset, the sweep's --subset is dropped unless given again).")
    static let target = OptionSpec(
        "target", valueName: "column",
        help: "With --dataset FILE.csv: the column to predict, as train takes it (default: the sweep's --target, else the last column).")
    static let datasetName = OptionSpec(
        "dataset-name", valueName: "name",
        help: "The name the new data is kept under: give the old data set's name to make a file of another path its next version.")
    static let refine = OptionSpec.flag(
        "refine", help: "Narrow the space around the previous best (a decade either side on a log range) and try that best first.")
    static let check = OptionSpec.flag(
        "check", help: "Do not sweep: report whether the data changed and whether the best setting's train/val gap drifted.")
    static let threshold = OptionSpec(
        "threshold", valueName: "fraction",
        help: "With --check: the gap growth, as a fraction of the sweep's best val_loss, beyond which re-tuning is advised.",
        defaultValue: NumberFormatting.exact(RetuneCheck.defaultThreshold))
    static let name = OptionSpec("name", valueName: "name", help: "The new sweep's name; by default sweep-ID.")

    public static let spec = CommandSpec(
        name: "retune",
        abstract: "Re-run a sweep on new data as its child, or check whether that is advised.",
        discussion: """
            More data usually needs less regularization: when the data set has a new version (its \
            fingerprint changed, or --dataset names other data), run the sweep's space again, record \
            the new sweep as a child of the old one, and compare the old and new best settings with \
            their data sizes. With --check, nothing is swept: the best setting is trained once on the \
            current data, and re-tuning is advised when the data has a newer version or that run's \
            train/val gap (val_loss - train_eval_loss at the best epoch) grew by more than --threshold times \
            the sweep's best val_loss (default 0.1: ten percent). 'tracker lineage S' shows the chain.
            """,
        options: [sweep, dataset, target, datasetName, subset, refine, check, threshold, name, SweepOptions.workers,
                  CommonOptions.database, CommonOptions.format()],
        examples: [
            Example("tracker retune --sweep 1 --dataset digits-v2.csv", "The new data in a file: sweep it, compare the optima."),
            Example("tracker retune --sweep 1 --refine", "The data set changed on disk: a narrower sweep around the old best."),
            Example("tracker retune --check --sweep 1", "Has the data or the gap moved enough to re-tune?"),
        ])

    public static func run(_ arguments: ParsedArguments, context: CommandContext) throws {
        Interrupt.install()
        defer { Interrupt.uninstall() }
        try execute(arguments, context: context, stopRequested: { Interrupt.wasRequested })
    }

    static func execute(_ arguments: ParsedArguments, context: CommandContext, stopRequested: @escaping @Sendable () -> Bool) throws {
        let format = try CommonOptions.format(arguments)
        let workers = try SweepOptions.workerCount(arguments)
        let thresholdValue = try arguments.value(threshold.name, as: Double.self, in: .atLeast(0)) ?? RetuneCheck.defaultThreshold
        let fraction = try arguments.value(subset.name, as: Double.self, in: ValueRange(lower: (0, false), upper: (1, true)))
        let databasePath = try CommonOptions.databasePath(arguments, environment: context.environment)
        let store = try StoreAccess.openExisting(arguments, context: context)
        defer { store.close() }
        let parent = try store.sweep(id: RunSelection.sweepID(arguments.string(sweep.name) ?? "", store: store))
        var definition = try SweepDefinition(sweep: parent)
        let isExternal = definition.configuration.external != nil
        if isExternal, arguments.isSet(check.name) || fraction != nil {
            throw UsageError.invalid("--check and --subset need the built-in engine; sweep \(parent.name) runs an outside command.")
        }
        if isExternal, let newData = arguments.string(dataset.name) {
            // The script gets the new data as {dataset} and TRACKER_DATASET.
            definition.configuration.external?.dataset = newData
        } else if let newData = arguments.string(dataset.name) {
            definition = try definition.onDataset(newData)
            definition.configuration.fixed["subset"] = nil
        }
        if let fraction { definition.configuration.fixed["subset"] = .number(fraction) }
        if let column = arguments.string(target.name) { definition.configuration.fixed["target"] = .text(column) }
        if let name = arguments.string(datasetName.name) { definition.configuration.fixed["dataset_name"] = .text(name) }
        let board = try SweepScoreboard(sweep: parent, store: store)

        if arguments.isSet(check.name) {
            try runCheck(parent, definition: definition, best: board.best, threshold: thresholdValue, store: store, context: context)
            return
        }
        if arguments.isSet(refine.name) {
            guard let best = board.best else {
                throw CommandFailure("sweep \(parent.name) has no best setting to refine around; re-tune without --refine")
            }
            definition = try Refinement.refine(definition, around: best.setting)
        }
        if let childName = arguments.string(name.name), (try? store.sweep(named: childName)) != nil {
            throw CommandFailure("a sweep named '\(childName)' already exists; choose another --name or leave it out")
        }
        let newSpec: DatasetSpec
        if let external = definition.configuration.external {
            guard let data = external.dataset else {
                throw UsageError.invalid("sweep \(parent.name) was given no data; re-tune it with --dataset PATH.")
            }
            newSpec = try ExternalDataset.spec(data)
        } else {
            newSpec = try SweepData.check(definition)
        }
        let newDataset = try store.registerDataset(newSpec).dataset
        // The same version on the same rows: a subset swept, then the whole
        // version, is new data to this sweep (more rows), not unchanged.
        let newSubset = definition.configuration.fixed["subset"]?.number.flatMap { $0 < 1 ? $0 : nil }
        if newDataset.id == parent.datasetID && newSubset == SweepDefinition.subsetFraction(of: parent) {
            throw CommandFailure(
                "the data is unchanged (\(newDataset.name) v\(newDataset.version), \(newDataset.rows) rows, as sweep \(parent.name) used); "
                    + "give the new data with --dataset NAME|PATH, or check with 'tracker retune --check --sweep \(parent.id)'")
        }
        let spec = try definition.sweepSpec(
            name: arguments.string(name.name), objective: parent.objective, direction: parent.direction,
            datasetID: newDataset.id, parentSweepID: parent.id, command: CommandLineText.words(arguments, command: spec.name))
        let runner = SweepRunner(databasePath: databasePath, workers: workers, context: context, stopRequested: stopRequested)
        let result = isExternal
            ? try ExternalSweep.start(
                spec, definition: definition, store: store, databasePath: databasePath, workers: workers, context: context,
                stopRequested: stopRequested)
            : try runner.start(spec, definition: definition, store: store)
        context.print(result.scoreboard.table(), as: format)
        try SweepRunner.checkEnd(result)
        guard format == .table else { return }
        let steps = try Lineage.steps(endingAt: result.sweep.id, in: store).suffix(2)
        context.print("\nOld and new best (\(parent.objective), \(parent.direction.rawValue)):")
        context.print(Lineage.table(Array(steps)), as: .table)
        for step in steps {
            context.print("\(step.sweep.name): " + (step.bestCommand ?? "no best setting"))
        }
        context.print("Lineage: tracker lineage \(result.sweep.id)")
    }

    /// `--check`: trains the best setting once on the current data, then judges data and gap.
    private static func runCheck(
        _ parent: Sweep, definition: SweepDefinition, best: SettingScore?, threshold: Double, store: Store,
        context: CommandContext
    ) throws {
        var checkRun: RunID?
        if let best {
            var options = definition.trialOptions(setting: best.setting, seed: definition.configuration.seeds.first ?? 0)
            options["group"] = ["retune-check-\(parent.id)"]
            let job = try TrainingJob(try TrainTrialExecutor.request(options, environment: context.environment))
            let outcome = try job.record(in: store)
            checkRun = outcome.run.id
            context.print("Trained the best setting (\(best.setting.summary)) on \(outcome.dataset.name) "
                + "v\(outcome.dataset.version) (\(outcome.dataset.rows) rows): run \(outcome.run.name), \(outcome.status.rawValue).")
        } else {
            context.print("Sweep \(parent.name) has no best setting; judging the data alone.")
        }
        let verdict = try RetuneCheck(sweep: parent, store: store, checkRun: checkRun, threshold: threshold)
        for line in verdict.reasons { context.print(line) }
        for child in try store.childSweeps(of: parent.id) {
            context.print("Already re-tuned as \(child.name) (id \(child.id)); see 'tracker lineage \(child.id)'.")
        }
    }
}
