/// A built network: layers wired to one parameter store, ready for forward
/// and backward passes. Internal and single-threaded; `Model` is the public,
/// value-typed face of the same numbers.
final class Network {
    let architecture: Architecture
    let store: ParameterStore
    private let layers: [any Layer]
    private let firstDense: Dense?
    /// Training never needs the gradient with respect to the inputs, and
    /// skipping it saves a third of the first layer's backward pass; gradient
    /// checks turn it on.
    var computesInputGradient = false

    /// Builds the layers; parameters are zero until `initialize` or a load.
    init(architecture: Architecture) {
        self.architecture = architecture
        var offset = 0
        var bufferOffset = 0
        var weightRanges: [Range<Int>] = []
        for spec in architecture.layers {
            if case .dense(let inputs, let outputs) = spec { weightRanges.append(offset..<(offset + inputs * outputs)) }
            offset += spec.parameterCount
        }
        let store = ParameterStore(
            parameterCount: architecture.parameterCount, bufferCount: architecture.bufferCount, weightRanges: weightRanges)
        offset = 0
        var layers: [any Layer] = []
        for spec in architecture.layers {
            switch spec {
            case .dense(let inputs, let outputs):
                layers.append(Dense(inputs: inputs, outputs: outputs, offset: offset, store: store))
            case .activation(let activation):
                layers.append(ActivationLayer(activation))
            case .dropout(let rate):
                layers.append(Dropout(rate: rate))
            case .batchNorm(let features, let momentum, let epsilon):
                layers.append(BatchNorm(
                    features: features, momentum: momentum, epsilon: epsilon, offset: offset, bufferOffset: bufferOffset, store: store))
            case .layerNorm(let features, let epsilon):
                layers.append(LayerNorm(features: features, epsilon: epsilon, offset: offset, store: store))
            case .rmsNorm(let features, let epsilon):
                layers.append(RMSNorm(features: features, epsilon: epsilon, offset: offset, store: store))
            }
            offset += spec.parameterCount
            bufferOffset += spec.bufferCount
        }
        self.store = store
        self.layers = layers
        firstDense = layers.lazy.compactMap { $0 as? Dense }.first
    }

    /// Fresh weights from `random`, layer by layer in order.
    func initialize(_ initialization: Initialization, random: inout RandomSource) {
        for layer in layers {
            switch layer {
            case let dense as Dense: dense.initialize(initialization, random: &random)
            case let norm as BatchNorm: norm.initialize()
            case let norm as LayerNorm: norm.initialize()
            case let norm as RMSNorm: norm.initialize()
            default: break
            }
        }
    }

    func forward(_ input: Matrix, training: Bool, random: inout RandomSource) -> Matrix {
        var activations = input
        for layer in layers { activations = layer.forward(activations, training: training, random: &random) }
        return activations
    }

    /// Accumulates parameter gradients of the last forward pass into the
    /// store; returns dInput when `computesInputGradient`, else an empty matrix.
    @discardableResult
    func backward(_ dOutput: Matrix) -> Matrix {
        var gradient = dOutput
        for layer in layers.reversed() {
            if !computesInputGradient, let dense = layer as? Dense, dense === firstDense {
                dense.accumulateParameterGradients(gradient)
                return Matrix(zeros: 0, 0)
            }
            gradient = layer.backward(gradient)
        }
        return gradient
    }



    /// Rows per evaluation forward pass: bounds the activations' memory.
    static let evaluationChunkRows = 2048

    /// Evaluation-mode outputs for many rows, in chunks to bound memory.
    func predict(_ inputs: [Float], rows: Int) -> Matrix {
        let features = architecture.inputs
        var outputs: [Float] = []
        outputs.reserveCapacity(rows * architecture.outputs)
        var unused = RandomSource(seed: 0)
        let chunk = Self.evaluationChunkRows
        for start in stride(from: 0, to: rows, by: chunk) {
            let count = min(chunk, rows - start)
            let batch = Matrix(rows: count, columns: features, values: Array(inputs[(start * features)..<((start + count) * features)]))
            outputs += forward(batch, training: false, random: &unused).values
        }
        return Matrix(rows: rows, columns: architecture.outputs, values: outputs)
    }
}
