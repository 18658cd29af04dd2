import EngineRecording
import Sweeps

/// The options `tracker sweep` adds to `tracker train`'s, and the step from
/// parsed arguments to a `SweepDefinition`. The command declares
/// `SweepOptions.all + SweepOptions.sweepable(trainOptions)`.
public enum SweepOptions {
    static let group = "Sweep"

    public static let method = OptionSpec(
        "method", choice: SweepMethod.self, help: "grid: every combination of the listed values; random: --trials draws from lists and ranges.",
        default: .grid).inGroup(group)
    public static let trials = OptionSpec(
        "trials", valueName: "n", help: "How many settings a random search tries (the previous best included, with --refine).").inGroup(group)
    public static let seeds = OptionSpec(
        "seeds", valueName: "list", help: "Replicate every setting with these seeds; scores are means over them.", defaultValue: "0").inGroup(group)
    public static let folds = OptionSpec(
        "folds", valueName: "k", help: "Score each setting by K-fold cross-validation (mean and spread over folds).").inGroup(group)
    public static let workers = OptionSpec(
        "workers", valueName: "n", help: "Trials run at once, each with its own database connection (default: the number of cores); 0 records the sweep for 'tracker sweep --join' workers and runs nothing here.").inGroup(group)
    public static let prune = OptionSpec(
        "prune", valueName: "rule", help: "Stop poor trials early: median (after 5 epochs, 3 finished trials), halving (rungs at 5, 15, 45 ... epochs, keep the best third), or none.",
        defaultValue: "none", choices: ["median", "halving", "none"]).inGroup(group)
    public static let metric = OptionSpec(
        "metric", valueName: "metric", help: "The objective each trial is scored by.", defaultValue: "val_loss").inGroup(group)
    public static let goal = OptionSpec(
        "goal", valueName: "goal", help: "Whether the objective is minimized or maximized.", defaultValue: "min",
        choices: Direction.allCases.map(\.rawValue)).inGroup(group)
    public static let samplerSeed = OptionSpec(
        "sampler-seed", valueName: "seed", help: "Seeds the random search's draws (the trials' own seeds are --seeds).", defaultValue: "0").inGroup(group)

    public static let all = [method, trials, seeds, folds, workers, prune, metric, goal, samplerSeed]

    /// `tracker train`'s options as a sweep takes them: every valued option
    /// as free text (so `0,1e-3` and `1e-5:1e-1:log` get through; each
    /// trial's own parse checks the values), without defaults (an option not
    /// given is left to train), and without the ones a sweep sets itself.
    public static func sweepable(_ trainOptions: [OptionSpec], excluding excluded: Set<String> = notSweepable) -> [OptionSpec] {
        trainOptions.filter { !excluded.contains($0.name) && !$0.isRepeatable }.map { option in
            var copy = option
            copy.defaultValue = nil
            copy.choices = nil
            if copy.takesValue { copy.help += " " + sweepSyntax(option) }
            return copy
        }
    }

    /// Options whose values are names or paths: a list makes sense, a range does not.
    static let unrangedOptions: Set<String> = [
        "dataset", "dataset-name", "target", "val-data", "test-data", "activation", "init", "optimizer", "schedule",
        "monitor", "group", "notes",
    ]

    /// How a sweep takes the option's values, said where it applies: a range
    /// only for numbers, `|` between alternatives of a list-valued option.
    static func sweepSyntax(_ option: OptionSpec) -> String {
        if Hyperparameters.forFlag(option.name)?.sweep == .barList {
            return "In a sweep: alternatives separated by '|', e.g. 64|128,128 tries one layer of 64, then two of 128."
        }
        if unrangedOptions.contains(option.name) || option.choices != nil {
            return "In a sweep: a list (a,b,c)."
        }
        return "In a sweep: a list (a,b,c) or a range (LO:HI, LO:HI:log, LO:HI:int)."
    }

    /// Train options a sweep decides itself (the table's `.notSwept`: run
    /// names are generated, seeds come from --seeds), and the database.
    public static let notSweepable: Set<String> = Set(
        Hyperparameters.all.filter { $0.sweep == .notSwept }.map(\.flag) + ["db", "format"])

    /// The definition the arguments describe. `trainOptions` are the
    /// `sweepable` ones the command declared; `first` are settings to try
    /// before the plan's own (the previous best, with --refine).
    public static func definition(
        _ arguments: ParsedArguments, trainOptions: [OptionSpec], first: [TrialSetting] = []
    ) throws(UsageError) -> SweepDefinition {
        var inputs: [SweepOptionInput] = []
        for option in trainOptions {
            if option.takesValue {
                if arguments.isExplicit(option.name), let text = arguments.string(option.name) {
                    inputs.append(SweepOptionInput(option.name, text))
                }
            } else if arguments.isSet(option.name) {
                inputs.append(SweepOptionInput(option.name, nil))
            }
        }
        return try definition(arguments, inputs: inputs, first: first)
    }

    /// The definition of a space given as inputs (an outside command's `--param KEY=VALUES`).
    public static func definition(
        _ arguments: ParsedArguments, inputs: [SweepOptionInput], first: [TrialSetting] = []
    ) throws(UsageError) -> SweepDefinition {
        do {
            let (space, fixed) = try SearchSpace.parse(inputs)
            let configuration = SweepConfiguration(
                method: try arguments.value(method.name, as: SweepMethod.self) ?? .grid,
                trials: try arguments.value(trials.name, as: Int.self),
                samplerSeed: UInt64(try arguments.value(samplerSeed.name, as: Int.self, in: .atLeast(0)) ?? 0),
                seeds: try arguments.list(seeds.name, of: Int.self)?.map(Int64.init) ?? [0],
                folds: try arguments.value(folds.name, as: Int.self),
                prune: try PruningRule(option: arguments.string(prune.name) ?? "none"),
                fixed: fixed, first: first)
            return try SweepDefinition(space: space, configuration: configuration)
        } catch let error as SweepDefinitionError {
            throw .invalid(error.message)
        } catch let error as UsageError {
            throw error
        } catch {
            throw .invalid("\(error)")
        }
    }

    /// `--workers 0`: record the sweep and queue its units for `tracker sweep --join`, running none here.
    public static func recordsOnly(_ arguments: ParsedArguments) -> Bool {
        arguments.string(workers.name).flatMap { Int($0) } == 0
    }

    /// `--workers`, else one per core.
    public static func workerCount(_ arguments: ParsedArguments) throws(UsageError) -> Int {
        try arguments.value(workers.name, as: Int.self, in: .atLeast(1)) ?? WorkerPool.defaultWorkerCount
    }

    public static func objective(_ arguments: ParsedArguments) throws(UsageError) -> (metric: String, direction: Direction) {
        (arguments.string(metric.name) ?? "val_loss", Direction(rawValue: arguments.string(goal.name) ?? "min") ?? .min)
    }
}

extension SweepMethod: ArgumentChoice {
    public static var valueName: String { "method" }
}
