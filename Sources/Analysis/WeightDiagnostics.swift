import TrackerStore
import Training

/// The weights of the best run's kept checkpoint, per Dense layer: what the
/// weight histogram and the sparsity figures show.
public struct WeightDiagnostics: Sendable {
    public struct Layer: Sendable {
        public var name: String
        public var magnitudes: [Double]
        /// Share of |w| below the threshold.
        public var sparsity: Double
    }

    public var run: String
    public var checkpointKind: String
    public var epoch: Int
    public var threshold: Double
    public var layers: [Layer]

    public init(run: String, checkpointKind: String, epoch: Int, model: Model, threshold: Double) {
        self.run = run
        self.checkpointKind = checkpointKind
        self.epoch = epoch
        self.threshold = threshold
        layers = model.layerWeights.map { layer in
            let magnitudes = layer.weights.map { Double(abs($0)) }
            let below = magnitudes.filter { $0 < threshold }.count
            return Layer(name: layer.name, magnitudes: magnitudes, sparsity: Double(below) / Double(max(1, magnitudes.count)))
        }
    }

    /// Over all layers, as the `sparsity` metric counts it.
    public var overallSparsity: Double {
        let total = layers.reduce(0) { $0 + $1.magnitudes.count }
        let below = layers.reduce(0.0) { $0 + $1.sparsity * Double($1.magnitudes.count) }
        return total == 0 ? 0 : below / Double(total)
    }
}
