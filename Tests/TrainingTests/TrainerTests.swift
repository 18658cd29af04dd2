import Testing
@testable import Training

@Suite struct TrainerTests {
    static let classification = TestData.configuration {
        $0.hiddenSizes = [16, 16]
        $0.epochs = 12
        $0.batchSize = .rows(16)
        $0.learningRate = 0.01
        $0.dropout = [0.2]
        $0.seed = 3
    }

    @Test func reportsTheStandardMetricsForEveryEpochFromOne() throws {
        let observer = RecordingObserver()
        let result = try Trainer(configuration: Self.classification).train(on: TestData.blobs(seed: 1), observer: observer)
        #expect(observer.reports.map(\.epoch) == Array(1...12))
        for report in observer.reports {
            #expect(Set(report.metrics.keys) == [
                "train_loss", "val_loss", "train_acc", "val_acc", "train_eval_loss", "train_eval_acc", "lr", "weight_norm", "sparsity",
            ])
            #expect(report.metrics.values.allSatisfy { $0.isFinite })
        }
        #expect(result.stopReason == .completed)
        #expect(result.epochsRun == 12)
        #expect(!result.restoredBestWeights)
        #expect(try #require(result.finalMetrics["test_acc"]) > 0.8, "blobs are easy; the engine must learn them")
        #expect(Set(result.finalMetrics.keys).isSuperset(of: ["train_loss", "val_loss", "test_loss", "test_acc", "weight_norm", "sparsity"]))
        #expect(observer.checkpoints.map(\.kind) == [.best, .last])
        #expect(observer.checkpoints.map(\.epoch) == [try #require(result.bestEpoch), 12])
        #expect(observer.reports.filter(\.isBest).last?.epoch == result.bestEpoch)
    }

    @Test func regressionReportsNoAccuracy() throws {
        let observer = RecordingObserver()
        _ = try Trainer(configuration: TestData.configuration { $0.epochs = 3 }).train(on: TestData.sine(seed: 1), observer: observer)
        #expect(Set(observer.reports[0].metrics.keys) == [
            "train_loss", "val_loss", "val_rmse", "val_r2", "train_eval_loss", "lr", "weight_norm", "sparsity",
        ])
    }

    @Test func theSameSeedGivesTheSameRunBitForBit() throws {
        var configuration = Self.classification
        configuration.normalization = .batchnorm
        configuration.mixupAlpha = 0.4
        configuration.inputNoise = 0.1
        let data = TestData.blobs(seed: 2)
        let first = RecordingObserver()
        let second = RecordingObserver()
        let a = try Trainer(configuration: configuration).train(on: data, observer: first)
        let b = try Trainer(configuration: configuration).train(on: data, observer: second)
        #expect(first.reports == second.reports)
        #expect(a.model == b.model)
        configuration.seed += 1
        let c = try Trainer(configuration: configuration).train(on: data)
        #expect(c.model != a.model, "a different seed must give a different run")
    }

    @Test func theObserverCanStopTheRun() throws {
        let observer = RecordingObserver(stopAfterEpoch: 4)
        let result = try Trainer(configuration: Self.classification).train(on: TestData.blobs(seed: 1), observer: observer)
        #expect(result.stopReason == .stoppedByObserver(epoch: 4))
        #expect(result.epochsRun == 4)
        #expect(observer.reports.count == 4)
        #expect(observer.checkpoints.last.map { ($0.kind, $0.epoch) } ?? (.best, 0) == (.last, 4))
    }

    @Test func earlyStoppingRestoresTheBestEpochsWeights() throws {
        let configuration = TestData.configuration {
            $0.hiddenSizes = [64, 64]
            $0.batchSize = .full
            $0.learningRate = 0.01
            $0.epochs = 3000
            $0.earlyStopping = EarlyStopping(patience: 30)
            $0.seed = 4
        }
        let data = TestData.sine(seed: 4)
        let observer = RecordingObserver()
        let result = try Trainer(configuration: configuration).train(on: data, observer: observer)
        guard case .earlyStopped(let stoppedAt, let bestEpoch) = result.stopReason else {
            Issue.record("expected early stopping, got \(result.stopReason)")
            return
        }
        #expect(stoppedAt == bestEpoch + 30)
        #expect(result.bestEpoch == bestEpoch)
        #expect(result.restoredBestWeights)
        let bestReport = try #require(observer.reports.first { $0.epoch == bestEpoch })
        let bestValidationLoss = try #require(bestReport.metrics["val_loss"])
        #expect(bestValidationLoss == observer.values("val_loss").min())
        // The restored weights reproduce the best epoch's validation loss exactly.
        #expect(result.finalMetrics["val_loss"] == bestValidationLoss)
        #expect(try #require(result.model).evaluate(data.validation).loss == bestValidationLoss)
        #expect(observer.reports.last!.metrics["val_loss"]! > bestValidationLoss)
    }

    @Test func minDeltaAndMaxModeDecideWhatCountsAsBetter() {
        var tracker = ImprovementTracker(monitor: "val_acc", mode: .max, minDelta: 0.01)
        let improvements = [(0.5, 1), (0.505, 2), (0.52, 3), (0.1, 4)].map { tracker.record($0.0, epoch: $0.1) }
        #expect(improvements == [true, false, true, false])
        #expect(tracker.bestEpoch == 3 && tracker.epochsSinceImprovement == 1)
    }

    /// Proximal L1 sets weights to exactly zero; L2 of matched strength only
    /// shrinks them. For plain SGD (ISTA) and for Adam (threshold in Adam's metric).
    @Test(arguments: [(OptimizerKind.sgd, 0.1), (.adam, 0.01)])
    func proximalL1GivesExactZerosAndL2DoesNot(optimizer: OptimizerKind, learningRate: Double) throws {
        func train(_ change: (inout TrainingConfiguration) -> Void) throws -> Model {
            var configuration = TestData.configuration {
                $0.hiddenSizes = [32, 32]
                $0.batchSize = .rows(20)
                $0.epochs = 60
                $0.optimizer = optimizer
                $0.learningRate = learningRate
                $0.seed = 5
            }
            change(&configuration)
            return try #require(try Trainer(configuration: configuration).train(on: TestData.blobs(seed: 5, features: 8)).model)
        }
        let lasso = try train {
            $0.l1 = 1e-3
            $0.l1Proximal = true
        }
        let ridge = try train { $0.l2 = 1e-3 }
        let lassoWeights = lasso.layerWeights.flatMap(\.weights)
        let ridgeWeights = ridge.layerWeights.flatMap(\.weights)
        let exactZeros = lassoWeights.filter { $0 == 0 }.count
        #expect(Double(exactZeros) > 0.1 * Double(lassoWeights.count), "only \(exactZeros) of \(lassoWeights.count) are zero")
        #expect(ridgeWeights.filter { $0 == 0 }.count == 0)
        let lassoSparsity = lasso.sparsity(threshold: 1e-3)
        let ridgeSparsity = ridge.sparsity(threshold: 1e-3)
        #expect(lassoSparsity > 2 * ridgeSparsity, "near-zero fraction: L1 \(lassoSparsity), L2 \(ridgeSparsity)")
        #expect(try #require(lasso.evaluate(TestData.blobs(seed: 5, features: 8).test).accuracy) > 0.8)
    }

    /// The setup printed in a popular regularization tutorial (numpy check:
    /// Benchmarks/reference/divergence_check.py): N(0,1) x 0.5 weights, plain
    /// full-batch gradient descent, lr 0.005, 1-64-64-64-1 ReLU on the noisy
    /// sine. It overflows within ten epochs; the engine stops and says so,
    /// as an explosion while the loss is still finite or as a divergence.
    @Test(arguments: [UInt64(0), 1, 2])
    func aDivergingRunIsCaughtAndNeverReportsNaN(seed: UInt64) throws {
        let configuration = TestData.configuration {
            $0.hiddenSizes = [64, 64, 64]
            $0.initialization = .normal(scale: 0.5)
            $0.optimizer = .sgd
            $0.learningRate = 0.005
            $0.batchSize = .full
            $0.epochs = 100
            $0.seed = seed
        }
        let observer = RecordingObserver()
        let result = try Trainer(configuration: configuration).train(on: TestData.sine(seed: seed, standardize: false), observer: observer)
        #expect(observer.reports.allSatisfy { $0.metrics.values.allSatisfy { $0.isFinite } })
        #expect(result.finalMetrics.values.allSatisfy { $0.isFinite })
        #expect(result.stopReason.isFailure)
        switch result.stopReason {
        case .diverged(let epoch, let metric, let cause):
            #expect(epoch <= 10)
            #expect(metric == "train_loss" || metric == "val_loss")
            #expect(cause.contains("learning rate"))
            #expect(result.epochsRun == epoch - 1)
            #expect(observer.reports.count == epoch - 1)
            #expect(!observer.checkpoints.contains { $0.kind == .last })
            #expect(result.stopReason.description.contains("diverged at epoch \(epoch)"))
        case .unstable(let epoch, let metric, let detail):
            // Caught while still finite: the loss exploded before it overflowed.
            #expect(epoch <= 10)
            #expect(metric == "train_loss" || metric == "val_loss")
            #expect(detail.contains("exploded") && detail.contains("learning rate (now 0.005"))
            #expect(observer.reports.count == epoch)
            #expect(result.restoredBestWeights)
        default:
            Issue.record("expected divergence or instability, got \(result.stopReason)")
        }
    }

    @Test func everyRegularizerTrainsWithoutError() throws {
        let data = TestData.images(seed: 6)
        for change: (inout TrainingConfiguration) -> Void in [
            { $0.normalization = .layernorm }, { $0.normalization = .rmsnorm }, { $0.normalization = .batchnorm },
            { $0.optimizer = .momentum }, { $0.optimizer = .nesterov }, { $0.optimizer = .adamw; $0.weightDecay = 0.01 },
            { $0.labelSmoothing = 0.1 }, { $0.shiftPixels = 1 }, { $0.cutoutSize = 2 }, { $0.mixupAlpha = 0.2 },
            { $0.gradientClipNorm = 1 }, { $0.setElasticNet(strength: 1e-3, l1Ratio: 0.5) }, { $0.activation = .gelu },
            { $0.schedule = .cosine(minimum: 0); $0.warmupEpochs = 2 }, { $0.inputDropout = 0.1; $0.dropout = [0.1, 0.3] },
        ] {
            let configuration = TestData.configuration {
                $0.hiddenSizes = [8, 8]
                $0.epochs = 5
                $0.learningRate = 0.01
                change(&$0)
            }
            let result = try Trainer(configuration: configuration).train(on: data)
            #expect(result.stopReason == .completed)
            #expect(try #require(result.finalMetrics["val_loss"]).isFinite)
        }
    }

    @Test func invalidSettingsAreRejectedBeforeTraining() {
        #expect(throws: TrainingError.self) {
            try Trainer(configuration: TestData.configuration { $0.labelSmoothing = 0.1 }).train(on: TestData.sine(seed: 1))
        }
        #expect(throws: TrainingError.self) {
            try Trainer(configuration: TestData.configuration { $0.shiftPixels = 1 }).train(on: TestData.blobs(seed: 1))
        }
    }
}

@Suite struct MetricDefinitionTests {
    /// train_loss is the data loss of the batches as trained, before each
    /// batch's update: with one full batch and nothing random, epoch 1's
    /// value is the freshly initialized model's loss on the training split.
    @Test func trainLossIsTheLossBeforeEachUpdateWithoutThePenalty() throws {
        let configuration = TestData.configuration {
            $0.hiddenSizes = [16]
            $0.batchSize = .full
            $0.epochs = 2
            $0.l2 = 0.5  // large: including it would change the value visibly
            $0.seed = 12
        }
        let data = TestData.sine(seed: 12)
        let observer = RecordingObserver()
        _ = try Trainer(configuration: configuration).train(on: data, observer: observer)
        let network = Network(architecture: Architecture(configuration: configuration, features: 1, task: .regression))
        var random = RandomSource(seed: 12)
        network.initialize(configuration.initialization, random: &random)
        let initialLoss = network.evaluate(data.train).loss
        #expect(observer.reports[0].metrics["train_loss"] == initialLoss)
        #expect(observer.reports[0].metrics["lr"] == configuration.learningRate)
        #expect(abs(observer.reports[0].metrics["weight_norm"]! - network.weightNorm) > 0, "weights moved after the update")
    }
}
