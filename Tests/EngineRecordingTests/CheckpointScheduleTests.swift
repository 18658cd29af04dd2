import Foundation
import Testing
import EngineRecording

/// Weights are saved while training, on a schedule bounded in time: the
/// best with each commit of the metrics that made it best (at most once per
/// flush interval), the last every `lastCheckpointInterval`. A fake clock
/// stands in for time.
@Suite struct CheckpointScheduleTests {
    /// Trains moons with a recorder whose clock advances `secondsPerEpoch`
    /// each epoch; at each epoch, notes what the database held before it.
    func observe(secondsPerEpoch: Double, epochs: Int) throws -> (observed: [(epoch: Int, best: Int?, last: Int?, bestSoFar: Int?)], path: String, directory: ScratchDirectory) {
        let directory = try ScratchDirectory()
        let path = directory.path("t.db")
        var (_, prepared, configuration) = try RecordedTrainingTests.moons()
        configuration.epochs = epochs
        let tracker = try Tracker.open(path: path, environment: [:])
        let run = try tracker.startRun(RunOptions(flushInterval: 0))
        let reader = try RecordedTrainingTests.reader(path)
        var now = 0.0
        var bestValue = Double.infinity
        var bestEpoch: Int?
        var observed: [(epoch: Int, best: Int?, last: Int?, bestSoFar: Int?)] = []
        let recorder = RunRecorder(
            run: run, monitor: MetricKey.valLoss,
            stopCheck: { report in
                // What was saved after the previous epochs.
                observed.append((
                    report.epoch, try? reader.checkpoint(run.id, kind: .best)?.step,
                    try? reader.checkpoint(run.id, kind: .last)?.step, bestEpoch))
                if let value = report.metrics[MetricKey.valLoss], value < bestValue {
                    bestValue = value
                    bestEpoch = report.epoch
                }
                now += secondsPerEpoch
                return nil
            },
            clock: { now })
        _ = try Trainer(configuration: configuration).train(on: prepared, observer: recorder)
        try run.finish()
        return (observed, path, directory)
    }

    @Test func theBestWeightsAreSavedAsTheyImprove() throws {
        let (observed, _, _) = try observe(secondsPerEpoch: 1, epochs: 12)
        #expect(Set(observed.compactMap(\.best)).count > 1, "the best moved during training and was saved each time")
        for row in observed {
            // With every epoch a whole interval apart, each improvement is saved at once.
            #expect(row.best == row.bestSoFar, "before epoch \(row.epoch)")
        }
    }

    @Test func theLastStateIsSavedEveryIntervalNotEveryEpoch() throws {
        let step = RunRecorder.lastCheckpointInterval / 4
        let (observed, _, _) = try observe(secondsPerEpoch: step, epochs: 20)
        let lastSteps = observed.compactMap(\.last)
        #expect(!lastSteps.isEmpty, "a last checkpoint was saved during training")
        for row in observed {
            if let last = row.last {
                // Never more than one interval (4 epochs here) behind.
                #expect(row.epoch - 1 - last < 4 + 1, "before epoch \(row.epoch): last is \(last)")
            }
        }
        #expect(Set(lastSteps).count < observed.count / 2, "not saved every epoch")
    }

    /// Counts the best checkpoints the recorder asks the engine for.
    final class BestRequestCounter: TrainingObserver {
        let inner: RunRecorder
        var bestRequests = 0
        init(_ inner: RunRecorder) { self.inner = inner }
        func trainingDidFinishEpoch(_ report: EpochReport) -> TrainingDecision { inner.trainingDidFinishEpoch(report) }
        func checkpointsWanted(after report: EpochReport) -> Set<CheckpointKind> {
            let wanted = inner.checkpointsWanted(after: report)
            if wanted.contains(.best) { bestRequests += 1 }
            return wanted
        }
        func trainingDidSaveCheckpoint(_ checkpoint: CheckpointRecord) { inner.trainingDidSaveCheckpoint(checkpoint) }
    }

    /// Ten epochs per second against a quarter-second flush interval: the
    /// metrics are committed in batches, and a reader looking at any moment
    /// finds the best checkpoint at the best committed val_loss epoch, since
    /// each batch that holds a new best is committed with its weights.
    @Test func everyCommitOfANewBestCarriesItsWeightsAndTheBestIsSerializedOncePerFlush() throws {
        let directory = try ScratchDirectory()
        let path = directory.path("t.db")
        var (_, prepared, configuration) = try RecordedTrainingTests.moons()
        configuration.epochs = 40
        let flushInterval = 0.25
        let tracker = try Tracker.open(path: path, environment: [:])
        let run = try tracker.startRun(RunOptions(flushInterval: flushInterval))
        let reader = try RecordedTrainingTests.reader(path)
        var now = 0.0
        var committedCounts: Set<Int> = []
        var mismatches: [String] = []
        let recorder = RunRecorder(run: run, monitor: MetricKey.valLoss, stopCheck: { report in
            let committed = (try? reader.history(of: run.id, metric: MetricKey.valLoss)) ?? []
            let best = try? reader.checkpoint(run.id, kind: .best)
            let bestCommitted = committed.min { $0.value < $1.value }?.step
            if best?.step != bestCommitted {
                mismatches.append("epoch \(report.epoch): best checkpoint \(best.map { "\($0.step)" } ?? "none"), best committed \(bestCommitted.map { "\($0)" } ?? "none")")
            }
            committedCounts.insert(committed.count)
            now += 0.1
            return nil
        }, clock: { now })
        let counter = BestRequestCounter(recorder)
        let result = try Trainer(configuration: configuration).train(on: prepared, observer: counter)
        try run.finish()

        #expect(mismatches.isEmpty, "\(mismatches)")
        #expect(committedCounts.count > 5, "committed during training: \(committedCounts.sorted())")
        #expect(committedCounts.count < configuration.epochs / 2, "batched, not every epoch: \(committedCounts.sorted())")
        // 40 epochs in 4 seconds: at most one best serialization per flush.
        #expect(counter.bestRequests <= Int((4.0 / flushInterval).rounded(.up)) + 1)
        let final = try #require(try reader.checkpoint(run.id, kind: .best))
        #expect(final.step == result.bestEpoch, "the end saves the latest best")
        let history = try reader.history(of: run.id, metric: MetricKey.valLoss)
        #expect(final.step == history.min { $0.value < $1.value }?.step)
    }
}
