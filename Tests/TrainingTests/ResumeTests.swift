import Testing
@testable import Training

/// Checkpoints handed out during the run (item "weights never lost") and
/// resuming from one: the resumed run is the uninterrupted run, bit for bit.
@Suite struct ResumeTests {
    /// Asks for the best weights whenever they improve and for a resumable
    /// checkpoint after the epochs in `lastAt`; never stops the run.
    final class CheckpointingObserver: TrainingObserver, @unchecked Sendable {
        let lastAt: Set<Int>
        var reports: [EpochReport] = []
        var checkpoints: [CheckpointRecord] = []
        /// How many checkpoints had arrived when each epoch was reported.
        var checkpointsBeforeEpoch: [Int] = []

        init(lastAt: Set<Int> = []) { self.lastAt = lastAt }

        func trainingDidFinishEpoch(_ report: EpochReport) -> TrainingDecision {
            reports.append(report)
            checkpointsBeforeEpoch.append(checkpoints.count)
            return .proceed
        }

        func trainingDidSaveCheckpoint(_ checkpoint: CheckpointRecord) { checkpoints.append(checkpoint) }

        func checkpointsWanted(after report: EpochReport) -> Set<CheckpointKind> {
            var kinds: Set<CheckpointKind> = report.isBest ? [.best] : []
            if lastAt.contains(report.epoch) { kinds.insert(.last) }
            return kinds
        }
    }

    static let base = TestData.configuration {
        $0.hiddenSizes = [12, 12]
        $0.epochs = 16
        $0.batchSize = .rows(16)
        $0.learningRate = 0.01
        $0.seed = 21
    }

    static let configurations: [(String, TrainingConfiguration)] = [
        ("adam", base),
        ("dropout + adamw", TestData.configuration {
            $0 = base
            $0.dropout = [0.3]
            $0.optimizer = .adamw
            $0.weightDecay = 0.01
        }),
        ("early stopping", TestData.configuration {
            $0 = base
            $0.epochs = 60
            $0.learningRate = 0.05
            $0.earlyStopping = EarlyStopping(patience: 3)
        }),
        ("batchnorm + mixup + noise", TestData.configuration {
            $0 = base
            $0.normalization = .batchnorm
            $0.mixupAlpha = 0.3
            $0.inputNoise = 0.1
        }),
        ("full batch (the train-eval forward pass is reused)", TestData.configuration {
            $0 = base
            $0.batchSize = .full
        }),
        ("nesterov + step schedule + proximal l1 + clipping", TestData.configuration {
            $0 = base
            $0.optimizer = .nesterov
            $0.schedule = .step(every: 4, factor: 0.5)
            $0.warmupEpochs = 2
            $0.l1 = 1e-3
            $0.l1Proximal = true
            $0.gradientClipNorm = 1
        }),
    ]

    @Test(arguments: configurations.indices)
    func resumingFromAMidRunCheckpointGivesTheUninterruptedRun(_ index: Int) throws {
        let (label, configuration) = Self.configurations[index]
        let data = TestData.blobs(seed: 21, spread: 1.5)
        let resumeAfter = 5
        let plain = RecordingObserver()
        let straight = try Trainer(configuration: configuration).train(on: data, observer: plain)

        let checkpointing = CheckpointingObserver(lastAt: [resumeAfter])
        let watched = try Trainer(configuration: configuration).train(on: data, observer: checkpointing)
        #expect(checkpointing.reports == plain.reports, "\(label): handing out checkpoints must not change the run")
        #expect(watched.model == straight.model)

        let saved = try #require(checkpointing.checkpoints.first { $0.kind == .last && $0.epoch == resumeAfter })
        let continued = RecordingObserver()
        let resumed = try Trainer.resume(from: saved.bytes, on: data, observer: continued)
        #expect(continued.reports == Array(plain.reports.dropFirst(resumeAfter)), "\(label): every metric after the checkpoint")
        #expect(resumed.model == straight.model, "\(label): final weights")
        #expect(resumed.finalMetrics == straight.finalMetrics)
        #expect(resumed.stopReason == straight.stopReason)
        #expect(resumed.bestEpoch == straight.bestEpoch && resumed.epochsRun == straight.epochsRun)
        #expect(resumed.restoredBestWeights == straight.restoredBestWeights)
        #expect(continued.checkpoints.last?.bytes == plain.checkpoints.last?.bytes, "\(label): the final last checkpoints are byte-identical")
    }

    @Test func bestCheckpointsArriveWhenTheMetricImproves() throws {
        let configuration = Self.configurations[2].1
        let data = TestData.blobs(seed: 21, spread: 1.5)
        let observer = CheckpointingObserver()
        let result = try Trainer(configuration: configuration).train(on: data, observer: observer)
        let improving = observer.reports.filter(\.isBest).map(\.epoch)
        // During the run: one best checkpoint per improvement, right after its epoch; then the final best and last.
        let during = observer.checkpoints.dropLast(2)
        #expect(during.map(\.kind).allSatisfy { $0 == .best })
        #expect(during.map(\.epoch) == improving)
        for record in during {
            // Delivered before the next epoch was reported: a crash after it loses nothing.
            let position = observer.checkpoints.firstIndex { $0.epoch == record.epoch && $0.kind == .best }!
            if record.epoch < observer.reports.count { #expect(observer.checkpointsBeforeEpoch[record.epoch] > position) }
            let model = try Model(checkpoint: record.bytes)
            #expect(model.evaluate(data.validation).loss == observer.reports[record.epoch - 1].metrics["val_loss"])
        }
        // Early stopping still restores the best weights at the end.
        #expect(result.stopReason == .earlyStopped(epoch: observer.reports.count, bestEpoch: try #require(improving.last)))
        #expect(result.restoredBestWeights)
        #expect(try Model(checkpoint: try #require(during.last).bytes) == result.model)
        #expect(observer.checkpoints.suffix(2).map(\.kind) == [.best, .last])
    }

    /// A format 1 checkpoint (no instability curves) still loads and resumes;
    /// the check starts over, which changes nothing for a run it never stops.
    @Test func formatOneCheckpointsStillResume() throws {
        let configuration = Self.configurations[1].1
        let data = TestData.blobs(seed: 21, spread: 1.5)
        let straight = RecordingObserver()
        _ = try Trainer(configuration: configuration).train(on: data, observer: straight)
        let first = RecordingObserver(stopAfterEpoch: 6)
        _ = try Trainer(configuration: configuration).train(on: data, observer: first)
        let current = try #require(first.checkpoints.last { $0.kind == .last })
        let decoded = try Checkpoint(bytes: current.bytes)
        let state = try #require(decoded.state)
        var section = BinaryWriter()
        section.write(instability: state.instability)
        // Format 1 = format 2 without the trailing instability section, version 1.
        var old = Array(current.bytes.dropLast(8).dropLast(section.bytes.count))
        old.replaceSubrange(8..<12, with: [1, 0, 0, 0])
        withUnsafeBytes(of: Checksum.fnv1a(old[...]).littleEndian) { old.append(contentsOf: $0) }

        let loaded = try Checkpoint(bytes: old)
        #expect(loaded.state?.instability == nil)
        #expect(loaded.model == decoded.model && loaded.epoch == 6)
        let continued = RecordingObserver()
        _ = try Trainer.resume(from: old, on: data, observer: continued)
        #expect(continued.reports == Array(straight.reports.dropFirst(6)))
    }
}
