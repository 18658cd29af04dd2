/// Everything `tracker train` can set, as one value. Defaults are the
/// command's defaults; call `validate()` before starting anything.
///
/// Conventions (spelled out because frameworks differ):
/// - `l2` adds `l2 * sum(w^2)` to the loss (Keras style; gradient `2 * l2 * w`).
/// - `l1` adds `l1 * sum(|w|)`; with `l1Proximal` it is applied instead as a
///   soft threshold after each step, `w = sign(w) * max(|w| - t, 0)` with
///   `t = lr * l1` (scaled by Adam's per-weight 1 / (sqrt(v̂) + eps) for adam
///   and adamw), which gives exact zeros.
/// - `weightDecay` is PyTorch's: coupled (`g += wd * w`) for sgd, momentum,
///   nesterov and adam; decoupled (`w -= lr * wd * w`) for adamw.
/// - Penalties and decay apply to Dense weights only, never to biases or
///   normalization gains and shifts.
public struct TrainingConfiguration: Sendable, Codable, Equatable {
    public var hiddenSizes: [Int] = [64, 64]
    public var activation: Activation = .relu
    public var initialization: Initialization = .he
    public var epochs: Int = 100
    public var batchSize: BatchSize = .rows(32)
    public var learningRate: Double = 1e-3
    public var schedule: LearningRateSchedule = .constant
    /// Linear warm-up from lr/warmupEpochs to lr over the first epochs.
    public var warmupEpochs: Int = 0
    public var optimizer: OptimizerKind = .adam
    /// For momentum and nesterov.
    public var momentum: Double = 0.9
    public var beta1: Double = 0.9
    public var beta2: Double = 0.999
    public var epsilon: Double = 1e-8
    public var weightDecay: Double = 0
    public var l1: Double = 0
    public var l1Proximal: Bool = false
    public var l2: Double = 0
    /// Empty: no dropout; one rate: every hidden layer; else one per hidden layer.
    public var dropout: [Double] = []
    public var inputDropout: Double = 0
    public var normalization: Normalization = .none
    public var batchNormMomentum: Double = 0.1
    public var normalizationEpsilon: Double = 1e-5
    public var earlyStopping: EarlyStopping? = nil
    public var labelSmoothing: Double = 0
    /// Beta(alpha, alpha) mixup of training batches; 0 turns it off.
    public var mixupAlpha: Double = 0
    /// Standard deviation of Gaussian noise added to training inputs.
    public var inputNoise: Double = 0
    /// Random shift of image rows by up to this many pixels (zero fill).
    public var shiftPixels: Int = 0
    /// Side of a square zeroed at a random place in image rows.
    public var cutoutSize: Int = 0
    /// Rescale gradients whose global L2 norm exceeds this.
    public var gradientClipNorm: Double? = nil
    public var seed: UInt64 = 0
    /// `sparsity` counts weights with |w| below this.
    public var sparsityThreshold: Double = 1e-3
    /// Emit a periodic checkpoint every this many epochs.
    public var checkpointEvery: Int? = nil

    public init() {}

    /// Elastic net as one strength and a mix: l1 = strength * ratio,
    /// l2 = strength * (1 - ratio).
    public mutating func setElasticNet(strength: Double, l1Ratio: Double) {
        l1 = strength * l1Ratio
        l2 = strength * (1 - l1Ratio)
    }

    /// The dropout rate after hidden layer `index`.
    public func dropoutRate(afterHiddenLayer index: Int) -> Double {
        switch dropout.count {
        case 0: 0
        case 1: dropout[0]
        default: index < dropout.count ? dropout[index] : 0
        }
    }
}
