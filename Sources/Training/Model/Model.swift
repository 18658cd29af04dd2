import Foundation

/// A trained network as a value: its architecture, parameters and batch norm
/// running statistics. Load one from checkpoint bytes to evaluate or predict
/// (`tracker eval`, the report's fitted-function plot and weight histograms).
public struct Model: Sendable, Equatable {
    public let architecture: Architecture
    public internal(set) var parameters: [Float]
    public internal(set) var buffers: [Float]

    init(architecture: Architecture, parameters: [Float], buffers: [Float]) {
        precondition(parameters.count == architecture.parameterCount, "parameter count must match the architecture")
        precondition(buffers.count == architecture.bufferCount, "buffer count must match the architecture")
        self.architecture = architecture
        self.parameters = parameters
        self.buffers = buffers
    }

    init(_ network: Network) {
        self.init(architecture: network.architecture, parameters: network.store.values, buffers: network.store.buffers)
    }

    /// The model stored in any checkpoint (best, last or periodic).
    public init(checkpoint bytes: [UInt8]) throws(CheckpointError) {
        self = try Checkpoint(bytes: bytes).model
    }

    func makeNetwork() -> Network {
        let network = Network(architecture: architecture)
        network.store.values = parameters
        network.store.buffers = buffers
        return network
    }

    /// Evaluation-mode outputs, row-major: one value per row for regression,
    /// class probabilities (rows x classes) for classification.
    public func predict(_ inputs: [Float], rows: Int) -> [Float] {
        precondition(inputs.count == rows * architecture.inputs, "inputs must hold rows x \(architecture.inputs) values")
        var outputs = makeNetwork().predict(inputs, rows: rows)
        if architecture.isClassification { Softmax.normalizeRows(&outputs) }
        return outputs.values
    }

    /// The most probable class of each row (classification models).
    public func predictClasses(_ inputs: [Float], rows: Int) -> [Int] {
        let probabilities = predict(inputs, rows: rows)
        let classes = architecture.outputs
        return (0..<rows).map { row in
            let line = probabilities[(row * classes)..<((row + 1) * classes)]
            return line.indices.max { line[$0] < line[$1] }! - row * classes
        }
    }

    /// Loss and accuracy on a split, in evaluation mode.
    public func evaluate(_ split: DataSplit) -> Evaluation {
        makeNetwork().evaluate(split)
    }

    /// Each Dense layer's weights (inputs x outputs, row-major), in order.
    public var layerWeights: [LayerWeights] {
        var offset = 0
        var result: [LayerWeights] = []
        for spec in architecture.layers {
            if case .dense(let inputs, let outputs) = spec {
                let index = result.count + 1
                let isOutput = index == architecture.layers.filter { if case .dense = $0 { true } else { false } }.count
                result.append(LayerWeights(
                    name: isOutput ? "output" : "dense\(index)", inputs: inputs, outputs: outputs,
                    weights: Array(parameters[offset..<(offset + inputs * outputs)]),
                    biases: Array(parameters[(offset + inputs * outputs)..<(offset + inputs * outputs + outputs)])))
            }
            offset += spec.parameterCount
        }
        return result
    }

    /// sqrt(sum w^2) over Dense weights, the `weight_norm` metric.
    public var weightNorm: Double { makeNetwork().weightNorm }

    /// Fraction of Dense weights with |w| < threshold, the `sparsity` metric.
    public func sparsity(threshold: Double) -> Double { makeNetwork().sparsity(threshold: threshold) }
}

/// One Dense layer's numbers for diagnostics such as weight histograms.
public struct LayerWeights: Sendable, Equatable {
    /// "dense1", "dense2", ..., "output".
    public let name: String
    public let inputs: Int
    public let outputs: Int
    /// inputs x outputs, row-major.
    public let weights: [Float]
    public let biases: [Float]
}

enum Softmax {
    static func normalizeRows(_ logits: inout Matrix) {
        for row in 0..<logits.rows {
            let line = row * logits.columns
            var largest = -Float.infinity
            for column in 0..<logits.columns { largest = max(largest, logits.values[line + column]) }
            var total: Float = 0
            for column in 0..<logits.columns {
                let value = exp(logits.values[line + column] - largest)
                logits.values[line + column] = value
                total += value
            }
            for column in 0..<logits.columns { logits.values[line + column] /= total }
        }
    }
}
