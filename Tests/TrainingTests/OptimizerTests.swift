import Foundation
import Testing
@testable import Training

@Suite struct OptimizerTests {
    static func optimizer(_ kind: OptimizerKind, weightDecay: Double, count: Int) -> Optimizer {
        Optimizer(configuration: TestData.configuration {
            $0.optimizer = kind
            $0.weightDecay = weightDecay
        }, parameterCount: count)
    }

    /// With zero data gradient, AdamW multiplies each weight by exactly
    /// (1 - lr * wd) per step; Adam's coupled decay goes through the moments,
    /// so its normalized step moves each weight by about lr, whatever its size
    /// (within 10%: the decay gradient shrinks with the weight between steps,
    /// which the moments see late).
    @Test func adamWDecaysMultiplicativelyWhileAdamMovesByTheLearningRate() {
        let lr = 0.01
        let wd = 0.1
        let initial: [Float] = [2, -1.5, 0.5, -0.25, 3]
        let mask = [Float](repeating: 1, count: initial.count)
        let zero = [Float](repeating: 0, count: initial.count)
        var adamW = Self.optimizer(.adamw, weightDecay: wd, count: initial.count)
        var adam = Self.optimizer(.adam, weightDecay: wd, count: initial.count)
        var decoupled = initial
        var coupled = initial
        let factor = Float(1) - Float(lr) * Float(wd)
        for _ in 0..<10 {
            let before = decoupled
            adamW.update(&decoupled, gradients: zero, mask: mask, learningRate: lr)
            for index in initial.indices { #expect(decoupled[index] == before[index] * factor) }
            let previous = coupled
            adam.update(&coupled, gradients: zero, mask: mask, learningRate: lr)
            for index in initial.indices {
                let moved = abs(coupled[index] - previous[index])
                #expect(moved > Float(lr) * 0.9 && moved < Float(lr) * 1.01, "Adam moved \(moved), expected about \(lr)")
                #expect(abs(coupled[index]) < abs(previous[index]), "coupled decay must shrink the weight")
            }
        }
        // After ten steps the two differ by an order of magnitude for the big weight.
        #expect(abs(initial[4] - decoupled[4]) < 0.04)
        #expect(abs(initial[4] - coupled[4]) > 0.099)
    }

    /// A network large enough for the update to be split over the cores
    /// (an odd count, so the scalar tail is exercised too) must update every
    /// parameter by Adam's formula, the same as one value at a time.
    @Test(arguments: [OptimizerKind.adam, .adamw])
    func largeAdamUpdatesSplitOverCoresMatchTheFormula(kind: OptimizerKind) {
        let count = 3 * 65_536 + 5
        var random = RandomSource(seed: 11)
        var values = (0..<count).map { _ in random.uniformFloat() - 0.5 }
        let mask = (0..<count).map { Float($0 % 3 == 0 ? 0 : 1) }
        let (lr, wd): (Float, Float) = (0.01, 0.1)
        var optimizer = Self.optimizer(kind, weightDecay: Double(wd), count: count)
        var expected = values
        var m = [Float](repeating: 0, count: count), v = m
        for step in 1...3 {
            let gradients = (0..<count).map { _ in random.uniformFloat() - 0.5 }
            optimizer.update(&values, gradients: gradients, mask: mask, learningRate: Double(lr))
            let inverseFirst = 1 / Float(1 - pow(0.9, Double(step)))
            let inverseSecond = 1 / Float(1 - pow(0.999, Double(step)))
            for i in 0..<count {
                let g = gradients[i] + (kind == .adam ? wd * mask[i] * expected[i] : 0)
                if kind == .adamw { expected[i] *= 1 - lr * wd * mask[i] }
                m[i] = 0.9 * m[i] + (1 - 0.9) * g
                v[i] = 0.999 * v[i] + (1 - 0.999) * g * g
                expected[i] -= lr * (m[i] * inverseFirst) / ((v[i] * inverseSecond).squareRoot() + 1e-8)
            }
        }
        let worst = zip(values, expected).map { abs($0 - $1) }.max()!
        #expect(worst < 1e-6, "largest difference from the formula: \(worst)")
    }

    @Test func decayLeavesUnpenalizedParametersAlone() {
        for kind in OptimizerKind.allCases {
            var optimizer = Self.optimizer(kind, weightDecay: 0.5, count: 2)
            var values: [Float] = [1, 1]
            optimizer.update(&values, gradients: [0, 0], mask: [1, 0], learningRate: 0.1)
            #expect(values[1] == 1, "\(kind) decayed a bias")
            #expect(values[0] < 1, "\(kind) did not decay a weight")
        }
    }

    @Test func sgdMomentumAndNesterovFollowTheirFormulas() {
        let g: [Float] = [1]
        var sgd = Self.optimizer(.sgd, weightDecay: 0, count: 1)
        var momentum = Self.optimizer(.momentum, weightDecay: 0, count: 1)
        var nesterov = Self.optimizer(.nesterov, weightDecay: 0, count: 1)
        var (a, b, c): ([Float], [Float], [Float]) = ([0], [0], [0])
        for _ in 0..<2 {
            sgd.update(&a, gradients: g, mask: [1], learningRate: 0.1)
            momentum.update(&b, gradients: g, mask: [1], learningRate: 0.1)
            nesterov.update(&c, gradients: g, mask: [1], learningRate: 0.1)
        }
        #expect(abs(a[0] - -0.2) < 1e-6)
        #expect(abs(b[0] - -(0.1 + 0.1 * 1.9)) < 1e-6)  // v = 1, then 1.9
        #expect(abs(c[0] - -(0.1 * 1.9 + 0.1 * (1 + 0.9 * 1.9))) < 1e-6)  // g + mu * v
    }

    @Test func gradientClippingBoundsTheGlobalNorm() {
        var gradients: [Float] = [3, 4]
        let norm = GradientClipping.clip(&gradients, maxNorm: 1)
        #expect(norm == 5)
        #expect(abs(gradients[0] - 0.6) < 1e-6 && abs(gradients[1] - 0.8) < 1e-6)
        var small: [Float] = [0.1, 0.2]
        GradientClipping.clip(&small, maxNorm: 1)
        #expect(small == [0.1, 0.2])
    }

    @Test func learningRateSchedules() {
        let step = TestData.configuration {
            $0.learningRate = 0.1
            $0.epochs = 30
            $0.schedule = .step(every: 10, factor: 0.5)
        }
        #expect([1, 10, 11, 21].map(step.learningRate(atEpoch:)) == [0.1, 0.1, 0.05, 0.025])
        let cosine = TestData.configuration {
            $0.learningRate = 0.1
            $0.epochs = 15
            $0.warmupEpochs = 5
            $0.schedule = .cosine(minimum: 0.001)
        }
        #expect(abs(cosine.learningRate(atEpoch: 1) - 0.02) < 1e-12)
        #expect(abs(cosine.learningRate(atEpoch: 5) - 0.1) < 1e-12)
        #expect(abs(cosine.learningRate(atEpoch: 6) - 0.1) < 1e-12)
        #expect(abs(cosine.learningRate(atEpoch: 15) - 0.001) < 1e-12)
        let rates = (6...15).map(cosine.learningRate(atEpoch:))
        #expect(zip(rates, rates.dropFirst()).allSatisfy { $0 > $1 })
    }
}
