import EngineRecording
import Sweeps

/// `tracker sweep`: many `tracker train` runs over a search space, scored by
/// one objective, recorded as a sweep that `--resume` can finish.
public enum SweepCommand: Command {
    static let resume = OptionSpec(
        "resume", valueName: "sweep", help: "Finish an interrupted sweep (by id or name) without repeating its finished trials.")
        .inGroup(SweepOptions.group)
    static let join = OptionSpec(
        "join", valueName: "sweep",
        help: "Work on a sweep (by id or name) shared through its database: claim its units one at a time until none is left. Start any number, on any machines.")
        .inGroup(SweepOptions.group)
    static let reclaimAfter = OptionSpec(
        "reclaim-after", valueName: "seconds",
        help: "With --join: a unit whose worker sent no heartbeat for this long is taken back, its run marked crashed; every worker of a sweep should use the same value.",
        defaultValue: "60").inGroup(SweepOptions.group)
    static let name = OptionSpec("name", valueName: "name", help: "The sweep's name; by default sweep-ID.").inGroup(SweepOptions.group)
    static let param = OptionSpec(
        "param", valueName: "key=values",
        help: "For an outside command after '--': a swept value list or range (lr=1e-4,1e-3, wd=0:1e-2, lr=1e-5:1e-1:log) or a fixed value; repeatable.",
        isRepeatable: true).inGroup(SweepOptions.group)

    /// `tracker train`'s options as a sweep takes them; --dataset is checked
    /// by the command, since `--resume` needs none.
    static let trainOptions: [OptionSpec] = SweepOptions.sweepable(TrainOptions.all).map { option in
        var copy = option
        copy.isRequired = false
        return copy
    }

    public static let spec = CommandSpec(
        name: "sweep",
        abstract: "Train many runs over a search space and find the setting that generalizes best.",
        discussion: """
            Any 'tracker train' option takes a list (a,b,c) or, with --method random, a range \
            (LO:HI, LO:HI:log, LO:HI:int); a grid tries every combination. Each setting is trained \
            once per --seeds seed (and per fold with --folds K) and scored by the mean of its best \
            --metric. Trials run --workers at a time, each on its own connection to the one database \
            file. Ctrl-C stops handing out trials, marks the running ones and the sweep killed and \
            exits 130; 'tracker sweep --resume S' then runs only what is missing. At the end: the \
            table of settings, the best one, and the 'tracker train' command that reproduces it.

            Many machines: record the sweep with --workers 0 (its units are queued in the database, \
            e.g. --db postgresql://...), then start 'tracker sweep --join S' on each machine. Each \
            worker claims one unit at a time and renews its claim every quarter of --reclaim-after; \
            a claim silent for --reclaim-after seconds (by the database's clock) belongs to a dead \
            worker: another takes the unit back, marks the dead attempt's run crashed and runs it \
            again. A worker exits 0 once no unit is pending or held by a live worker; the last one \
            marks the sweep finished, and each prints the table. Ctrl-C gives the unit back and \
            exits 130. Runs record the host name, or TRACKER_HOST when it is set.
            """,
        options: SweepOptions.all + [resume, join, reclaimAfter, name, param, CommonOptions.database, CommonOptions.format()] + trainOptions,
        positionals: [PositionalSpec("command", help: "An outside training command after '--', run once per trial as by 'tracker exec' ({KEY}, {seed}, {dataset} replaced).", arity: .zeroOrMore)],
        examples: [
            Example("tracker sweep --dataset digits --wd 0,1e-4,1e-3,1e-2 --dropout 0,0.3,0.5 --epochs 50",
                    "A grid of weight decay and dropout: 12 runs."),
            Example("tracker sweep --dataset digits --wd 1e-5:1e-1:log --method random --trials 20 --seeds 0,1,2",
                    "20 random weight decays, each trained with three seeds."),
            Example("tracker sweep --dataset data.csv --wd 1e-4,1e-3,1e-2 --folds 5 --prune median",
                    "Small data: 5-fold cross-validation, poor trials stopped early."),
            Example("tracker sweep --resume 3", "Finish sweep 3 after an interruption."),
            Example("tracker sweep --dataset digits --wd 0,1e-3 --seeds 0,1,2 --workers 0 --db postgresql://me@db/tracker",
                    "Record a sweep for many machines: its 6 runs are queued, none run here."),
            Example("tracker sweep --join 4 --db postgresql://me@db/tracker",
                    "On each machine: run sweep 4's queued units until none is left."),
            Example("tracker sweep --param lr=1e-4,1e-3 --param wd=0:1e-2 --method random --trials 8 --workers 2 -- python3 train.py --lr {lr} --wd {wd}",
                    "Sweep an outside script; each trial is one 'tracker exec'."),
        ])

