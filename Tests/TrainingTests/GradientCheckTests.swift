import Testing
@testable import Training

/// Central finite differences against backward(), for every layer, both
/// losses and the penalties, in training and evaluation mode.
@Suite struct GradientCheckTests {
    struct Errors {
        var parameters: Double
        var inputs: Double
    }

    /// ||numeric - analytic|| / (||numeric|| + ||analytic||), Float32 maths.
    static func relativeError(_ numeric: [Double], _ analytic: [Double]) -> Double {
        let difference = zip(numeric, analytic).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
        let scale = numeric.map { $0 * $0 }.reduce(0, +).squareRoot() + analytic.map { $0 * $0 }.reduce(0, +).squareRoot()
        return scale == 0 ? 0 : difference / scale
    }

    static func check(_ hidden: [LayerSpec], inputs: Int = 3, classes: Int = 0, smoothing: Double = 0,
                      training: Bool, rows: Int = 6, seed: UInt64 = 1) -> Errors {
        let outputs = classes > 0 ? classes : 2
        let width = hidden.compactMap { if case .dense(_, let out) = $0 { out } else { nil } }.last ?? inputs
        let architecture = Architecture(inputs: inputs, outputs: outputs, classes: classes,
                                        layers: hidden + [.dense(inputs: width, outputs: outputs)])
        let network = Network(architecture: architecture)
        network.computesInputGradient = true
        var random = RandomSource(seed: seed)
        network.initialize(.xavier, random: &random)
        // Move gains, shifts and biases away from 1 and 0 so their gradients are exercised.
        for index in network.store.values.indices { network.store.values[index] += Float(random.gaussian() * 0.3) }
        for index in stride(from: 0, to: network.store.buffers.count, by: 1) {
            network.store.buffers[index] = Float(0.5 + random.uniform())
        }
        let x = Matrix(rows: rows, columns: inputs, values: (0..<(rows * inputs)).map { _ in Float(random.gaussian()) })
        let targets = classes > 0
            ? Targets.smoothedOneHot((0..<rows).map { Float($0 % classes) }, classes: classes, smoothing: smoothing)
            : Matrix(rows: rows, columns: outputs, values: (0..<(rows * outputs)).map { _ in Float(random.gaussian()) })

        func loss(_ input: Matrix) -> LossValue {
            var dropoutRandom = RandomSource(seed: 99)  // the same dropout mask on every pass
            let output = network.forward(input, training: training, random: &dropoutRandom)
            return classes > 0 ? SoftmaxCrossEntropy.evaluate(output, targets: targets) : MeanSquaredError.evaluate(output, targets: targets)
        }

        network.store.zeroGradients()
        let dInput = network.backward(loss(x).gradient)
        let analytic = network.store.gradients.map(Double.init)
        let step: Float = 1e-3
        var numeric: [Double] = []
        for index in network.store.values.indices {
            let saved = network.store.values[index]
            network.store.values[index] = saved + step
            let plus = loss(x).loss
            network.store.values[index] = saved - step
            let minus = loss(x).loss
            network.store.values[index] = saved
            numeric.append((plus - minus) / (2 * Double(step)))
        }
        var numericInput: [Double] = []
        for index in x.values.indices {
            var shifted = x
            shifted.values[index] += step
            let plus = loss(shifted).loss
            shifted.values[index] -= 2 * step
            let minus = loss(shifted).loss
            numericInput.append((plus - minus) / (2 * Double(step)))
        }
        return Errors(parameters: relativeError(numeric, analytic), inputs: relativeError(numericInput, dInput.values.map(Double.init)))
    }

    static let tolerance = 2e-3

    @Test(arguments: Activation.allCases, [true, false])
    func denseWithActivation(activation: Activation, training: Bool) {
        let errors = Self.check([.dense(inputs: 3, outputs: 5), .activation(activation)], training: training)
        #expect(errors.parameters < Self.tolerance, "\(activation): parameters \(errors.parameters)")
        #expect(errors.inputs < Self.tolerance, "\(activation): inputs \(errors.inputs)")
    }

