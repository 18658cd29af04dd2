import Testing
@testable import Training

@Suite struct CheckpointTests {
    static let configuration = TestData.configuration {
        $0.hiddenSizes = [12, 12]
        $0.epochs = 20
        $0.batchSize = .rows(16)
        $0.learningRate = 0.01
        $0.dropout = [0.2]
        $0.normalization = .batchnorm
        $0.mixupAlpha = 0.2
        $0.optimizer = .adamw
        $0.weightDecay = 0.01
        $0.earlyStopping = EarlyStopping(patience: 50, monitor: .valAcc)
        $0.seed = 8
    }

    @Test func loadingGivesBitIdenticalPredictions() throws {
        let data = TestData.blobs(seed: 8)
        let observer = RecordingObserver()
        let result = try Trainer(configuration: Self.configuration).train(on: data, observer: observer)
        let last = try #require(observer.checkpoints.last { $0.kind == .last })
        let best = try #require(observer.checkpoints.last { $0.kind == .best })
        let model = try #require(result.model)
        // Early stopping restored the best weights, so the result is the best checkpoint's model.
        let loaded = try Model(checkpoint: best.bytes)
        #expect(loaded == model)
        #expect(loaded.predict(data.test.inputs, rows: data.test.rows).map(\.bitPattern)
            == model.predict(data.test.inputs, rows: data.test.rows).map(\.bitPattern))
        #expect(loaded.evaluate(data.test).loss == result.finalMetrics["test_loss"])
        let checkpoint = try Checkpoint(bytes: last.bytes)
        #expect(checkpoint.kind == .last && checkpoint.epoch == 20)
        #expect(checkpoint.configuration == Self.configuration)
        #expect(checkpoint.model.buffers.count == 2 * 2 * 12, "batch norm running mean and variance, two layers of 12")
    }

    /// Stopping at epoch 8 and resuming from the last checkpoint gives the run
    /// that was never interrupted: same metrics, same weights, same result.
    @Test func resumingContinuesTrainingExactly() throws {
        let data = TestData.blobs(seed: 9)
        let straight = RecordingObserver()
        let uninterrupted = try Trainer(configuration: Self.configuration).train(on: data, observer: straight)

        let first = RecordingObserver(stopAfterEpoch: 8)
        _ = try Trainer(configuration: Self.configuration).train(on: data, observer: first)
        let saved = try #require(first.checkpoints.last { $0.kind == .last })
        #expect(saved.epoch == 8)
        let second = RecordingObserver()
        let resumed = try Trainer.resume(from: saved.bytes, on: data, observer: second)

        #expect(first.reports + second.reports == straight.reports)
        #expect(resumed.model == uninterrupted.model)
        #expect(resumed.finalMetrics == uninterrupted.finalMetrics)
        #expect(resumed.bestEpoch == uninterrupted.bestEpoch)
        #expect(resumed.epochsRun == 20)
        let sameBytes = second.checkpoints.last?.bytes == straight.checkpoints.last?.bytes
        #expect(sameBytes, "the last checkpoints must be byte-identical")
    }

    @Test func damagedBytesAreRefusedWithAClearError() throws {
        let observer = RecordingObserver()
        _ = try Trainer(configuration: TestData.configuration { $0.epochs = 1 }).train(on: TestData.sine(seed: 1), observer: observer)
        let bytes = try #require(observer.checkpoints.last).bytes
        #expect(throws: CheckpointError.notACheckpoint) { try Checkpoint(bytes: Array("hello".utf8)) }
        #expect(throws: CheckpointError.corrupted) { try Checkpoint(bytes: Array(bytes.dropLast(20)) + Array(bytes.suffix(8))) }
        var flipped = bytes
        flipped[bytes.count / 2] ^= 0x40
        #expect(throws: CheckpointError.corrupted) { try Checkpoint(bytes: flipped) }
        var future = bytes
        future[8] = 9
        #expect(throws: CheckpointError.unsupportedVersion(9)) { try Checkpoint(bytes: future) }
        #expect(throws: CheckpointError.truncated) { try Checkpoint(bytes: Array(bytes.prefix(12))) }
    }

    @Test func theBestCheckpointHoldsWeightsOnly() throws {
        let observer = RecordingObserver()
        let data = TestData.blobs(seed: 1)
        _ = try Trainer(configuration: Self.configuration).train(on: data, observer: observer)
        let best = try #require(observer.checkpoints.first { $0.kind == .best })
        #expect(try Checkpoint(bytes: best.bytes).state == nil)
        #expect(throws: TrainingError.checkpoint(.mismatch("it holds weights only, no trainer state to resume"))) {
            try Trainer.resume(from: best.bytes, on: data)
        }
    }

    @Test func resumingOnDataOfAnotherShapeIsRefused() throws {
        let observer = RecordingObserver()
        _ = try Trainer(configuration: TestData.configuration { $0.epochs = 1 }).train(on: TestData.sine(seed: 1), observer: observer)
        let bytes = try #require(observer.checkpoints.last).bytes
        #expect(throws: TrainingError.self) { try Trainer.resume(from: bytes, on: TestData.blobs(seed: 1)) }
    }

    @Test func layerWeightsExposeEachDenseLayer() throws {
        let result = try Trainer(configuration: TestData.configuration {
            $0.hiddenSizes = [5, 3]
            $0.epochs = 1
        }).train(on: TestData.blobs(seed: 1, features: 4, classes: 3))
        let layers = try #require(result.model).layerWeights
        #expect(layers.map(\.name) == ["dense1", "dense2", "output"])
        #expect(layers.map { $0.weights.count } == [20, 15, 9])
        #expect(layers.map { $0.biases.count } == [5, 3, 3])
        let norm = layers.flatMap(\.weights).map { Double($0) * Double($0) }.reduce(0, +).squareRoot()
        #expect(abs(norm - result.finalMetrics["weight_norm"]!) < 1e-9)
    }
}
