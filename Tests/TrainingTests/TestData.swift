import Foundation
@testable import Training

/// Small data sets built inside the tests (the real loaders live in
/// Training/Data and are tested on their own).
enum TestData {
    /// The noisy-sine task: 50 training points of sin(x) + N(0, 0.3^2) with
    /// x ~ U(-3, 3), 50 more as validation, a clean 200-point grid as test;
    /// x standardized with the training statistics.
    static func sine(seed: UInt64, trainRows: Int = 50, standardize: Bool = true) -> PreparedData {
        var random = RandomSource(seed: seed &+ 0x51_4E)
        func noisy(_ count: Int) -> (x: [Float], y: [Float]) {
            let x = (0..<count).map { _ in Float(random.uniform() * 6 - 3) }
            return (x, x.map { Float(sin(Double($0)) + 0.3 * random.gaussian()) })
        }
        let train = noisy(trainRows)
        let validation = noisy(50)
        let gridX = (0..<200).map { Float(-3 + 6 * Double($0) / 199) }
        let mean = train.x.reduce(0, +) / Float(train.x.count)
        let deviation = (train.x.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Float(train.x.count)).squareRoot()
        func scaled(_ x: [Float]) -> [Float] { standardize ? x.map { ($0 - mean) / deviation } : x }
        return PreparedData(
            name: "sine", task: .regression,
            train: DataSplit(inputs: scaled(train.x), targets: train.y, rows: trainRows, features: 1),
            validation: DataSplit(inputs: scaled(validation.x), targets: validation.y, rows: 50, features: 1),
            test: DataSplit(inputs: scaled(gridX), targets: gridX.map { Float(sin(Double($0))) }, rows: 200, features: 1),
            featureNames: ["x"])
    }

    /// Gaussian blobs in `features` dimensions, one centre per class.
    static func blobs(seed: UInt64, rows: Int = 120, features: Int = 4, classes: Int = 3, spread: Double = 1) -> PreparedData {
        var random = RandomSource(seed: seed &+ 0xB10B)
        let centres = (0..<classes).map { _ in (0..<features).map { _ in Float(random.gaussian() * 2) } }
        func split(_ count: Int) -> DataSplit {
            var inputs: [Float] = []
            var targets: [Float] = []
            for row in 0..<count {
                let label = row % classes
                inputs += centres[label].map { $0 + Float(random.gaussian() * spread) }
                targets.append(Float(label))
            }
            return DataSplit(inputs: inputs, targets: targets, rows: count, features: features)
        }
        return PreparedData(
            name: "blobs", task: .classification(classes: classes),
            train: split(rows), validation: split(rows / 2), test: split(rows / 2),
            featureNames: (0..<features).map { "f\($0)" }, classNames: (0..<classes).map { "c\($0)" })
    }

    /// 4x4 "images" for the shift and cutout tests.
    static func images(seed: UInt64, rows: Int = 40) -> PreparedData {
        var data = blobs(seed: seed, rows: rows, features: 16, classes: 2)
        data.imageShape = (height: 4, width: 4)
        return data
    }

    static func configuration(_ change: (inout TrainingConfiguration) -> Void = { _ in }) -> TrainingConfiguration {
        var configuration = TrainingConfiguration()
        change(&configuration)
        return configuration
    }
}

/// Records everything a trainer reports.
final class RecordingObserver: TrainingObserver, @unchecked Sendable {
    var reports: [EpochReport] = []
    var checkpoints: [CheckpointRecord] = []
    var stopAfterEpoch: Int?

    init(stopAfterEpoch: Int? = nil) {
        self.stopAfterEpoch = stopAfterEpoch
    }

    func trainingDidFinishEpoch(_ report: EpochReport) -> TrainingDecision {
        reports.append(report)
        return report.epoch == stopAfterEpoch ? .stop : .proceed
    }

    func trainingDidSaveCheckpoint(_ checkpoint: CheckpointRecord) {
        checkpoints.append(checkpoint)
    }

    func values(_ key: String) -> [Double] { reports.compactMap { $0.metrics[key] } }
}
