import Foundation

/// Interleaved spiral arms, one class per arm, as in the CS231n notes: for
/// arm k, radius r goes evenly from 0 to 1 and the angle from 4k to 4(k+1)
/// radians plus Gaussian noise of standard deviation `noise` (radians);
/// the point is (r sin(angle), r cos(angle)). Default: 3 arms of 200 points,
/// noise 0.2. Not linearly separable, so a linear model fails and an MLP
/// must bend.
public struct Spirals: Sendable {
    public static let name = "spirals"
    public static let defaultNoise = 0.2

    public var pointsPerArm = 200
    public var arms = 3
    public var noise = Spirals.defaultNoise

    public init(pointsPerArm: Int = 200, arms: Int = 3, noise: Double = Spirals.defaultNoise) {
        self.pointsPerArm = pointsPerArm
        self.arms = arms
        self.noise = noise
    }

    public var count: Int { pointsPerArm * arms }

    public func generate(seed: UInt64) -> RawDataset {
        precondition(pointsPerArm >= 2 && arms >= 2, "spirals needs at least 2 arms of 2 points")
        var random = SeededGenerator(seed: seed)
        var features: [Float] = []
        var targets: [Float] = []
        for arm in 0..<arms {
            for index in 0..<pointsPerArm {
                let fraction = Double(index) / Double(pointsPerArm - 1)
                let radius = fraction
                let angle = 4 * (Double(arm) + fraction) + noise * random.nextGaussian()
                features.append(Float(radius * sin(angle)))
                features.append(Float(radius * cos(angle)))
                targets.append(Float(arm))
            }
        }
        return RawDataset(
            name: Self.name,
            task: .classification(classes: arms),
            features: features,
            targets: targets,
            featureNames: ["x1", "x2"],
            targetName: "arm",
            classNames: (0..<arms).map(String.init),
            source: "generated spirals: \(arms) arms of \(pointsPerArm) points, angle noise \(noise) (seed \(seed))"
        )
    }
}
