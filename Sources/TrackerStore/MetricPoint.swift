/// One value of one metric at one step (epoch) of a run.
public struct MetricPoint: Sendable, Equatable {
    public var key: String
    public var step: Int
    public var value: Double

    public init(key: String, step: Int, value: Double) {
        self.key = key
        self.step = step
        self.value = value
    }
}

/// The standard metric keys the engine logs and the views read.
public enum MetricKey {
    public static let trainLoss = "train_loss"
    public static let valLoss = "val_loss"
    public static let trainAcc = "train_acc"
    public static let valAcc = "val_acc"
    public static let testLoss = "test_loss"
    public static let testAcc = "test_acc"
    public static let learningRate = "lr"
    public static let weightNorm = "weight_norm"
    public static let sparsity = "sparsity"
}
