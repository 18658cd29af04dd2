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
        var definition = try SweepOptions.definition(arguments, inputs: inputs)
        let datasetReference = arguments.string("dataset")
        definition.configuration.external = .init(command: command, dataset: datasetReference)
        let (objective, direction) = try SweepOptions.objective(arguments)
        let recordOnly = SweepOptions.recordsOnly(arguments)
        let workers = recordOnly ? 0 : try SweepOptions.workerCount(arguments)
        let databasePath = try CommonOptions.databasePath(arguments, environment: context.environment)
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
        if recordOnly {
            try JoinedSweep.record(spec, store: store, databasePath: databasePath, context: context)
            return
        }
        let result = try start(
            spec, definition: definition, store: store, databasePath: databasePath, workers: workers, context: context,
            stopRequested: stopRequested)
        try report(result, definition: definition, arguments: arguments, workers: workers, context: context, stopRequested: stopRequested)
    }

    /// Records `spec` and runs all of it (a new sweep, or a retune's child sweep).
    static func start(
        _ spec: SweepSpec, definition: SweepDefinition, store: Store, databasePath: String, workers: Int,
        context: CommandContext, stopRequested: @escaping @Sendable () -> Bool
    ) throws -> SweepSession.Result {
        let units = TrialPlan(definition).units.count
        return try SweepSession.start(
            spec, store: store, pool: WorkerPool(workers: workers, databasePath: databasePath),
            makeExecutor: { sweep in
                try executor(sweep, definition: definition, total: units, announce: "", databasePath: databasePath, workers: workers, context: context)
            },
            shouldStop: stopRequested)
    }

    /// `tracker sweep --resume S` of a sweep over an outside command: only what is missing.
    static func resume(
        _ sweep: Sweep, definition: SweepDefinition, store: Store, arguments: ParsedArguments, context: CommandContext,
        stopRequested: @escaping @Sendable () -> Bool
    ) throws {
        let workers = try SweepOptions.workerCount(arguments)
        let databasePath = try CommonOptions.databasePath(arguments, environment: context.environment)
        let left = try ResumePlan(sweep: sweep, store: store)
        let result = try SweepSession.resume(
            sweep.id, store: store, pool: WorkerPool(workers: workers, databasePath: databasePath),
            makeExecutor: { sweep in
                try executor(
                    sweep, definition: definition, total: left.toRun.count,
                    announce: ": \(left.done.count) runs already done, \(left.toRun.count) to run",
                    databasePath: databasePath, workers: workers, context: context)
            },
            shouldStop: stopRequested)
        try report(result, definition: definition, arguments: arguments, workers: workers, context: context, stopRequested: stopRequested)
    }

    private static func executor(
        _ sweep: Sweep, definition: SweepDefinition, total: Int, announce: String, databasePath: String, workers: Int,
        context: CommandContext
    ) throws -> ExternalTrialExecutor {
        guard let external = definition.configuration.external else {
            throw CommandFailure("sweep \(sweep.name) runs the built-in engine, not an outside command")
        }
        let commandText = external.command.map(ShellQuoting.quote).joined(separator: " ")
        context.printError(
            "Sweep \(sweep.name) (id \(sweep.id)): \(sweep.method.rawValue) over '\(commandText)', \(total) run\(total == 1 ? "" : "s"), "
                + "\(workers) worker\(workers == 1 ? "" : "s"), objective \(sweep.objective) (\(sweep.direction.rawValue))\(announce)")
        let progress = SweepProgress(total: total, objective: sweep.objective, write: context.console.writeError)
        return try trialExecutor(sweep, external: external, definition: definition, databasePath: databasePath, progress: progress)
    }

    /// The executor of a sweep over an outside command, reporting to `progress`.
    static func trialExecutor(
        _ sweep: Sweep, external: SweepConfiguration.ExternalCommand, definition: SweepDefinition, databasePath: String,
        progress: SweepProgress
    ) throws -> ExternalTrialExecutor {
        ExternalTrialExecutor(
            sweep: sweep, command: external.command,
            fixedParams: definition.configuration.fixed.mapValues { ParamValue(parsing: $0.argument ?? "true") },
            group: nil, datasetReference: external.dataset, dataset: try external.dataset.map(ExternalDataset.spec),
            databasePath: databasePath, workingDirectory: nil, supervisor: ExternalTrialExecutor.supervisorOptions(),
            report: { progress.note("tracker sweep: \($0)") }, finished: progress.finished)
    }

    private static func report(
        _ result: SweepSession.Result, definition: SweepDefinition, arguments: ParsedArguments, workers: Int,
        context: CommandContext, stopRequested: @escaping @Sendable () -> Bool
    ) throws {
        let databasePath = try CommonOptions.databasePath(arguments, environment: context.environment)
        let runner = SweepRunner(databasePath: databasePath, workers: workers, context: context, stopRequested: stopRequested)
        // The scoreboard's reproducing command is a `tracker exec` line for an outside command.
        try runner.report(result, format: try CommonOptions.format(arguments))
    }
}
