import Testing
@testable import Training

@Suite struct AugmentationTests {
    static func augmentation(_ change: (inout TrainingConfiguration) -> Void) -> Augmentation {
        Augmentation(configuration: TestData.configuration(change), imageShape: (height: 4, width: 4))
    }

    static let image = Matrix(rows: 1, columns: 16, values: (1...16).map(Float.init))

    @Test func shiftMovesPixelsAndFillsWithZero() {
        let shift = Self.augmentation { $0.shiftPixels = 1 }
        var random = RandomSource(seed: 3)
        var sawShift = false
        for _ in 0..<20 {
            var inputs = Self.image
            var targets = Matrix(zeros: 1, 1)
            shift.apply(inputs: &inputs, targets: &targets, random: &random)
            let kept = inputs.values.filter { $0 != 0 }
            // Every surviving pixel is an original one, order preserved within rows.
            #expect(Set(kept).isSubset(of: Set(Self.image.values)))
            #expect(kept.count == 16 || kept.count == 12 || kept.count == 9)
            if kept.count < 16 { sawShift = true }
        }
        #expect(sawShift)
    }

    @Test func cutoutZeroesASquare() {
        let cutout = Self.augmentation { $0.cutoutSize = 2 }
        var random = RandomSource(seed: 4)
        for _ in 0..<20 {
            var inputs = Self.image
            var targets = Matrix(zeros: 1, 1)
            cutout.apply(inputs: &inputs, targets: &targets, random: &random)
            let zeroed = inputs.values.enumerated().filter { $0.element == 0 }.map(\.offset)
            #expect([1, 2, 4].contains(zeroed.count), "a 2x2 square, possibly clipped at the edge: \(zeroed)")
            let rows = Set(zeroed.map { $0 / 4 })
            let columns = Set(zeroed.map { $0 % 4 })
            #expect(rows.count * columns.count == zeroed.count && rows.count <= 2 && columns.count <= 2)
        }
    }

    @Test func mixupMixesInputsAndTargetsWithOneLambda() {
        let mixup = Self.augmentation { $0.mixupAlpha = 0.4 }
        var random = RandomSource(seed: 5)
        var inputs = Matrix(rows: 4, columns: 2, values: [0, 0, 10, 10, 20, 20, 30, 30])
        var targets = Targets.smoothedOneHot([0, 1, 2, 3], classes: 4, smoothing: 0)
        mixup.apply(inputs: &inputs, targets: &targets, random: &random)
        for row in 0..<4 {
            let line = targets.values[(row * 4)..<((row + 1) * 4)]
            #expect(abs(line.reduce(0, +) - 1) < 1e-6, "mixed targets stay distributions")
            // Inputs mix like targets: x = sum over classes of q_c * (10 c).
            let expected = line.enumerated().map { Float($0.offset) * 10 * $0.element }.reduce(0, +)
            #expect(abs(inputs.values[row * 2] - expected) < 1e-4)
        }
    }

    @Test func noiseHasTheRequestedSpread() {
        let noise = Augmentation(configuration: TestData.configuration { $0.inputNoise = 0.5 }, imageShape: nil)
        var random = RandomSource(seed: 6)
        var inputs = Matrix(zeros: 100, 100)
        var targets = Matrix(zeros: 100, 1)
        noise.apply(inputs: &inputs, targets: &targets, random: &random)
        let values = inputs.values.map(Double.init)
        let mean = values.reduce(0, +) / Double(values.count)
        let deviation = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)).squareRoot()
        #expect(abs(mean) < 0.02 && abs(deviation - 0.5) < 0.02)
    }

    @Test func betaSamplesHaveTheRightMean() {
        var random = RandomSource(seed: 7)
        for (a, b) in [(0.2, 0.2), (2.0, 5.0)] {
            let samples = (0..<20_000).map { _ in random.beta(a, b) }
            let mean = samples.reduce(0, +) / Double(samples.count)
            #expect(abs(mean - a / (a + b)) < 0.01)
            #expect(samples.allSatisfy { $0 >= 0 && $0 <= 1 })
        }
    }
}
