import Foundation

/// ReLU, tanh or GELU (the exact erf form), elementwise.
final class ActivationLayer: Layer {
    let activation: Activation
    private var input = Matrix(zeros: 0, 0)
    private var output = Matrix(zeros: 0, 0)

    init(_ activation: Activation) {
        self.activation = activation
    }

    func forward(_ input: Matrix, training: Bool, random: inout RandomSource) -> Matrix {
        self.input = input
        var output = input
        output.values.withUnsafeMutableBufferPointer { y in
            switch activation {
            case .relu: for index in y.indices { y[index] = max(y[index], 0) }
            case .tanh: for index in y.indices { y[index] = Foundation.tanh(y[index]) }
            case .gelu:
                for index in y.indices {
                    let x = y[index]
                    y[index] = 0.5 * x * (1 + erf(x * Float(0.5.squareRoot())))
                }
            }
        }
        self.output = output
        return output
    }

    func backward(_ dOutput: Matrix) -> Matrix {
        var dInput = dOutput
        let (input, output) = (input, output)
        dInput.values.withUnsafeMutableBufferPointer { dx in
            input.values.withUnsafeBufferPointer { x in
                switch activation {
                case .relu:
                    // A select rather than a branch, so the loop vectorizes.
                    let (dx, x) = (dx.baseAddress!, x.baseAddress!)
                    for index in 0..<dOutput.values.count { dx[index] = x[index] <= 0 ? 0 : dx[index] }
                case .tanh:
                    output.values.withUnsafeBufferPointer { y in
                        for index in dx.indices { dx[index] *= 1 - y[index] * y[index] }
                    }
                case .gelu:
                    // d/dx [x Phi(x)] = Phi(x) + x phi(x)
                    let inverseSqrt2Pi = Float(1 / (2 * Double.pi).squareRoot())
                    for index in dx.indices {
                        let value = x[index]
                        let cdf = 0.5 * (1 + erf(value * Float(0.5.squareRoot())))
                        let pdf = inverseSqrt2Pi * exp(-0.5 * value * value)
                        dx[index] *= cdf + value * pdf
                    }
                }
            }
        }
        return dInput
    }
}
