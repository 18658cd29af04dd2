import Foundation

/// The classic regularization toy: fit sin(x) from a few noisy points.
///
/// Training: `trainCount` points (default 50) with x ~ U(-3, 3) and
/// y = sin(x) + N(0, noise^2) (noise 0.3 by default). Validation: a separate
/// draw of `validationCount` points (default 50) from the same distribution.
/// Test: `testCount` points (default 200) on an evenly spaced grid over
/// [-3, 3], both ends included, with the clean y = sin(x), so test MSE
/// measures the distance to the true function. Rows are stored train, then
/// validation, then test, and marked as designated splits. Like every
/// tabular set, x is standardized with the training points' statistics when
/// prepared; y never is, so MSE is in the units of sin(x).
public struct NoisySine: Sendable {
    public static let name = "sine"
    public static let defaultNoise = 0.3

    public var trainCount = 50
    public var validationCount = 50
    public var testCount = 200
    public var noise = NoisySine.defaultNoise
    public var lowerBound = -3.0
    public var upperBound = 3.0

    public init(trainCount: Int = 50, validationCount: Int = 50, testCount: Int = 200, noise: Double = NoisySine.defaultNoise) {
        self.trainCount = trainCount
        self.validationCount = validationCount
        self.testCount = testCount
        self.noise = noise
    }

    public func generate(seed: UInt64) -> RawDataset {
        precondition(trainCount > 0 && validationCount >= 0 && testCount >= 2, "sine needs training points and a test grid of at least 2")
        var xs: [Double] = []
        var ys: [Double] = []
        // Separate streams: the validation draw does not move when the
        // training size changes.
        for (count, stream) in [(trainCount, UInt64(1)), (validationCount, UInt64(2))] {
            var random = SeededGenerator(seed: seed, stream: stream)
            for _ in 0..<count {
                let x = random.nextUniform(lowerBound, upperBound)
                xs.append(x)
                ys.append(sin(x) + noise * random.nextGaussian())
            }
        }
        let step = (upperBound - lowerBound) / Double(testCount - 1)
        for index in 0..<testCount {
            let x = index == testCount - 1 ? upperBound : lowerBound + Double(index) * step
            xs.append(x)
            ys.append(sin(x))
        }
        let validationEnd = trainCount + validationCount
        return RawDataset(
            name: Self.name,
            task: .regression,
            features: xs.map(Float.init),
            targets: ys.map(Float.init),
            featureNames: ["x"],
            targetName: "y",
            designatedSplits: DesignatedSplits(
                train: Array(0..<trainCount),
                validation: Array(trainCount..<validationEnd),
                test: Array(validationEnd..<(validationEnd + testCount))
            ),
            source: "generated noisy sine: \(trainCount) train + \(validationCount) validation points of sin(x) + N(0, \(noise)^2), x ~ U(\(lowerBound), \(upperBound)); test: clean grid of \(testCount) (seed \(seed))"
        )
    }
}
