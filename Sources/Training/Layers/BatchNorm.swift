/// BatchNorm1d: in training, normalize each feature with the batch's mean
/// and (biased) variance and update the running averages
/// (`running = (1 - momentum) * running + momentum * batch`, variance
/// unbiased, as PyTorch does); in evaluation, use the running statistics.
final class BatchNorm: Layer {
    let features: Int
    let momentum: Float
    let epsilon: Float
    private let gammaOffset: Int
    private let betaOffset: Int
    private let meanOffset: Int
    private let varianceOffset: Int
    private let store: ParameterStore
    private var normalized = Matrix(zeros: 0, 0)
    private var inverseDeviation: [Float] = []
    private var trainingMode = true

    init(features: Int, momentum: Double, epsilon: Double, offset: Int, bufferOffset: Int, store: ParameterStore) {
        self.features = features
        self.momentum = Float(momentum)
        self.epsilon = Float(epsilon)
        gammaOffset = offset
        betaOffset = offset + features
        meanOffset = bufferOffset
        varianceOffset = bufferOffset + features
        self.store = store
    }

    func initialize() {
        for feature in 0..<features {
            store.values[gammaOffset + feature] = 1
            store.values[betaOffset + feature] = 0
            store.buffers[meanOffset + feature] = 0
            store.buffers[varianceOffset + feature] = 1
        }
    }

    func forward(_ input: Matrix, training: Bool, random: inout RandomSource) -> Matrix {
        let rows = input.rows
        trainingMode = training
        var mean = [Float](repeating: 0, count: features)
        var variance = [Float](repeating: 0, count: features)
        if training {
            for row in 0..<rows {
                for feature in 0..<features { mean[feature] += input.values[row * features + feature] }
            }
            for feature in 0..<features { mean[feature] /= Float(rows) }
            for row in 0..<rows {
                for feature in 0..<features {
                    let centered = input.values[row * features + feature] - mean[feature]
                    variance[feature] += centered * centered
                }
            }
            let unbiasedScale = rows > 1 ? Float(rows) / Float(rows - 1) : 1
            for feature in 0..<features {
                variance[feature] /= Float(rows)
                let runningMean = store.buffers[meanOffset + feature]
                let runningVariance = store.buffers[varianceOffset + feature]
                store.buffers[meanOffset + feature] = (1 - momentum) * runningMean + momentum * mean[feature]
                store.buffers[varianceOffset + feature] =
                    (1 - momentum) * runningVariance + momentum * variance[feature] * unbiasedScale
            }
        } else {
            for feature in 0..<features {
                mean[feature] = store.buffers[meanOffset + feature]
                variance[feature] = store.buffers[varianceOffset + feature]
            }
        }
        inverseDeviation = variance.map { 1 / ($0 + epsilon).squareRoot() }
        normalized = input
        var output = input
        for row in 0..<rows {
            for feature in 0..<features {
                let index = row * features + feature
                let value = (input.values[index] - mean[feature]) * inverseDeviation[feature]
                normalized.values[index] = value
                output.values[index] = store.values[gammaOffset + feature] * value + store.values[betaOffset + feature]
            }
        }
        return output
    }

    func backward(_ dOutput: Matrix) -> Matrix {
        let rows = dOutput.rows
        var sumGradient = [Float](repeating: 0, count: features)
        var sumGradientTimesNormalized = [Float](repeating: 0, count: features)
        for row in 0..<rows {
            for feature in 0..<features {
                let index = row * features + feature
                sumGradient[feature] += dOutput.values[index]
                sumGradientTimesNormalized[feature] += dOutput.values[index] * normalized.values[index]
            }
        }
        for feature in 0..<features {
            store.gradients[gammaOffset + feature] += sumGradientTimesNormalized[feature]
            store.gradients[betaOffset + feature] += sumGradient[feature]
        }
        var dInput = dOutput
        let count = Float(rows)
        for row in 0..<rows {
            for feature in 0..<features {
                let index = row * features + feature
                let scale = store.values[gammaOffset + feature] * inverseDeviation[feature]
                if trainingMode {
                    // The batch statistics depend on every row, hence the two correction terms.
                    dInput.values[index] = scale / count * (count * dOutput.values[index] - sumGradient[feature]
                        - normalized.values[index] * sumGradientTimesNormalized[feature])
                } else {
                    dInput.values[index] = scale * dOutput.values[index]
                }
            }
        }
        return dInput
    }
}
