import Testing
@testable import Training

@Suite struct ConfigurationTests {
    static func message(_ change: (inout TrainingConfiguration) -> Void) -> String? {
        do {
            try TestData.configuration(change).validate()
            return nil
        } catch {
            return error.message
        }
    }

    @Test func defaultsAreValid() throws {
        try TrainingConfiguration().validate()
    }

    @Test func badValuesNameTheOptionAndTheFix() {
        let cases: [(String, (inout TrainingConfiguration) -> Void)] = [
            ("--dropout: must be in [0, 1), got 1.0", { $0.dropout = [1] }),
            ("--dropout: must be in [0, 1), got -0.1", { $0.dropout = [-0.1] }),
            ("--input-dropout: must be in [0, 1)", { $0.inputDropout = 1.5 }),
            ("--lr: must be a positive number, got 0.0", { $0.learningRate = 0 }),
            ("--lr: must be a positive number, got nan", { $0.learningRate = .nan }),
            ("--wd: must be a finite number >= 0.0, got -0.001", { $0.weightDecay = -1e-3 }),
            ("--epochs: must be at least 1", { $0.epochs = 0 }),
            ("--batch-size: must be at least 1", { $0.batchSize = .rows(0) }),
            ("--hidden: layer sizes must be positive", { $0.hiddenSizes = [64, 0] }),
            ("--dropout: give one rate or one per hidden layer (2), got 3 rates", { $0.dropout = [0.1, 0.2, 0.3] }),
            ("--label-smoothing: must be in [0, 1)", { $0.labelSmoothing = 1 }),
            ("--early-stop: patience must be at least 1", { $0.earlyStopping = EarlyStopping(patience: 0) }),
            ("--init: normal:SCALE needs a positive scale", { $0.initialization = .normal(scale: -1) }),
            ("--schedule: step factor must be in (0, 1]", { $0.schedule = .step(every: 10, factor: 2) }),
            ("--clip: gradient clipping norm must be positive", { $0.gradientClipNorm = 0 }),
        ]
        for (expected, change) in cases {
            let message = Self.message(change)
            #expect(message?.hasPrefix(expected) == true, "expected '\(expected)', got '\(message ?? "no error")'")
            #expect(message?.contains("\n") == false)
        }
    }

    @Test func dataDependentChecks() {
        let sine = TestData.sine(seed: 1)
        #expect(throws: ConfigurationError.self) { try TestData.configuration { $0.labelSmoothing = 0.1 }.validate(for: sine) }
        #expect(throws: ConfigurationError.self) { try TestData.configuration { $0.cutoutSize = 2 }.validate(for: sine) }
        #expect(throws: ConfigurationError.self) {
            try TestData.configuration { $0.earlyStopping = EarlyStopping(patience: 5, monitor: .valAcc) }.validate(for: sine)
        }
        var noValidation = TestData.blobs(seed: 1)
        noValidation.validation = DataSplit(inputs: [], targets: [], rows: 0, features: 4)
        #expect(throws: ConfigurationError.self) {
            try TestData.configuration { $0.earlyStopping = EarlyStopping(patience: 5) }.validate(for: noValidation)
        }
        #expect(throws: Never.self) { try TestData.configuration { $0.shiftPixels = 1 }.validate(for: TestData.images(seed: 1)) }
    }

    @Test func monitorModeDefaultsFollowTheMetric() {
        #expect(EarlyStopping(patience: 3, monitor: .valAcc).mode == .max)
        #expect(EarlyStopping(patience: 3).mode == .min)
        #expect(EarlyStopping(patience: 3, monitor: .valAcc, mode: .min).mode == .min)
    }

    @Test func elasticNetSplitsOneStrength() {
        var configuration = TrainingConfiguration()
        configuration.setElasticNet(strength: 0.01, l1Ratio: 0.3)
        #expect(abs(configuration.l1 - 0.003) < 1e-15 && abs(configuration.l2 - 0.007) < 1e-15)
    }

    @Test func dropoutRatesPerLayer() {
        let one = TestData.configuration { $0.hiddenSizes = [8, 8, 8]; $0.dropout = [0.3] }
        #expect((0..<3).map(one.dropoutRate(afterHiddenLayer:)) == [0.3, 0.3, 0.3])
        let each = TestData.configuration { $0.hiddenSizes = [8, 8]; $0.dropout = [0.1, 0.5] }
        #expect((0..<2).map(each.dropoutRate(afterHiddenLayer:)) == [0.1, 0.5])
        let architecture = Architecture(configuration: each, features: 3, task: .regression)
        #expect(architecture.layers.filter { if case .dropout = $0 { true } else { false } } == [.dropout(rate: 0.1), .dropout(rate: 0.5)])
    }

    @Test func configurationsSurviveACheckpointRoundTrip() throws {
        var configuration = TestData.configuration {
            $0.initialization = .normal(scale: 0.5)
            $0.schedule = .step(every: 7, factor: 0.3)
            $0.batchSize = .full
            $0.earlyStopping = EarlyStopping(patience: 4, monitor: .trainLoss, minDelta: 1e-4)
            $0.gradientClipNorm = 2.5
            $0.seed = UInt64.max - 1
            $0.epochs = 1
        }
        configuration.setElasticNet(strength: 1e-3, l1Ratio: 0.25)
        let observer = RecordingObserver()
        _ = try Trainer(configuration: configuration).train(on: TestData.sine(seed: 1), observer: observer)
        #expect(try Checkpoint(bytes: try #require(observer.checkpoints.last).bytes).configuration == configuration)
    }
}
