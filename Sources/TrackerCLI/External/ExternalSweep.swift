import Sweeps
import TrackerKit

/// `tracker sweep --param KEY=VALUES... -- COMMAND`: a sweep whose trials
/// are runs of an outside command, one `tracker exec` each, through the
/// same sweep library as built-in sweeps (grid and random, --seeds,
/// --workers, the median and halving pruners, the final table).
enum ExternalSweep {
    /// The mark in `sweeps.command` of a sweep over an outside command.
    static let commandSeparator = " -- "

    static func execute(
        _ arguments: ParsedArguments, command: [String], context: CommandContext, stopRequested: @escaping @Sendable () -> Bool
    ) throws {
        if arguments.isExplicit(SweepOptions.folds.name) {
            throw UsageError.invalid("--folds needs the built-in engine; an outside command splits its own data.")
        }
        let given = SweepCommand.trainOptions.filter { arguments.isExplicit($0.name) || ($0.kind == .flag && arguments.isSet($0.name)) }
        if let option = given.first(where: { $0.name != "dataset" }) {
            throw UsageError.invalid("\(option.displayName) is a 'tracker train' option; for an outside command give it as --param \(option.name)=VALUES.")
        }
        var inputs: [SweepOptionInput] = []
        for word in arguments.strings(SweepCommand.param.name) {
            guard let equals = word.firstIndex(of: "="), equals != word.startIndex else {
                throw UsageError.invalidValue(value: word, argument: "--param", expected: "KEY=VALUES such as lr=1e-4,1e-3 or wd=0:1e-2")
            }
            inputs.append(SweepOptionInput(String(word[..<equals]), String(word[word.index(after: equals)...])))
        }
        let definition = try SweepOptions.definition(arguments, inputs: inputs)
        let (objective, direction) = try SweepOptions.objective(arguments)
        let workers = try SweepOptions.workerCount(arguments)
        let databasePath = CommonOptions.databasePath(arguments, environment: context.environment)
        let datasetReference = arguments.string("dataset")
        let datasetSpec = try datasetReference.map(ExternalDataset.spec)

        let store = try Store(path: databasePath)
        defer { store.close() }
        if let sweepName = arguments.string(SweepCommand.name.name), (try? store.sweep(named: sweepName)) != nil {
            throw CommandFailure("a sweep named '\(sweepName)' already exists; choose another --name or leave it out")
        }
        let datasetID = try datasetSpec.map { try store.registerDataset($0).dataset.id }
        let commandText = command.map(ShellQuoting.quote).joined(separator: " ")
        let spec = try definition.sweepSpec(
            name: arguments.string(SweepCommand.name.name), objective: objective, direction: direction, datasetID: datasetID,
            command: CommandLineText.words(arguments, command: "sweep") + commandSeparator + commandText)
        let fixed = definition.configuration.fixed.mapValues { ParamValue(parsing: $0.argument ?? "true") }
        let units = TrialPlan(definition).units.count
        let result = try SweepSession.start(
            spec, store: store, pool: WorkerPool(workers: workers, databasePath: databasePath),
            makeExecutor: { sweep in
                context.printError(
                    "Sweep \(sweep.name) (id \(sweep.id)): \(sweep.method.rawValue) over '\(commandText)', \(units) run\(units == 1 ? "" : "s"), "
                        + "\(workers) worker\(workers == 1 ? "" : "s"), objective \(sweep.objective) (\(sweep.direction.rawValue))")
                let progress = SweepProgress(total: units, objective: sweep.objective, write: context.console.writeError)
                return ExternalTrialExecutor(
                    sweep: sweep, command: command, fixedParams: fixed, group: nil, datasetReference: datasetReference,
                    dataset: datasetSpec, databasePath: databasePath, workingDirectory: nil,
                    supervisor: ExternalTrialExecutor.supervisorOptions(),
                    report: { progress.note("tracker sweep: \($0)") }, finished: progress.finished)
            },
            shouldStop: stopRequested)
        let runner = SweepRunner(databasePath: databasePath, workers: workers, context: context, stopRequested: stopRequested)
        try runner.report(result, format: try CommonOptions.format(arguments)) { score in
            reproducingCommand(setting: score.setting, fixed: definition.configuration.fixed,
                               seed: definition.configuration.seeds.first ?? 0, dataset: datasetReference, command: command)
        }
    }

    /// `tracker exec --param ... --seed S -- COMMAND`: the best setting's run again.
    static func reproducingCommand(
        setting: TrialSetting, fixed: [String: SweepValue], seed: Int64, dataset: String?, command: [String]
    ) -> String {
        let values = fixed.merging(setting.values) { _, swept in swept }
        var words = ["tracker", "exec"]
        for key in values.keys.sorted() { words += ["--param", "\(key)=\(values[key]!.argument ?? "true")"] }
        words += ["--seed", String(seed)]
        if let dataset { words += ["--dataset", dataset] }
        return (words + ["--"] + command).map(ShellQuoting.quote).joined(separator: " ")
    }
}
