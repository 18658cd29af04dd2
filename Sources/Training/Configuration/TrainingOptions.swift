/// The choices of `TrainingConfiguration` that are more than a number.

public enum Activation: String, Sendable, Codable, CaseIterable {
    case relu, tanh, gelu
}

/// How Dense weights start; biases always start at zero.
public enum Initialization: Sendable, Codable, Equatable {
    /// N(0, 2 / fanIn): the usual choice before ReLU.
    case he
    /// Glorot uniform, U(-a, a) with a = sqrt(6 / (fanIn + fanOut)).
    case xavier
    /// N(0, 1) times `scale`, to reproduce textbook examples.
    case normal(scale: Double)
}

public enum OptimizerKind: String, Sendable, Codable, CaseIterable {
    case sgd, momentum, nesterov, adam, adamw
}

/// The learning rate's shape over epochs (before any warm-up).
public enum LearningRateSchedule: Sendable, Codable, Equatable {
    case constant
    /// Multiply by `factor` every `every` epochs.
    case step(every: Int, factor: Double)
    /// Cosine from the base rate down to `minimum` at the last epoch.
    case cosine(minimum: Double)
}

/// A normalization layer after each hidden Dense layer, before its activation.
public enum Normalization: String, Sendable, Codable, CaseIterable {
    case none, batchnorm, layernorm, rmsnorm
}

public enum BatchSize: Sendable, Codable, Equatable {
    /// Every step sees all training rows: plain gradient descent.
    case full
    case rows(Int)
}

/// The metric early stopping (and the "best" checkpoint) watches.
public enum MonitoredMetric: String, Sendable, Codable, CaseIterable {
    case valLoss = "val_loss"
    case valAcc = "val_acc"
    case trainLoss = "train_loss"
    case trainAcc = "train_acc"

    /// Losses improve downwards, accuracies upwards.
    public var defaultMode: MonitorMode { rawValue.hasSuffix("acc") ? .max : .min }
}

public enum MonitorMode: String, Sendable, Codable, CaseIterable {
    case min, max
}

public struct EarlyStopping: Sendable, Codable, Equatable {
    /// Epochs without an improvement larger than `minDelta` before stopping.
    public var patience: Int
    public var monitor: MonitoredMetric
    public var mode: MonitorMode
    public var minDelta: Double

    public init(patience: Int, monitor: MonitoredMetric = .valLoss, mode: MonitorMode? = nil, minDelta: Double = 0) {
        self.patience = patience
        self.monitor = monitor
        self.mode = mode ?? monitor.defaultMode
        self.minDelta = minDelta
    }
}
