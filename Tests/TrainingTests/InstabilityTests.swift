import Foundation
import Testing
@testable import Training

/// The instability check's calibration: real runs that are healthy (the
/// README's configurations, and large learning rates that still converge)
/// must finish; a learning rate of 100 and constructed chaotic curves must
/// be caught, naming the learning rate.
@Suite struct InstabilityTests {
    static func prepared(_ name: String, seed: UInt64 = 0) throws -> PreparedData {
        if name == "sine-half" {
            return try DataCatalog.prepare(DataRequest(dataset: "sine", dataSeed: seed, splitSeed: seed, subsetFraction: 0.5)).prepared
        }
        return try DataCatalog.prepare(DataRequest(dataset: name, dataSeed: seed, splitSeed: seed)).prepared
    }

    static let healthy: [(String, String, @Sendable (inout TrainingConfiguration) -> Void)] = [
        ("sine defaults", "sine", { _ in }),
        ("moons defaults", "moons", { _ in }),
        ("digits defaults", "digits", { _ in }),
        ("digits dropout 0.3", "digits", { $0.dropout = [0.3] }),
        ("digits l2 1e-3", "digits", { $0.l2 = 1e-3 }),
        ("digits early stop 20", "digits", { $0.earlyStopping = EarlyStopping(patience: 20) }),
        ("digits wd + dropout + early stop (README)", "digits", {
            $0.weightDecay = 1e-3
            $0.dropout = [0.3]
            $0.earlyStopping = EarlyStopping(patience: 20)
        }),
        ("moons adam lr 0.05 (noisy, converges)", "moons", { $0.learningRate = 0.05 }),
        ("sine 64-64-64 full batch lr 1e-2, 3000 epochs (the benchmark; overfits, tiny loss spikes)", "sine", {
            $0.hiddenSizes = [64, 64, 64]
            $0.batchSize = .full
            $0.learningRate = 1e-2
            $0.epochs = 3000
        }),
        ("digits 256-256, 400 epochs, no regularization (overfits long)", "digits", {
            $0.hiddenSizes = [256, 256]
            $0.epochs = 400
            $0.learningRate = 3e-3
        }),
        ("sine sgd lr 0.05 batch 8 (noisy, converges)", "sine", {
            $0.optimizer = .sgd
            $0.learningRate = 0.05
            $0.batchSize = .rows(8)
        }),
        ("sine dropout 0.2 on half the rows, 30 epochs (training-mode loss above the untrained level, eval-mode fine)", "sine-half", {
            $0.dropout = [0.2]
            $0.epochs = 30
        }),
        ("sine dropout 0.5 (training-mode loss noisy and high)", "sine", {
            $0.dropout = [0.5]
            $0.epochs = 60
        }),
        ("digits momentum lr 0.1 (noisy, converges)", "digits", {
            $0.optimizer = .momentum
            $0.learningRate = 0.1
        }),
    ]

    @Test(arguments: healthy.indices)
    func healthyRunsAreNotFlagged(_ index: Int) throws {
        let (label, dataset, change) = Self.healthy[index]
        let result = try Trainer(configuration: TestData.configuration(change)).train(on: Self.prepared(dataset))
        #expect(!result.stopReason.isFailure, "\(label): \(result.stopReason)")
    }

    @Test(arguments: ["moons", "digits"], [100.0, 10])
    func aLearningRateTooHighIsCaughtNamingIt(_ dataset: String, _ learningRate: Double) throws {
        let observer = RecordingObserver()
        let result = try Trainer(configuration: TestData.configuration { $0.learningRate = learningRate })
            .train(on: Self.prepared(dataset), observer: observer)
        guard case .unstable(let epoch, _, let detail) = result.stopReason else {
            Issue.record("\(dataset) lr \(learningRate): expected unstable, got \(result.stopReason)")
            return
        }
        #expect(result.stopReason.isFailure)
        #expect(epoch < 40, "caught within a few windows, not at the end")
        #expect(detail.contains("lower the learning rate (now \(Int(learningRate))"), "\(detail)")
        #expect(observer.reports.count == epoch, "the unstable epoch is still reported")
        #expect(result.restoredBestWeights || result.bestEpoch == nil)
    }