    @Test(arguments: [true, false])
    func batchNorm(training: Bool) {
        let errors = Self.check([.dense(inputs: 3, outputs: 4), .batchNorm(features: 4, momentum: 0.1, epsilon: 1e-5), .activation(.tanh)],
                                training: training)
        #expect(errors.parameters < Self.tolerance, "parameters \(errors.parameters)")
        #expect(errors.inputs < Self.tolerance, "inputs \(errors.inputs)")
    }

    @Test(arguments: [true, false])
    func layerNorm(training: Bool) {
        let errors = Self.check([.dense(inputs: 3, outputs: 4), .layerNorm(features: 4, epsilon: 1e-5), .activation(.tanh)],
                                training: training)
        #expect(errors.parameters < Self.tolerance, "parameters \(errors.parameters)")
        #expect(errors.inputs < Self.tolerance, "inputs \(errors.inputs)")
    }

    @Test(arguments: [true, false])
    func rmsNorm(training: Bool) {
        let errors = Self.check([.dense(inputs: 3, outputs: 4), .rmsNorm(features: 4, epsilon: 1e-5), .activation(.tanh)],
                                training: training)
        #expect(errors.parameters < Self.tolerance, "parameters \(errors.parameters)")
        #expect(errors.inputs < Self.tolerance, "inputs \(errors.inputs)")
    }

    @Test(arguments: [true, false])
    func dropout(training: Bool) {
        let errors = Self.check([.dropout(rate: 0.2), .dense(inputs: 3, outputs: 6), .activation(.tanh), .dropout(rate: 0.5)],
                                training: training)
        #expect(errors.parameters < Self.tolerance, "parameters \(errors.parameters)")
        #expect(errors.inputs < Self.tolerance, "inputs \(errors.inputs)")
    }

    @Test(arguments: [0.0, 0.1])
    func softmaxCrossEntropy(smoothing: Double) {
        let errors = Self.check([.dense(inputs: 3, outputs: 5), .activation(.gelu)], classes: 4, smoothing: smoothing, training: true)
        #expect(errors.parameters < Self.tolerance, "parameters \(errors.parameters)")
        #expect(errors.inputs < Self.tolerance, "inputs \(errors.inputs)")
    }

    /// The network `Architecture(configuration:)` builds with everything on.
    @Test(arguments: [true, false])
    func fullConfiguration(training: Bool) {
        let configuration = TestData.configuration {
            $0.hiddenSizes = [5, 4]
            $0.inputDropout = 0.1
            $0.dropout = [0.3]
            $0.normalization = .batchnorm
            $0.activation = .gelu
        }
        let architecture = Architecture(configuration: configuration, features: 3, task: .classification(classes: 3))
        let errors = Self.check(Array(architecture.layers.dropLast()), classes: 3, smoothing: 0.1, training: training, rows: 8)
        #expect(errors.parameters < Self.tolerance, "parameters \(errors.parameters)")
        #expect(errors.inputs < Self.tolerance, "inputs \(errors.inputs)")
    }

    @Test(arguments: [(Float(0.01), Float(0)), (0, 0.01), (0.01, 0.02)])
    func penalties(l1: Float, l2: Float) {
        var random = RandomSource(seed: 5)
        let weights = (0..<40).map { _ in Float(random.gaussian()) }
        let mask = (0..<40).map { Float($0 % 4 == 0 ? 0 : 1) }  // some values (biases) are not penalized
        let penalty = Penalty(l1: l1, l2: l2, proximal: false)
        var analytic = [Float](repeating: 0, count: 40)
        penalty.addGradient(weights, mask: mask, to: &analytic)
        var numeric: [Double] = []
        for index in weights.indices {
            var shifted = weights
            shifted[index] += 1e-2
            let plus = penalty.value(shifted, mask: mask)
            shifted[index] -= 2e-2
            let minus = penalty.value(shifted, mask: mask)
            numeric.append((plus - minus) / 2e-2)
        }
        #expect(Self.relativeError(numeric, analytic.map(Double.init)) < Self.tolerance)
        for index in weights.indices where mask[index] == 0 { #expect(analytic[index] == 0) }
    }
}
