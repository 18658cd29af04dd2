import Foundation
import Testing
@testable import Training

@Suite struct DataGeneratorTests {
    @Test func sineHasDocumentedSizesAndDesignatedSplits() throws {
        let sine = NoisySine().generate(seed: 0)
        #expect(sine.rows == 300)
        #expect(sine.featureNames == ["x"])
        #expect(sine.task == .regression)
        let splits = try #require(sine.designatedSplits)
        #expect(splits.train == Array(0..<50))
        #expect(splits.validation == Array(50..<100))
        #expect(splits.test == Array(100..<300))
        let trainX = splits.train.map { sine.features[$0] }
        #expect(trainX.allSatisfy { $0 >= -3 && $0 < 3 })
    }

    @Test func sineTestIsTheCleanGridOverMinusThreeToThree() throws {
        let sine = NoisySine().generate(seed: 9)
        let test = try #require(sine.designatedSplits).test
        let xs = test.map { Double(sine.features[$0]) }
        #expect(xs.first == -3)
        #expect(xs.last == 3)
        #expect(zip(xs, xs.dropFirst()).allSatisfy { abs(($1 - $0) - 6.0 / 199) < 1e-6 })
        for row in test {
            #expect(abs(sine.targets[row] - Float(sin(Double(sine.features[row])))) < 1e-6)
        }
    }

    @Test func sineNoiseHasTheRequestedDeviationAndXIsUniform() {
        let sine = NoisySine(trainCount: 100_000, validationCount: 0, testCount: 2).generate(seed: 1)
        let residuals = (0..<100_000).map { Double(sine.targets[$0]) - sin(Double(sine.features[$0])) }
        let mean = residuals.reduce(0, +) / Double(residuals.count)
        let deviation = (residuals.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(residuals.count)).squareRoot()
        #expect(abs(mean) < 0.005)
        #expect(abs(deviation - 0.3) < 0.005)
        let xs = (0..<100_000).map { sine.features[$0] }
        #expect(xs.min()! < -2.99 && xs.max()! > 2.99)
        #expect(xs.allSatisfy { $0 >= -3 && $0 <= 3 })
        #expect(abs(xs.reduce(0, +) / Float(xs.count)) < 0.03)
    }

    @Test func sineValidationIsASeparateDraw() throws {
        let sine = NoisySine().generate(seed: 3)
        let splits = try #require(sine.designatedSplits)
        let train = splits.train.map { sine.features[$0] }
        let validation = splits.validation.map { sine.features[$0] }
        #expect(Set(train).isDisjoint(with: validation))
        // Changing the training size leaves the validation draw alone.
        let larger = NoisySine(trainCount: 80).generate(seed: 3)
        let largerValidation = try #require(larger.designatedSplits).validation.map { larger.features[$0] }
        #expect(largerValidation == validation)
    }

    @Test(arguments: ["sine", "moons", "spirals"])
    func generatedSetsAreDeterministicBySeed(name: String) throws {
        let first = try DataCatalog.load(name: name, options: DataOptions(seed: 11))
        let again = try DataCatalog.load(name: name, options: DataOptions(seed: 11))
        let other = try DataCatalog.load(name: name, options: DataOptions(seed: 12))
        #expect(first.features == again.features && first.targets == again.targets)
        #expect(first.contentForFingerprint == again.contentForFingerprint)
        #expect(first.features != other.features)
        #expect(first.contentForFingerprint != other.contentForFingerprint)
    }

    @Test func moonsAreBalancedAndNoiseFreeMoonsLieOnTheirArcs() {
        let clean = TwoMoons(count: 200, noise: 0).generate(seed: 0)
        #expect(clean.classCounts == [100, 100])
        for row in 0..<clean.rows {
            let point = clean.featureRow(row)
            let (x, y) = (Double(point.first!), Double(point.last!))
            // Upper moon: unit circle around (0, 0); lower: around (1, 0.5).
            let radius = clean.targets[row] == 0 ? (x * x + y * y).squareRoot() : ((x - 1) * (x - 1) + (y - 0.5) * (y - 0.5)).squareRoot()
            #expect(abs(radius - 1) < 1e-5)
        }
        let noisy = TwoMoons(count: 200, noise: 0.2).generate(seed: 0)
        let displacement = zip(clean.features, noisy.features).map { Double($0 - $1) }
        let deviation = (displacement.reduce(0) { $0 + $1 * $1 } / Double(displacement.count)).squareRoot()
        #expect(abs(deviation - 0.2) < 0.02)
    }

    @Test func spiralsHaveOneClassPerArmAndRadiiFromZeroToOne() {
        let spirals = Spirals(pointsPerArm: 100, arms: 3, noise: 0.2).generate(seed: 0)
        #expect(spirals.rows == 300)
        #expect(spirals.task == .classification(classes: 3))
        #expect(spirals.classCounts == [100, 100, 100])
        let radii = (0..<spirals.rows).map { row -> Float in
            let point = spirals.featureRow(row)
            return (point.first! * point.first! + point.last! * point.last!).squareRoot()
        }
        #expect(radii.allSatisfy { $0 <= 1.0001 })
        // Noise moves the angle only: the radius of the k-th point of an arm is k / 99.
        #expect(abs(radii[150] - Float(50) / 99) < 1e-5)
    }
}
