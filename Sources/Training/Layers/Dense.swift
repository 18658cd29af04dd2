/// y = x · W + b, with W stored inputs x outputs (row-major) at `offset` and b after it.
final class Dense: Layer {
    let inputs: Int
    let outputs: Int
    let weightOffset: Int
    let biasOffset: Int
    private let store: ParameterStore
    private var input = Matrix(zeros: 0, 0)

    init(inputs: Int, outputs: Int, offset: Int, store: ParameterStore) {
        self.inputs = inputs
        self.outputs = outputs
        self.weightOffset = offset
        self.biasOffset = offset + inputs * outputs
        self.store = store
    }

    func initialize(_ initialization: Initialization, random: inout RandomSource) {
        let count = inputs * outputs
        for index in 0..<count {
            let value: Double = switch initialization {
            case .he: random.gaussian() * (2.0 / Double(inputs)).squareRoot()
            case .xavier: (2 * random.uniform() - 1) * (6.0 / Double(inputs + outputs)).squareRoot()
            case .normal(let scale): random.gaussian() * scale
            }
            store.values[weightOffset + index] = Float(value)
        }
        for index in 0..<outputs { store.values[biasOffset + index] = 0 }
    }

    func forward(_ input: Matrix, training: Bool, random: inout RandomSource) -> Matrix {
        precondition(input.columns == inputs, "dense layer expects \(inputs) inputs, got \(input.columns)")
        self.input = input
        let rows = input.rows
        var output = Matrix(zeros: rows, outputs)
        let (inputs, outputs, weightOffset, biasOffset) = (inputs, outputs, weightOffset, biasOffset)
        store.values.withUnsafeBufferPointer { parameters in
            input.values.withUnsafeBufferPointer { x in
                output.values.withUnsafeMutableBufferPointer { y in
                    let bias = parameters.baseAddress! + biasOffset
                    for row in 0..<rows { (y.baseAddress! + row * outputs).update(from: bias, count: outputs) }
                    Gemm.multiply(
                        m: rows, n: outputs, k: inputs,
                        a: x.baseAddress!, transposeA: false,
                        b: parameters.baseAddress! + weightOffset, transposeB: false,
                        c: y.baseAddress!, accumulate: true)
                }
            }
        }
        return output
    }

    func backward(_ dOutput: Matrix) -> Matrix {
        accumulateParameterGradients(dOutput)
        return inputGradient(dOutput)
    }

    /// dW += x^T · dy and db += column sums of dy.
    func accumulateParameterGradients(_ dOutput: Matrix) {
        let rows = dOutput.rows
        let (inputs, outputs, weightOffset, biasOffset, input) = (inputs, outputs, weightOffset, biasOffset, input)
        store.gradients.withUnsafeMutableBufferPointer { gradients in
            dOutput.values.withUnsafeBufferPointer { dy in
                input.values.withUnsafeBufferPointer { x in
                    // dW += x^T · dy
                    Gemm.multiply(
                        m: inputs, n: outputs, k: rows,
                        a: x.baseAddress!, transposeA: true,
                        b: dy.baseAddress!, transposeB: false,
                        c: gradients.baseAddress! + weightOffset, accumulate: true)
                }
                let dBias = gradients.baseAddress! + biasOffset
                for row in 0..<rows {
                    let line = dy.baseAddress! + row * outputs
                    for column in 0..<outputs { dBias[column] += line[column] }
                }
            }
        }
    }

    /// dx = dy · W^T
    func inputGradient(_ dOutput: Matrix) -> Matrix {
        let rows = dOutput.rows
        var dInput = Matrix(zeros: rows, inputs)
        let (inputs, outputs, weightOffset) = (inputs, outputs, weightOffset)
        store.values.withUnsafeBufferPointer { parameters in
            dOutput.values.withUnsafeBufferPointer { dy in
                dInput.values.withUnsafeMutableBufferPointer { dx in
                    Gemm.multiply(
                        m: rows, n: inputs, k: outputs,
                        a: dy.baseAddress!, transposeA: false,
                        b: parameters.baseAddress! + weightOffset, transposeB: true,
                        c: dx.baseAddress!, accumulate: false)
                }
            }
        }
        return dInput
    }
}
