import Plots

/// Every `tracker train` option, described once, in the order help lists
/// them. This one list generates `tracker train`'s option specs (and the
/// train options `tracker sweep` accepts), parses a command line into a
/// `TrainingSetup`, records a run's params, rebuilds the reproducing
/// command, renders diagnose's suggestions as flags, and lets a sweep apply
/// a setting to a setup without going through argv.
///
/// To add an option, add ONE entry below, in the help section it belongs to:
///
///     Hyperparameter(
///         "label_noise", .regularization, valueName: "fraction",
///         help: "Flip this fraction of training labels.", default: "0",
///         apply: { setup, text throws(HyperparameterError) in
///             setup.configuration.labelNoise = try ValueText.number(text, "label_noise", .from(0, below: 1)) },
///         record: { .real($0.configuration.labelNoise) })
///
/// - The key is the param key the run stores (the database is a public
///   interface: never rename one); the flag is `--` + the key with dashes
///   (`--label-noise`) unless `flag:` says otherwise.
/// - `default:` is text as a user types it; it is applied exactly like typed
///   text when the option is absent, shown by help, and left out of
///   reproducing commands. No default: the option is skipped when absent.
/// - `record:` returns nil to store nothing (run labels such as `--name`).
/// - `sweep:` `.notSwept` keeps it out of `tracker sweep`; `.barList` for a
///   value that is itself a comma list.
/// - A flag (`valueName: nil`) is applied only when set, with empty text.
/// Nothing else needs to change: help, parsing, params, sweeps and the
/// reproduce command all read this list.
public enum Hyperparameters {
    public static let all: [Hyperparameter] = data + model + optimization + regularization + run

    /// The entry for a param key.
    public static func named(_ key: String) -> Hyperparameter? { byKey[key] }

    /// The entry for a flag as typed, with or without its dashes.
    public static func forFlag(_ flag: String) -> Hyperparameter? { byFlag[String(flag.drop { $0 == "-" })] }

    /// `--batch-size` for `batch_size`; a key outside the table (a param
    /// logged by `tracker exec`) gets the derived spelling.
    public static func displayFlag(_ key: String) -> String {
        "--" + (named(key)?.flag ?? key.replacingOccurrences(of: "_", with: "-"))
    }

    private static let byKey = Dictionary(uniqueKeysWithValues: all.map { ($0.key, $0) })
    private static let byFlag = Dictionary(uniqueKeysWithValues: all.map { ($0.flag, $0) })

    /// Rates that must stay below 1 (dropout, momentum, label smoothing, splits).
    private static let fraction = ValueText.Bounds.from(0, below: 1)

    // MARK: Data

