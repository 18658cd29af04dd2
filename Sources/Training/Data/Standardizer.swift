/// Maps each feature x to (x - mean) / scale with statistics measured on the
/// training split only, and applies the same map to validation, test and any
/// later data (an evaluation file), so nothing about held-out rows leaks into
/// training.
public struct Standardizer: Sendable, Equatable, Codable {
    /// One per feature.
    public let means: [Float]
    /// One per feature: the population standard deviation, or 1 where the
    /// feature is constant in the training split (it is then only centred).
    public let scales: [Float]

    public init(means: [Float], scales: [Float]) {
        precondition(means.count == scales.count, "one mean and one scale per feature")
        self.means = means
        self.scales = scales
    }

    /// The map that leaves features as they are.
    public static func identity(features: Int) -> Standardizer {
        Standardizer(means: Array(repeating: 0, count: features), scales: Array(repeating: 1, count: features))
    }

    /// Statistics of `split` (accumulated in Double), per feature or pooled
    /// over all features.
    public init(fitting split: DataSplit, scaling: FeatureScaling) {
        let features = split.features
        switch scaling {
        case .unchanged:
            self = .identity(features: features)
        case .perFeature:
            var means: [Float] = []
            var scales: [Float] = []
            for feature in 0..<features {
                let column = stride(from: feature, to: split.inputs.count, by: features).lazy.map { Double(split.inputs[$0]) }
                let (mean, scale) = Self.meanAndScale(of: column, count: split.rows)
                means.append(mean)
                scales.append(scale)
            }
            self.init(means: means, scales: scales)
        case .pooled:
            let (mean, scale) = Self.meanAndScale(of: split.inputs.lazy.map(Double.init), count: split.inputs.count)
            self.init(means: Array(repeating: mean, count: features), scales: Array(repeating: scale, count: features))
        }
    }

    public func apply(to split: DataSplit) -> DataSplit {
        precondition(split.features == means.count, "the split has \(split.features) features, the standardizer \(means.count)")
        var inputs = split.inputs
        let features = means.count
        for index in inputs.indices {
            let feature = index % features
            inputs[index] = Float((Double(inputs[index]) - Double(means[feature])) / Double(scales[feature]))
        }
        return DataSplit(inputs: inputs, targets: split.targets, rows: split.rows, features: split.features)
    }

    /// Two passes in Double: the mean, then the mean squared deviation.
    private static func meanAndScale<Values: Sequence>(of values: Values, count: Int) -> (Float, Float) where Values.Element == Double {
        guard count > 0 else { return (0, 1) }
        let mean = values.reduce(0, +) / Double(count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(count)
        let deviation = variance.squareRoot()
        // Rounding leaves a constant column a deviation of a few ulps of its
        // mean, not exactly 0; dividing by that would blow up held-out rows.
        let isConstant = deviation <= 1e-6 * abs(mean) || deviation == 0
        return (Float(mean), isConstant ? 1 : Float(deviation))
    }
}
