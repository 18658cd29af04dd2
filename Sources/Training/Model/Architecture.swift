/// One layer of a network as stored in a checkpoint: its kind and shape.
public enum LayerSpec: Sendable, Codable, Equatable {
    case dense(inputs: Int, outputs: Int)
    case activation(Activation)
    case dropout(rate: Double)
    case batchNorm(features: Int, momentum: Double, epsilon: Double)
    case layerNorm(features: Int, epsilon: Double)
    case rmsNorm(features: Int, epsilon: Double)

    /// Trainable values: Dense weights then biases; norm gains then shifts.
    /// Only for shapes that `checkedParameterCount` accepts (validation
    /// refuses the others before any layer is built).
    var parameterCount: Int {
        guard let count = checkedParameterCount else { preconditionFailure("\(name) has more parameters than Int can count") }
        return count
    }

    /// `parameterCount`, or nil where it does not fit in an Int
    /// (`--hidden 9999999999,9999999999` would otherwise trap).
    var checkedParameterCount: Int? {
        switch self {
        case .dense(let inputs, let outputs):
            let (weights, overflow) = inputs.multipliedReportingOverflow(by: outputs)
            let (total, sumOverflow) = weights.addingReportingOverflow(outputs)
            return overflow || sumOverflow ? nil : total
        case .activation, .dropout: return 0
        case .batchNorm(let features, _, _), .layerNorm(let features, _):
            let (total, overflow) = features.multipliedReportingOverflow(by: 2)
            return overflow ? nil : total
        case .rmsNorm(let features, _): return features
        }
    }

    /// Non-trainable state: batch norm's running mean then running variance.
    var bufferCount: Int {
        if case .batchNorm(let features, _, _) = self { 2 * features } else { 0 }
    }

    var name: String {
        switch self {
        case .dense(let inputs, let outputs): "dense \(inputs)x\(outputs)"
        case .activation(let activation): activation.rawValue
        case .dropout(let rate): "dropout \(rate)"
        case .batchNorm(let features, _, _): "batchnorm \(features)"
        case .layerNorm(let features, _): "layernorm \(features)"
        case .rmsNorm(let features, _): "rmsnorm \(features)"
        }
    }
}

/// The shape of a network: what a checkpoint needs to rebuild it.
public struct Architecture: Sendable, Codable, Equatable {
    public let inputs: Int
    public let outputs: Int
    /// 0 for regression, else the number of classes.
    public let classes: Int
    public let layers: [LayerSpec]

    public var isClassification: Bool { classes > 0 }
    public var parameterCount: Int {
        guard let count = checkedParameterCount else { preconditionFailure("the network has more parameters than Int can count") }
        return count
    }

    /// The number of trainable values, or nil where it overflows Int.
    public var checkedParameterCount: Int? {
        var total = 0
        for layer in layers {
            guard let count = layer.checkedParameterCount else { return nil }
            let (sum, overflow) = total.addingReportingOverflow(count)
            if overflow { return nil }
            total = sum
        }
        return total
    }
    public var bufferCount: Int { layers.reduce(0) { $0 + $1.bufferCount } }

    public init(inputs: Int, outputs: Int, classes: Int, layers: [LayerSpec]) {
        self.inputs = inputs
        self.outputs = outputs
        self.classes = classes
        self.layers = layers
    }

    /// Input dropout, then per hidden layer Dense -> norm -> activation ->
    /// dropout, then the output Dense (one output for regression, one logit
    /// per class).
    public init(configuration: TrainingConfiguration, features: Int, task: LearningTask) {
        let classes = if case .classification(let count) = task { count } else { 0 }
        var layers: [LayerSpec] = []
        if configuration.inputDropout > 0 { layers.append(.dropout(rate: configuration.inputDropout)) }
        var width = features
        for (index, size) in configuration.hiddenSizes.enumerated() {
            layers.append(.dense(inputs: width, outputs: size))
            let epsilon = configuration.normalizationEpsilon
            switch configuration.normalization {
            case .none: break
            case .batchnorm: layers.append(.batchNorm(features: size, momentum: configuration.batchNormMomentum, epsilon: epsilon))
            case .layernorm: layers.append(.layerNorm(features: size, epsilon: epsilon))
            case .rmsnorm: layers.append(.rmsNorm(features: size, epsilon: epsilon))
            }
            layers.append(.activation(configuration.activation))
            let rate = configuration.dropoutRate(afterHiddenLayer: index)
            if rate > 0 { layers.append(.dropout(rate: rate)) }
            width = size
        }
        let outputs = classes > 0 ? classes : 1
        layers.append(.dense(inputs: width, outputs: outputs))
        self.init(inputs: features, outputs: outputs, classes: classes, layers: layers)
    }
}