    static let data: [Hyperparameter] = [
        Hyperparameter(
            "dataset", .data, valueName: "name|path.csv",
            help: "What to train on: sine, moons, spirals, digits, or a CSV file (header row, numeric features).",
            isRequired: true,
            apply: { setup, text in setup.data.dataset = text },
            record: { .text($0.data.dataset) }),
        Hyperparameter(
            "target", .data, valueName: "column", help: "The CSV column to predict; by default the last one.",
            apply: { setup, text in setup.data.target = text },
            record: { $0.data.target.map(ParamValue.text) }),
        Hyperparameter(
            "val_data", .data, valueName: "path.csv",
            help: "A separate validation CSV (standardized with the training data's statistics) instead of a split.",
            apply: { setup, text in setup.data.validationDataPath = text },
            record: { $0.data.validationDataPath.map(ParamValue.text) }),
        Hyperparameter(
            "test_data", .data, valueName: "path.csv", help: "A separate test CSV instead of a split.",
            apply: { setup, text in setup.data.testDataPath = text },
            record: { $0.data.testDataPath.map(ParamValue.text) }),
        Hyperparameter(
            "val_split", .data, valueName: "fraction",
            help: "Fraction of the rows held out for validation (default 0.2; sine has fixed splits).",
            apply: { setup, text throws(HyperparameterError) in
                setup.data.validationFraction = try ValueText.number(text, "val_split", fraction)
            },
            record: { $0.data.validationFraction.map(ParamValue.real) }),
        Hyperparameter(
            "test_split", .data, valueName: "fraction",
            help: "Fraction of the rows held out for testing (default 0.2; sine has fixed splits).",
            apply: { setup, text throws(HyperparameterError) in
                setup.data.testFraction = try ValueText.number(text, "test_split", fraction)
            },
            record: { $0.data.testFraction.map(ParamValue.real) }),
        // Not a param: a subset is a data set version of its own, recorded with the run's data set.
        Hyperparameter(
            "subset", .data, valueName: "fraction",
            help: "Keep only this seeded fraction of the rows (by --data-seed): a smaller version of the same data set.",
            apply: { setup, text throws(HyperparameterError) in
                setup.data.subsetFraction = try ValueText.number(text, "subset", .above(0, upTo: 1))
            },
            record: { _ in nil }),
        Hyperparameter(
            "data_noise", .data, valueName: "sd",
            help: "Noise level of a generated set (sine 0.3, moons 0.2, spirals 0.2 by default).",
            apply: { setup, text throws(HyperparameterError) in
                setup.data.noise = try ValueText.number(text, "data_noise", .atLeast(0))
            },
            record: { $0.data.noise.map(ParamValue.real) }),
        Hyperparameter(
            "data_seed", .data, valueName: "seed", help: "Seeds the values of a generated set (its data set version).",
            default: "0",
            apply: { setup, text throws(HyperparameterError) in setup.data.dataSeed = try ValueText.seed(text, "data_seed") },
            record: { .integer(Int64($0.data.dataSeed)) }),
        Hyperparameter(
            "split_seed", .data, valueName: "seed",
            help: "Decides which rows go to train/val/test; fixed by default so that runs compare on the same split.",
            default: "0",
            apply: { setup, text throws(HyperparameterError) in setup.data.splitSeed = try ValueText.seed(text, "split_seed") },
            record: { .integer(Int64($0.data.splitSeed)) }),
    ]

    // MARK: Model

    static let model: [Hyperparameter] = [
        Hyperparameter(
            "hidden", .model, valueName: "sizes", help: "Hidden layer widths, comma-separated.", default: "64,64",
            sweep: .barList,
            apply: { setup, text throws(HyperparameterError) in
                setup.configuration.hiddenSizes = try ValueText.integers(text, "hidden", .atLeast(1))
            },
            record: { .text($0.configuration.hiddenSizes.map(String.init).joined(separator: ",")) }),
        Hyperparameter(
            "activation", .model, valueName: "activation", help: "Hidden-layer activation.", default: Activation.relu.rawValue,
            choices: Activation.allCases.map(\.rawValue),
            apply: { setup, text throws(HyperparameterError) in
                setup.configuration.activation = try ValueText.choice(text, "activation", as: Activation.self)
            },
            record: { .text($0.configuration.activation.rawValue) }),
        Hyperparameter(
            "init", .model, valueName: "he|xavier|normal:SCALE",
            help: "Weight initialization; normal:SCALE draws N(0, 1) x SCALE.", default: "he",
            apply: { setup, text throws(HyperparameterError) in setup.configuration.initialization = try initialization(text) },
            record: { .text(initializationText($0.configuration.initialization)) }),
        normalization("batchnorm", .batchnorm, help: "Batch normalization after each hidden layer."),
        normalization("layernorm", .layernorm, help: "Layer normalization after each hidden layer."),
        normalization("rmsnorm", .rmsnorm, help: "RMS normalization after each hidden layer."),
    ]

    /// One of the mutually exclusive normalization flags; each records 0 or 1.
    private static func normalization(_ key: String, _ kind: Normalization, help: String) -> Hyperparameter {
        Hyperparameter(
            key, .model, valueName: nil, help: help,
            apply: { setup, _ throws(HyperparameterError) in
                guard setup.configuration.normalization == .none else {
                    throw .atMostOne(keys: ["batchnorm", "layernorm", "rmsnorm"])
                }
                setup.configuration.normalization = kind
            },
            record: { .bool($0.configuration.normalization == kind) })
    }

    // MARK: Optimization

