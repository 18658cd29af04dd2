import Foundation

/// Two interleaving half circles, as scikit-learn's `make_moons`: the upper
/// moon (class 0) is (cos t, sin t), the lower moon (class 1) is
/// (1 - cos t, 0.5 - sin t), t evenly spaced over [0, pi] in each, plus
/// Gaussian noise of standard deviation `noise` on both coordinates.
/// Default: 500 points (250 per moon), noise 0.2.
public struct TwoMoons: Sendable {
    public static let name = "moons"
    public static let defaultNoise = 0.2

    public var count = 500
    public var noise = TwoMoons.defaultNoise

    public init(count: Int = 500, noise: Double = TwoMoons.defaultNoise) {
        self.count = count
        self.noise = noise
    }

    public func generate(seed: UInt64) -> RawDataset {
        precondition(count >= 4, "moons needs at least 2 points per moon")
        var random = SeededGenerator(seed: seed)
        let upperCount = count / 2
        let lowerCount = count - upperCount
        var features: [Float] = []
        var targets: [Float] = []
        func angle(_ index: Int, of total: Int) -> Double { Double.pi * Double(index) / Double(total - 1) }
        for index in 0..<upperCount {
            let t = angle(index, of: upperCount)
            features.append(Float(cos(t) + noise * random.nextGaussian()))
            features.append(Float(sin(t) + noise * random.nextGaussian()))
            targets.append(0)
        }
        for index in 0..<lowerCount {
            let t = angle(index, of: lowerCount)
            features.append(Float(1 - cos(t) + noise * random.nextGaussian()))
            features.append(Float(0.5 - sin(t) + noise * random.nextGaussian()))
            targets.append(1)
        }
        return RawDataset(
            name: Self.name,
            task: .classification(classes: 2),
            features: features,
            targets: targets,
            featureNames: ["x1", "x2"],
            targetName: "moon",
            classNames: ["upper", "lower"],
            source: "generated two moons: \(count) points, noise \(noise) (seed \(seed))"
        )
    }
}