    public static func run(_ arguments: ParsedArguments, context: CommandContext) throws {
        Interrupt.install()
        defer { Interrupt.uninstall() }
        try execute(arguments, context: context, stopRequested: { Interrupt.wasRequested })
    }

    /// The command with the interruption source passed in (see `TrainCommand.execute`).
    static func execute(_ arguments: ParsedArguments, context: CommandContext, stopRequested: @escaping @Sendable () -> Bool) throws {
        let format = try CommonOptions.format(arguments)
        if let reference = arguments.string(join.name) {
            try JoinedSweep.execute(reference, arguments, context: context, stopRequested: stopRequested)
            return
        }
        if arguments.isExplicit(reclaimAfter.name) {
            throw UsageError.invalid("--reclaim-after is for workers: add --join SWEEP.")
        }
        let recordOnly = SweepOptions.recordsOnly(arguments) && arguments.string(resume.name) == nil
        let workers = recordOnly ? 0 : try SweepOptions.workerCount(arguments)
        let databasePath = try CommonOptions.databasePath(arguments, environment: context.environment)
        let runner = SweepRunner(databasePath: databasePath, workers: workers, context: context, stopRequested: stopRequested)
        let command = arguments.strings("command")
        if !command.isEmpty && arguments.string(resume.name) == nil {
            try ExternalSweep.execute(arguments, command: command, context: context, stopRequested: stopRequested)
            return
        }
        if arguments.isExplicit(param.name) {
            throw UsageError.invalid("--param is for sweeping an outside command: add it after '--', e.g. -- python3 train.py --lr {lr}.")
        }

        if let reference = arguments.string(resume.name) {
            if let given = trainOptions.first(where: { arguments.isExplicit($0.name) || ($0.kind == .flag && arguments.isSet($0.name)) }) {
                throw UsageError.invalid(
                    "--resume runs the sweep's recorded space; leave out \(given.displayName) (or start a new sweep without --resume).")
            }
            let store = try StoreAccess.openExisting(path: databasePath)
            defer { store.close() }
            let sweep = try store.sweep(id: RunSelection.sweepID(reference, store: store))
            let definition = try SweepDefinition(sweep: sweep)
            if definition.configuration.external != nil {
                try ExternalSweep.resume(sweep, definition: definition, store: store, arguments: arguments, context: context, stopRequested: stopRequested)
                return
            }
            try runner.report(try runner.resume(sweep, store: store), format: format)
            return
        }

        guard arguments.isExplicit(TrainOptions.spec("dataset").name) else {
            throw UsageError.invalid("tracker sweep needs --dataset (e.g. --dataset digits), or --resume SWEEP to finish one.")
        }
        let definition = try SweepOptions.definition(arguments, trainOptions: trainOptions)
        let (objective, direction) = try SweepOptions.objective(arguments)
        let data = try SweepData.check(definition)
        let store = try Store(path: databasePath)
        defer { store.close() }
        if let sweepName = arguments.string(name.name), (try? store.sweep(named: sweepName)) != nil {
            throw CommandFailure("a sweep named '\(sweepName)' already exists; choose another --name or leave it out")
        }
        let dataset = try store.registerDataset(data).dataset
        let spec = try definition.sweepSpec(
            name: arguments.string(name.name), objective: objective, direction: direction, datasetID: dataset.id,
            command: CommandLineText.words(arguments, command: spec.name))
        if recordOnly {
            try JoinedSweep.record(spec, store: store, databasePath: databasePath, context: context)
            return
        }
        try runner.report(try runner.start(spec, definition: definition, store: store), format: format)
    }
}

/// The checks a sweep makes before it records anything: every unit's
/// options make a setup as `tracker train` would take them, and the data loads.
enum SweepData {
    /// Returns the data set of the first unit: the version the sweep is
    /// recorded on (the whole data set under its `--dataset-name`; a subset is a view of it).
    static func check(_ definition: SweepDefinition) throws -> DatasetSpec {
        let units = TrialPlan(definition).units
        var first: TrainRequest?
        for unit in units {
            let request = try TrainTrialExecutor.request(definition.trialOptions(for: unit), environment: [:])
            if first == nil { first = request }
        }
        guard let first else { throw UsageError.invalid("the sweep plans no runs; give some option several values") }
        return DatasetSpec(try TrainingJob(first).whole, name: first.datasetName)
    }
}
