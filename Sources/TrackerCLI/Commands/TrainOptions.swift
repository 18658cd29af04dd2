import Training

/// The options of `tracker train`, grouped as its help shows them. Names are
/// also the param keys a run records (dashes become underscores).
public enum TrainOptions {
    // MARK: Data
    static let dataset = OptionSpec(
        "dataset", valueName: "name|path.csv",
        help: "What to train on: sine, moons, spirals, digits, or a CSV file (header row, numeric features).",
        isRequired: true).inGroup("Data")
    static let datasetName = OptionSpec(
        "dataset-name", valueName: "name",
        help: "The data set's name in the database; files under one name are its versions (default: the built-in name or the file's base name).").inGroup("Data")
    static let target = OptionSpec(
        "target", valueName: "column", help: "The CSV column to predict; by default the last one.").inGroup("Data")
    static let valData = OptionSpec(
        "val-data", valueName: "path.csv",
        help: "A separate validation CSV (standardized with the training data's statistics) instead of a split.").inGroup("Data")
    static let testData = OptionSpec(
        "test-data", valueName: "path.csv", help: "A separate test CSV instead of a split.").inGroup("Data")
    static let valSplit = OptionSpec(
        "val-split", valueName: "fraction", help: "Fraction of the rows held out for validation (default 0.2; sine has fixed splits).").inGroup("Data")
    static let testSplit = OptionSpec(
        "test-split", valueName: "fraction", help: "Fraction of the rows held out for testing (default 0.2; sine has fixed splits).").inGroup("Data")
    static let subset = OptionSpec(
        "subset", valueName: "fraction",
        help: "Keep only this seeded fraction of the rows (by --data-seed): a view of the data set's version, recorded with the run, not a version of its own.").inGroup("Data")
    static let dataNoise = OptionSpec(
        "data-noise", valueName: "sd",
        help: "Noise level of a generated set (sine 0.3, moons 0.2, spirals 0.2 by default).").inGroup("Data")
    static let dataSeed = OptionSpec(
        "data-seed", valueName: "seed", help: "Seeds the values of a generated set (its data set version).", defaultValue: "0").inGroup("Data")
    static let splitSeed = OptionSpec(
        "split-seed", valueName: "seed",
        help: "Decides which rows go to train/val/test; fixed by default so that runs compare on the same split.",
        defaultValue: "0").inGroup("Data")

    // MARK: Model
    static let hidden = OptionSpec(
        "hidden", valueName: "sizes", help: "Hidden layer widths, comma-separated.", defaultValue: "64,64").inGroup("Model")
    static let activation = OptionSpec(
        "activation", choice: Activation.self, help: "Hidden-layer activation.", default: .relu).inGroup("Model")
    static let initialization = OptionSpec(
        "init", valueName: "he|xavier|normal:SCALE",
        help: "Weight initialization; normal:SCALE draws N(0, 1) x SCALE.", defaultValue: "he").inGroup("Model")
    static let batchnorm = OptionSpec.flag("batchnorm", help: "Batch normalization after each hidden layer.").inGroup("Model")
    static let layernorm = OptionSpec.flag("layernorm", help: "Layer normalization after each hidden layer.").inGroup("Model")
    static let rmsnorm = OptionSpec.flag("rmsnorm", help: "RMS normalization after each hidden layer.").inGroup("Model")

    // MARK: Optimization
    static let epochs = OptionSpec("epochs", valueName: "n", help: "Epochs to train at most.", defaultValue: "100").inGroup("Optimization")
    static let batchSize = OptionSpec(
        "batch-size", valueName: "rows|full", help: "Mini-batch size, or 'full' for full-batch gradient descent.",
        defaultValue: "32").inGroup("Optimization")
    static let lr = OptionSpec("lr", valueName: "rate", help: "Learning rate.", defaultValue: "0.001").inGroup("Optimization")
    static let schedule = OptionSpec(
        "schedule", valueName: "constant|step:EVERY:FACTOR|cosine[:MIN]",
        help: "Learning-rate schedule, e.g. step:30:0.5 or cosine.", defaultValue: "constant").inGroup("Optimization")
    static let warmup = OptionSpec(
        "warmup", valueName: "epochs", help: "Linear learning-rate warm-up over the first epochs.", defaultValue: "0").inGroup("Optimization")
    static let optimizer = OptionSpec(
        "optimizer", choice: OptimizerKind.self, help: "Optimizer.", default: .adam).inGroup("Optimization")
    static let momentum = OptionSpec(
        "momentum", valueName: "beta", help: "Momentum of the momentum and nesterov optimizers.", defaultValue: "0.9").inGroup("Optimization")
    static let clip = OptionSpec(
        "clip", valueName: "norm", help: "Rescale gradients whose global L2 norm exceeds this; 0 is off.",
        defaultValue: "0").inGroup("Optimization")

