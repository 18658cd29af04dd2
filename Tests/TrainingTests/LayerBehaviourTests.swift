import Testing
@testable import Training

@Suite struct LayerBehaviourTests {
    @Test(arguments: [0.1, 0.3, 0.5, 0.8])
    func dropoutKeepsTheExpectedActivation(rate: Double) {
        let layer = Dropout(rate: rate)
        var random = RandomSource(seed: 11)
        let input = Matrix(rows: 1000, columns: 100, values: [Float](repeating: 2, count: 100_000))
        let output = layer.forward(input, training: true, random: &random)
        let mean = output.values.reduce(0, +) / Float(output.values.count)
        let dropped = Double(output.values.filter { $0 == 0 }.count) / Double(output.values.count)
        #expect(abs(mean - 2) < 0.03, "mean activation \(mean), expected 2")
        #expect(abs(dropped - rate) < 0.01, "dropped \(dropped), expected \(rate)")
        let scaled = Float(2 / (1 - rate))
        #expect(output.values.allSatisfy { $0 == 0 || abs($0 - scaled) < 1e-5 }, "kept units are scaled by 1 / (1 - rate)")
    }

    @Test func dropoutIsTheIdentityInEvaluation() {
        let layer = Dropout(rate: 0.5)
        var random = RandomSource(seed: 1)
        let input = Matrix(rows: 3, columns: 4, values: (0..<12).map(Float.init))
        let before = random
        #expect(layer.forward(input, training: false, random: &random) == input)
        #expect(random == before, "evaluation must not consume random numbers")
        #expect(layer.backward(input) == input)
    }

    @Test func batchNormUsesRunningStatisticsInEvaluation() {
        let store = ParameterStore(parameterCount: 4, bufferCount: 4, weightRanges: [])
        let layer = BatchNorm(features: 2, momentum: 0.1, epsilon: 1e-5, offset: 0, bufferOffset: 0, store: store)
        layer.initialize()
        var random = RandomSource(seed: 1)
        let batch = Matrix(rows: 4, columns: 2, values: [1, 10, 2, 20, 3, 30, 6, 40])
        _ = layer.forward(batch, training: true, random: &random)
        // running = 0.9 * (0, 1) + 0.1 * (batch mean, unbiased batch variance)
        let means: [Float] = [3, 25]
        let unbiasedVariances: [Float] = [(4 + 1 + 0 + 9) / 3, (225 + 25 + 25 + 225) / 3]
        for feature in 0..<2 {
            #expect(abs(store.buffers[feature] - 0.1 * means[feature]) < 1e-5)
            #expect(abs(store.buffers[2 + feature] - (0.9 + 0.1 * unbiasedVariances[feature])) < 1e-4)
        }
        store.values = [2, 0.5, -1, 3]  // gamma, beta
        let single = Matrix(rows: 1, columns: 2, values: [5, 7])
        let output = layer.forward(single, training: false, random: &random)
        for feature in 0..<2 {
            let expected = store.values[feature] * (single.values[feature] - store.buffers[feature])
                / (store.buffers[2 + feature] + 1e-5).squareRoot() + store.values[2 + feature]
            #expect(abs(output.values[feature] - expected) < 1e-5)
        }
        // A batch of one in training mode would normalize to zero; evaluation does not.
        #expect(output.values != [-1, 3])
    }

    @Test(arguments: [0.0, 0.1, 0.25])
    func labelSmoothingTargetsSumToOne(smoothing: Double) {
        let targets = Targets.smoothedOneHot([0, 3, 9, 5], classes: 10, smoothing: smoothing)
        for row in 0..<4 {
            let line = targets.values[(row * 10)..<((row + 1) * 10)]
            #expect(abs(line.reduce(0, +) - 1) < 1e-6)
            #expect(line.min()! == Float(smoothing / 10))
        }
        #expect(targets.values[3 * 10 + 5] == Float(1 - smoothing) + Float(smoothing / 10))
    }

    @Test func crossEntropyIsStableForHugeLogits() {
        let logits = Matrix(rows: 1, columns: 3, values: [1000, 0, -1000])
        let value = SoftmaxCrossEntropy.evaluate(logits, targets: Targets.smoothedOneHot([1], classes: 3, smoothing: 0))
        #expect(abs(value.loss - 1000) < 1e-3)
        #expect(value.gradient.values.allSatisfy { $0.isFinite })
    }
}
