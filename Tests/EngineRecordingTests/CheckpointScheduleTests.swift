import Foundation
import Testing
import EngineRecording

/// Weights are saved while training, on a schedule bounded in time: the
/// best within one checkpoint interval of each improvement, the last every
/// `lastCheckpointInterval`. A fake clock stands in for time.
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

    @Test func fasterThanTheIntervalTheBestIsSavedAtMostOncePerInterval() throws {
        let directory = try ScratchDirectory()
        let path = directory.path("t.db")
        var (_, prepared, configuration) = try RecordedTrainingTests.moons()
        configuration.epochs = 30
        let tracker = try Tracker.open(path: path, environment: [:])
        let run = try tracker.startRun(RunOptions(flushInterval: 0))
        var now = 0.0
        var bestSaves = 0
        final class Counter: TrainingObserver {
            let inner: RunRecorder
            var bestSaves = 0
            init(_ inner: RunRecorder) { self.inner = inner }
            func trainingDidFinishEpoch(_ report: EpochReport) -> TrainingDecision { inner.trainingDidFinishEpoch(report) }
            func checkpointsWanted(after report: EpochReport) -> Set<CheckpointKind> {
                let wanted = inner.checkpointsWanted(after: report)
                if wanted.contains(.best) { bestSaves += 1 }
                return wanted
            }
            func trainingDidSaveCheckpoint(_ checkpoint: CheckpointRecord) { inner.trainingDidSaveCheckpoint(checkpoint) }
        }
        let recorder = RunRecorder(run: run, monitor: MetricKey.valLoss, stopCheck: { _ in
            now += 0.1  // ten epochs per second
            return nil
        }, clock: { now })
        let counter = Counter(recorder)
        let result = try Trainer(configuration: configuration).train(on: prepared, observer: counter)
        bestSaves = counter.bestSaves
        try run.finish()
        // 30 epochs in 3 seconds: at most one best save per 0.25 s interval.
        #expect(bestSaves <= Int((3.0 / recorder.checkpointInterval).rounded(.up)) + 1)
        let reader = try RecordedTrainingTests.reader(path)
        #expect(try reader.checkpoint(run.id, kind: .best)?.step == result.bestEpoch, "the end saves the latest best")
    }
}
