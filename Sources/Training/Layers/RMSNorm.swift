/// y = gamma * x / sqrt(mean(x^2) + eps) per row: LayerNorm without
/// centering or shift.
final class RMSNorm: Layer {
    let features: Int
    let epsilon: Float
    private let gammaOffset: Int
    private let store: ParameterStore
    private var input = Matrix(zeros: 0, 0)
    private var inverseRoot: [Float] = []

    init(features: Int, epsilon: Double, offset: Int, store: ParameterStore) {
        self.features = features
        self.epsilon = Float(epsilon)
        gammaOffset = offset
        self.store = store
    }

    func initialize() {
        for feature in 0..<features { store.values[gammaOffset + feature] = 1 }
    }

    func forward(_ input: Matrix, training: Bool, random: inout RandomSource) -> Matrix {
        self.input = input
        let rows = input.rows
        inverseRoot = [Float](repeating: 0, count: rows)
        var output = input
        for row in 0..<rows {
            let line = row * features
            var meanSquare: Float = 0
            for feature in 0..<features { meanSquare += input.values[line + feature] * input.values[line + feature] }
            let inverse = 1 / (meanSquare / Float(features) + epsilon).squareRoot()
            inverseRoot[row] = inverse
            for feature in 0..<features {
                output.values[line + feature] = store.values[gammaOffset + feature] * input.values[line + feature] * inverse
            }
        }
        return output
    }

    func backward(_ dOutput: Matrix) -> Matrix {
        let rows = dOutput.rows
        var dInput = dOutput
        for row in 0..<rows {
            let line = row * features
            let inverse = inverseRoot[row]
            var dot: Float = 0
            for feature in 0..<features {
                let gradient = dOutput.values[line + feature]
                let x = input.values[line + feature]
                store.gradients[gammaOffset + feature] += gradient * x * inverse
                dot += gradient * store.values[gammaOffset + feature] * x
            }
            // d(x * r)/dx with r = (mean(x^2) + eps)^(-1/2): r - x * r^3 * x_j / D
            let correction = dot * inverse * inverse * inverse / Float(features)
            for feature in 0..<features {
                let gradient = dOutput.values[line + feature] * store.values[gammaOffset + feature]
                dInput.values[line + feature] = gradient * inverse - input.values[line + feature] * correction
            }
        }
        return dInput
    }
}