    static let optimization: [Hyperparameter] = [
        Hyperparameter(
            "epochs", .optimization, valueName: "n", help: "Epochs to train at most.", default: "100",
            apply: { setup, text throws(HyperparameterError) in
                setup.configuration.epochs = try ValueText.integer(text, "epochs", .atLeast(1))
            },
            record: { .integer(Int64($0.configuration.epochs)) }),
        Hyperparameter(
            "batch_size", .optimization, valueName: "rows|full", help: "Mini-batch size, or 'full' for full-batch gradient descent.",
            default: "32",
            apply: { setup, text throws(HyperparameterError) in setup.configuration.batchSize = try batchSize(text) },
            record: { setup in
                switch setup.configuration.batchSize {
                case .full: .text("full")
                case .rows(let rows): .integer(Int64(rows))
                }
            }),
        Hyperparameter(
            "lr", .optimization, valueName: "rate", help: "Learning rate.", default: "0.001",
            apply: { setup, text throws(HyperparameterError) in
                setup.configuration.learningRate = try ValueText.number(text, "lr", .greaterThan(0))
            },
            record: { .real($0.configuration.learningRate) }),
        Hyperparameter(
            "schedule", .optimization, valueName: "constant|step:EVERY:FACTOR|cosine[:MIN]",
            help: "Learning-rate schedule, e.g. step:30:0.5 or cosine.", default: "constant",
            apply: { setup, text throws(HyperparameterError) in setup.configuration.schedule = try schedule(text) },
            record: { .text(scheduleText($0.configuration.schedule)) }),
        Hyperparameter(
            "warmup", .optimization, valueName: "epochs", help: "Linear learning-rate warm-up over the first epochs.", default: "0",
            apply: { setup, text throws(HyperparameterError) in
                setup.configuration.warmupEpochs = try ValueText.integer(text, "warmup", .atLeast(0))
            },
            record: { .integer(Int64($0.configuration.warmupEpochs)) }),
        Hyperparameter(
            "optimizer", .optimization, valueName: "optimizer", help: "Optimizer.", default: OptimizerKind.adam.rawValue,
            choices: OptimizerKind.allCases.map(\.rawValue),
            apply: { setup, text throws(HyperparameterError) in
                setup.configuration.optimizer = try ValueText.choice(text, "optimizer", as: OptimizerKind.self)
            },
            record: { .text($0.configuration.optimizer.rawValue) }),
        // Recorded only where it acts, so that `momentum=0.9` means a momentum optimizer used it.
        Hyperparameter(
            "momentum", .optimization, valueName: "beta", help: "Momentum of the momentum and nesterov optimizers.", default: "0.9",
            apply: { setup, text throws(HyperparameterError) in
                setup.configuration.momentum = try ValueText.number(text, "momentum", fraction)
            },
            record: { setup in
                let optimizer = setup.configuration.optimizer
                return optimizer == .momentum || optimizer == .nesterov ? .real(setup.configuration.momentum) : nil
            }),
        Hyperparameter(
            "clip", .optimization, valueName: "norm", help: "Rescale gradients whose global L2 norm exceeds this; 0 is off.",
            default: "0",
            apply: { setup, text throws(HyperparameterError) in
                let norm = try ValueText.number(text, "clip", .atLeast(0))
                setup.configuration.gradientClipNorm = norm > 0 ? norm : nil
            },
            record: { .real($0.configuration.gradientClipNorm ?? 0) }),
    ]

    // MARK: Regularization

