/// Normalizes each row over its features, then y = gamma * x̂ + beta.
final class LayerNorm: Layer {
    let features: Int
    let epsilon: Float
    private let gammaOffset: Int
    private let betaOffset: Int
    private let store: ParameterStore
    private var normalized = Matrix(zeros: 0, 0)
    private var inverseDeviation: [Float] = []

    init(features: Int, epsilon: Double, offset: Int, store: ParameterStore) {
        self.features = features
        self.epsilon = Float(epsilon)
        gammaOffset = offset
        betaOffset = offset + features
        self.store = store
    }

    func initialize() {
        for feature in 0..<features {
            store.values[gammaOffset + feature] = 1
            store.values[betaOffset + feature] = 0
        }
    }

    func forward(_ input: Matrix, training: Bool, random: inout RandomSource) -> Matrix {
        let rows = input.rows
        normalized = input
        inverseDeviation = [Float](repeating: 0, count: rows)
        var output = input
        for row in 0..<rows {
            let line = row * features
            var mean: Float = 0
            for feature in 0..<features { mean += input.values[line + feature] }
            mean /= Float(features)
            var variance: Float = 0
            for feature in 0..<features {
                let centered = input.values[line + feature] - mean
                variance += centered * centered
            }
            let inverse = 1 / (variance / Float(features) + epsilon).squareRoot()
            inverseDeviation[row] = inverse
            for feature in 0..<features {
                let value = (input.values[line + feature] - mean) * inverse
                normalized.values[line + feature] = value
                output.values[line + feature] = store.values[gammaOffset + feature] * value + store.values[betaOffset + feature]
            }
        }
        return output
    }

    func backward(_ dOutput: Matrix) -> Matrix {
        let rows = dOutput.rows
        var dInput = dOutput
        let count = Float(features)
        var dNormalized = [Float](repeating: 0, count: features)
        for row in 0..<rows {
            let line = row * features
            var sum: Float = 0
            var sumTimesNormalized: Float = 0
            for feature in 0..<features {
                let gradient = dOutput.values[line + feature]
                store.gradients[gammaOffset + feature] += gradient * normalized.values[line + feature]
                store.gradients[betaOffset + feature] += gradient
                dNormalized[feature] = gradient * store.values[gammaOffset + feature]
                sum += dNormalized[feature]
                sumTimesNormalized += dNormalized[feature] * normalized.values[line + feature]
            }
            for feature in 0..<features {
                dInput.values[line + feature] = inverseDeviation[row] / count
                    * (count * dNormalized[feature] - sum - normalized.values[line + feature] * sumTimesNormalized)
            }
        }
        return dInput
    }
}
