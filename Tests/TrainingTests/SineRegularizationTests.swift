import Testing
@testable import Training

/// The classic lesson on the noisy-sine task (1-64-64-64-1, He init, Adam
/// lr 1e-2, 3000 full-batch epochs): over 10 seeds, L2 and early stopping
/// each give a lower mean test MSE (on the clean sine) than no
/// regularization. Settings were chosen once, as a practitioner's first try
/// (l2 = 1e-3, patience 100 on val_loss), not tuned to make this pass.
@Suite struct SineRegularizationTests {
    static let seeds: [UInt64] = Array(0..<10)

    static func meanTestLoss(_ change: (inout TrainingConfiguration) -> Void) throws -> (mean: Double, values: [Double]) {
        var values: [Double] = []
        for seed in seeds {
            var configuration = TestData.configuration {
                $0.hiddenSizes = [64, 64, 64]
                $0.initialization = .he
                $0.optimizer = .adam
                $0.learningRate = 1e-2
                $0.batchSize = .full
                $0.epochs = 3000
                $0.seed = seed
            }
            change(&configuration)
            let result = try Trainer(configuration: configuration).train(on: TestData.sine(seed: seed))
            values.append(try #require(result.finalMetrics["test_loss"]))
        }
        return (values.reduce(0, +) / Double(values.count), values)
    }

    @Test func l2AndEarlyStoppingEachBeatNoRegularization() throws {
        let none = try Self.meanTestLoss { _ in }
        let l2 = try Self.meanTestLoss { $0.l2 = 1e-3 }
        let early = try Self.meanTestLoss { $0.earlyStopping = EarlyStopping(patience: 100) }
        print("sine test MSE over 10 seeds: none \(none.mean), l2 \(l2.mean), early stopping \(early.mean)")
        print("  none \(none.values)\n  l2 \(l2.values)\n  early \(early.values)")
        #expect(l2.mean < none.mean, "L2: \(l2.mean) vs none \(none.mean)")
        #expect(early.mean < none.mean, "early stopping: \(early.mean) vs none \(none.mean)")
    }
}