    static let regularization: [Hyperparameter] = [
        Hyperparameter(
            "wd", .regularization, valueName: "decay",
            help: "Weight decay: decoupled for adamw, coupled (added to the gradient) for the others.", default: "0",
            apply: { setup, text throws(HyperparameterError) in
                setup.configuration.weightDecay = try ValueText.number(text, "wd", .atLeast(0))
            },
            record: { .real($0.configuration.weightDecay) }),
        Hyperparameter(
            "l1", .regularization, valueName: "strength", help: "L1 penalty l1 * sum|w| in the loss.", default: "0",
            apply: { setup, text throws(HyperparameterError) in setup.configuration.l1 = try ValueText.number(text, "l1", .atLeast(0)) },
            record: { .real($0.configuration.l1) }),
        Hyperparameter(
            "proximal_l1", .regularization, valueName: nil, help: "Apply --l1 as a soft threshold after each step (exact zeros).",
            apply: { setup, _ in setup.configuration.l1Proximal = true },
            record: { .bool($0.configuration.l1Proximal) }),
        Hyperparameter(
            "l2", .regularization, valueName: "strength", help: "L2 penalty l2 * sum w^2 in the loss.", default: "0",
            apply: { setup, text throws(HyperparameterError) in setup.configuration.l2 = try ValueText.number(text, "l2", .atLeast(0)) },
            record: { .real($0.configuration.l2) }),
        // One rate is a number to filter on (`dropout>=0.3`); per-layer rates are text.
        Hyperparameter(
            "dropout", .regularization, valueName: "rate[,rate...]",
            help: "Dropout after the hidden layers: one rate, or one per hidden layer.", default: "0",
            apply: { setup, text throws(HyperparameterError) in
                let rates = try ValueText.numbers(text, "dropout", fraction)
                setup.configuration.dropout = rates.allSatisfy { $0 == 0 } && rates.count <= 1 ? [] : rates
            },
            record: { setup in
                let rates = setup.configuration.dropout
                return rates.count > 1
                    ? .text(rates.map { NumberFormatting.exact($0) }.joined(separator: ","))
                    : .real(rates.first ?? 0)
            }),
        Hyperparameter(
            "input_dropout", .regularization, valueName: "rate", help: "Dropout on the inputs.", default: "0",
            apply: { setup, text throws(HyperparameterError) in
                setup.configuration.inputDropout = try ValueText.number(text, "input_dropout", fraction)
            },
            record: { .real($0.configuration.inputDropout) }),
        // 0 turns early stopping off, so that a sweep can list `--early-stop 0,20`
        // and a run's recorded params replay as a valid command line.
        Hyperparameter(
            "early_stop", .regularization, valueName: "patience",
            help: "Stop after this many epochs without improvement and restore the best weights; 0 is off.", default: "0",
            apply: { setup, text throws(HyperparameterError) in
                let patience = try ValueText.integer(text, "early_stop", .atLeast(0))
                setup.configuration.earlyStopping = patience > 0 ? EarlyStopping(patience: patience, monitor: .valLoss, minDelta: 0) : nil
            },
            record: { .integer(Int64($0.configuration.earlyStopping?.patience ?? 0)) }),
        // The next two refine the early stopping above and skip themselves
        // without it; `TrainingSetup` refuses them when given alone.
        Hyperparameter(
            "monitor", .regularization, valueName: "metric", help: "The metric early stopping watches.",
            default: MonitoredMetric.valLoss.rawValue, choices: MonitoredMetric.allCases.map(\.rawValue),
            apply: { setup, text throws(HyperparameterError) in
                guard let stopping = setup.configuration.earlyStopping else { return }
                let monitor = try ValueText.choice(text, "monitor", as: MonitoredMetric.self)
                setup.configuration.earlyStopping = EarlyStopping(patience: stopping.patience, monitor: monitor, minDelta: stopping.minDelta)
            },
            record: { $0.configuration.earlyStopping.map { .text($0.monitor.rawValue) } }),
        Hyperparameter(
            "min_delta", .regularization, valueName: "delta", help: "Smallest change that counts as an improvement.", default: "0",
            apply: { setup, text throws(HyperparameterError) in
                guard let stopping = setup.configuration.earlyStopping else { return }
                let minDelta = try ValueText.number(text, "min_delta", .atLeast(0))
                setup.configuration.earlyStopping = EarlyStopping(patience: stopping.patience, monitor: stopping.monitor, minDelta: minDelta)
            },
            record: { $0.configuration.earlyStopping.map { .real($0.minDelta) } }),
        Hyperparameter(
            "label_smoothing", .regularization, valueName: "epsilon", help: "Label smoothing (classification).", default: "0",
            apply: { setup, text throws(HyperparameterError) in
                setup.configuration.labelSmoothing = try ValueText.number(text, "label_smoothing", fraction)
            },
            record: { .real($0.configuration.labelSmoothing) }),
        Hyperparameter(
            "mixup", .regularization, valueName: "alpha", help: "Mixup of training batches with Beta(alpha, alpha); 0 is off.",
            default: "0",
            apply: { setup, text throws(HyperparameterError) in
                setup.configuration.mixupAlpha = try ValueText.number(text, "mixup", .atLeast(0))
            },
            record: { .real($0.configuration.mixupAlpha) }),
        Hyperparameter(
            "noise", .regularization, valueName: "sd", help: "Gaussian noise added to training inputs (augmentation).", default: "0",
            apply: { setup, text throws(HyperparameterError) in
                setup.configuration.inputNoise = try ValueText.number(text, "noise", .atLeast(0))
            },
            record: { .real($0.configuration.inputNoise) }),
        Hyperparameter(
            "shift", .regularization, valueName: "pixels", help: "Random image shifts of up to this many pixels (digits).",
            default: "0",
            apply: { setup, text throws(HyperparameterError) in
                setup.configuration.shiftPixels = try ValueText.integer(text, "shift", .atLeast(0))
            },
            record: { .integer(Int64($0.configuration.shiftPixels)) }),
        Hyperparameter(
            "cutout", .regularization, valueName: "pixels", help: "Zero a random square of this side in each image (digits).",
            default: "0",
            apply: { setup, text throws(HyperparameterError) in
                setup.configuration.cutoutSize = try ValueText.integer(text, "cutout", .atLeast(0))
            },
            record: { .integer(Int64($0.configuration.cutoutSize)) }),
    ]