    /// Seeded curves of known shape, fed to the detector directly.
    static func curve(_ count: Int, seed: UInt64, _ value: (Int, inout RandomSource) -> Double) -> [Double] {
        var random = RandomSource(seed: seed)
        return (0..<count).map { value($0, &random) }
    }

    static func finding(_ values: [Double], untrained: Double = log(2.0)) -> InstabilityDetector.Finding? {
        var detector = InstabilityDetector(untrainedLoss: untrained)
        for (index, value) in values.enumerated() {
            if let finding = detector.record([MetricKey.valLoss: value], epoch: index + 1) { return finding }
        }
        return nil
    }

    @Test func chaoticCurvesAreCaught() throws {
        // Jumping by factors up to 8 around twice the untrained level, no trend.
        let chaotic = Self.curve(60, seed: 1) { _, random in 2 * log(2.0) * exp(random.uniform(-2.1, 2.1)) }
        let finding = try #require(Self.finding(chaotic))
        #expect(finding.kind == .chaotic && finding.epoch == InstabilityDetector.window)
        #expect(finding.detail(learningRate: 0.5).contains("lower the learning rate (now 0.5, e.g. 0.05)"))
        // The same swings on a curve that rises (overfitting gone wild) are caught too.
        let rising = Self.curve(60, seed: 2) { epoch, random in 0.5 * (1 + 0.05 * Double(epoch)) * exp(random.uniform(-2, 2)) }
        #expect(Self.finding(rising)?.kind == .chaotic)
    }

    @Test func noisyCurvesThatComeDownAreNot() {
        for seed in UInt64(1)...20 {
            // 30% noise on a decaying curve: a large learning rate that converges.
            let decaying = Self.curve(300, seed: seed) { epoch, random in
                (0.1 + 2 * exp(-Double(epoch) / 40)) * exp(random.uniform(-0.3, 0.3))
            }
            #expect(Self.finding(decaying) == nil, "seed \(seed)")
            // Large factors at a loss far below the untrained level: a converged run's harmless spikes.
            let converged = Self.curve(300, seed: seed) { _, random in 1e-4 * exp(random.uniform(-2.5, 2.5)) }
            #expect(Self.finding(converged) == nil, "seed \(seed)")
            // Overfitting: the validation loss climbs smoothly, tenfold.
            let overfitting = Self.curve(300, seed: seed) { epoch, random in
                0.2 * (1 + 0.03 * Double(epoch)) * exp(random.uniform(-0.1, 0.1))
            }
            #expect(Self.finding(overfitting) == nil, "seed \(seed)")
        }
    }

    @Test func anExplosionMustLastThreeEpochs() throws {
        let untrained = log(10.0)
        var spike = Array(repeating: 0.5, count: 30)
        spike[10] = 1e7
        spike[11] = 1e7
        #expect(Self.finding(spike, untrained: untrained) == nil, "two epochs that recover are a spike")
        spike[12] = 1e7
        let finding = try #require(Self.finding(spike, untrained: untrained))
        #expect(finding.kind == .exploded && finding.epoch == 13)
        #expect(finding.detail(learningRate: 100).hasPrefix("val_loss exploded to 1e+07 by epoch 13 (epoch 1: 0.5)"))
    }

    @Test func theCheckSurvivesACheckpointRoundTrip() throws {
        var detector = InstabilityDetector(untrainedLoss: 1.5)
        for epoch in 1...25 { _ = detector.record([MetricKey.trainLoss: Double(epoch), MetricKey.valLoss: 1 / Double(epoch)], epoch: epoch) }
        var writer = BinaryWriter()
        writer.write(instability: detector)
        var reader = BinaryReader(writer.bytes)
        #expect(try reader.readInstability() == detector)
        #expect(reader.isAtEnd)
    }
}