    // MARK: Regularization
    static let wd = OptionSpec(
        "wd", valueName: "decay", help: "Weight decay: decoupled for adamw, coupled (added to the gradient) for the others.",
        defaultValue: "0").inGroup("Regularization")
    static let l1 = OptionSpec("l1", valueName: "strength", help: "L1 penalty l1 * sum|w| in the loss.", defaultValue: "0").inGroup("Regularization")
    static let proximalL1 = OptionSpec.flag(
        "proximal-l1", help: "Apply --l1 as a soft threshold after each step (exact zeros).").inGroup("Regularization")
    static let l2 = OptionSpec("l2", valueName: "strength", help: "L2 penalty l2 * sum w^2 in the loss.", defaultValue: "0").inGroup("Regularization")
    static let dropout = OptionSpec(
        "dropout", valueName: "rate[,rate...]", help: "Dropout after the hidden layers: one rate, or one per hidden layer.",
        defaultValue: "0").inGroup("Regularization")
    static let inputDropout = OptionSpec(
        "input-dropout", valueName: "rate", help: "Dropout on the inputs.", defaultValue: "0").inGroup("Regularization")
    static let earlyStop = OptionSpec(
        "early-stop", valueName: "patience",
        help: "Stop after this many epochs without improvement and restore the best weights; 0 is off.",
        defaultValue: "0").inGroup("Regularization")
    static let monitor = OptionSpec(
        "monitor", choice: MonitoredMetric.self, help: "The metric early stopping watches.", default: .valLoss).inGroup("Regularization")
    static let minDelta = OptionSpec(
        "min-delta", valueName: "delta", help: "Smallest change that counts as an improvement.", defaultValue: "0").inGroup("Regularization")
    static let labelSmoothing = OptionSpec(
        "label-smoothing", valueName: "epsilon", help: "Label smoothing (classification).", defaultValue: "0").inGroup("Regularization")
    static let mixup = OptionSpec(
        "mixup", valueName: "alpha", help: "Mixup of training batches with Beta(alpha, alpha); 0 is off.", defaultValue: "0").inGroup("Regularization")
    static let noise = OptionSpec(
        "noise", valueName: "sd", help: "Gaussian noise added to training inputs (augmentation).", defaultValue: "0").inGroup("Regularization")
    static let shift = OptionSpec(
        "shift", valueName: "pixels", help: "Random image shifts of up to this many pixels (digits).", defaultValue: "0").inGroup("Regularization")
    static let cutout = OptionSpec(
        "cutout", valueName: "pixels", help: "Zero a random square of this side in each image (digits).", defaultValue: "0").inGroup("Regularization")

    // MARK: Run
    static let seed = OptionSpec(
        "seed", valueName: "seed", help: "Seeds initialization, shuffling, dropout and augmentation.", defaultValue: "0").inGroup("Run")
    static let name = OptionSpec("name", valueName: "name", help: "The run's name; by default a generated one.").inGroup("Run")
    static let group = OptionSpec("group", valueName: "group", help: "Put the run in a group.").inGroup("Run")
    static let tag = OptionSpec("tag", valueName: "tag", help: "Tag the run.", isRepeatable: true).inGroup("Run")
    static let notes = OptionSpec("notes", valueName: "text", help: "Free-text notes on the run.").inGroup("Run")
    static let sparsityThreshold = OptionSpec(
        "sparsity-threshold", valueName: "t", help: "The sparsity metric counts weights with |w| below this.",
        defaultValue: "0.001").inGroup("Run")
    static let checkpointEvery = OptionSpec(
        "checkpoint-every", valueName: "epochs", help: "Also save a periodic checkpoint every this many epochs.").inGroup("Run")
    static let quiet = OptionSpec.flag("quiet", short: "q", help: "Print no progress, only the run name and the summary.").inGroup("Run")

    static let all: [OptionSpec] = [
        dataset, datasetName, target, valData, testData, valSplit, testSplit, subset, dataNoise, dataSeed, splitSeed,
        hidden, activation, initialization, batchnorm, layernorm, rmsnorm,
        epochs, batchSize, lr, schedule, warmup, optimizer, momentum, clip,
        wd, l1, proximalL1, l2, dropout, inputDropout, earlyStop, monitor, minDelta, labelSmoothing, mixup, noise, shift, cutout,
        seed, name, group, tag, notes, sparsityThreshold, checkpointEvery, quiet,
        CommonOptions.database,
    ]
}

extension Activation: ArgumentChoice {
    public static var valueName: String { "activation" }
}

extension OptimizerKind: ArgumentChoice {
    public static var valueName: String { "optimizer" }
}

extension MonitoredMetric: ArgumentChoice {
    public static var valueName: String { "metric" }
}