    // MARK: Run

    static let run: [Hyperparameter] = [
        // A sweep gives each replicate its own seed (`--seeds`).
        Hyperparameter(
            "seed", .run, valueName: "seed", help: "Seeds initialization, shuffling, dropout and augmentation.", default: "0",
            sweep: .notSwept,
            apply: { setup, text throws(HyperparameterError) in setup.configuration.seed = try ValueText.seed(text, "seed") },
            record: { .integer(Int64($0.configuration.seed)) }),
        Hyperparameter(
            "name", .run, valueName: "name", help: "The run's name; by default a generated one.", sweep: .notSwept,
            apply: { setup, text throws(HyperparameterError) in setup.name = try ValueText.nonEmpty(text, "name") },
            record: { _ in nil }),
        Hyperparameter(
            "group", .run, valueName: "group", help: "Put the run in a group.",
            apply: { setup, text throws(HyperparameterError) in setup.group = try ValueText.nonEmpty(text, "group") },
            record: { _ in nil }),
        Hyperparameter(
            "tag", .run, valueName: "tag", help: "Tag the run (repeatable).", isRepeatable: true, sweep: .notSwept,
            apply: { setup, text throws(HyperparameterError) in
                setup.tags.append(try ValueText.nonEmpty(text, "tag", hint: "give each tag some text"))
            },
            record: { _ in nil }),
        Hyperparameter(
            "notes", .run, valueName: "text", help: "Free-text notes on the run.",
            apply: { setup, text in setup.notes = text },
            record: { _ in nil }),
        Hyperparameter(
            "sparsity_threshold", .run, valueName: "t", help: "The sparsity metric counts weights with |w| below this.",
            default: "0.001",
            apply: { setup, text throws(HyperparameterError) in
                setup.configuration.sparsityThreshold = try ValueText.number(text, "sparsity_threshold", .atLeast(0))
            },
            record: { .real($0.configuration.sparsityThreshold) }),
        Hyperparameter(
            "checkpoint_every", .run, valueName: "epochs", help: "Also save a periodic checkpoint every this many epochs.",
            apply: { setup, text throws(HyperparameterError) in
                setup.configuration.checkpointEvery = try ValueText.integer(text, "checkpoint_every", .atLeast(1))
            },
            record: { _ in nil }),
        Hyperparameter(
            "quiet", short: "q", .run, valueName: nil, help: "Print no progress, only the run name and the summary.",
            apply: { setup, _ in setup.quiet = true },
            record: { _ in nil }),
    ]
}
