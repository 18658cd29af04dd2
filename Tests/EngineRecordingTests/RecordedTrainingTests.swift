import Foundation
import Testing
import EngineRecording

/// A directory for one test's database file, removed when released.
final class ScratchDirectory {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("engine-recording-\(UUID().uuidString)")
    init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    deinit { try? FileManager.default.removeItem(at: url) }
}

@Suite("EngineRecording: the engine's epochs, checkpoints and end in a run")
struct RecordedTrainingTests {
    /// Seeded two-moons data and a small network: a few milliseconds per epoch.
    static func moons() throws -> (raw: RawDataset, prepared: PreparedData, configuration: TrainingConfiguration) {
        let loaded = try DataCatalog.prepare(DataRequest(dataset: "moons", dataSeed: 3, splitSeed: 4))
        var configuration = TrainingConfiguration()
        configuration.hiddenSizes = [8]
        configuration.epochs = 6
        configuration.seed = 5
        return (loaded.raw, loaded.prepared, configuration)
    }

    static func reader(_ path: String) throws -> Store {
        var options = Store.Options()
        options.detectCrashes = false
        return try Store(path: path, options: options)
    }

    @Test func everyEpochAndTheEndAreRecorded() throws {
        let directory = try ScratchDirectory()
        let path = directory.path("t.db")
        let (raw, prepared, configuration) = try Self.moons()
        let tracker = try Tracker.open(path: path, environment: [:])
        let run = try tracker.startRun(RunOptions(dataset: DatasetSpec(raw), flushInterval: 3600))
        var progressEpochs: [Int] = []
        let recorded = try RecordedTraining.train(
            configuration, on: prepared, into: run, progress: { report, _ in progressEpochs.append(report.epoch) })

        #expect(recorded.status == .finished)
        #expect(progressEpochs == Array(1...6))
        let store = try Self.reader(path)
        let stored = try store.run(id: run.id)
        #expect(stored.status == .finished)
        #expect(stored.stopReason == .completed)
        #expect(stored.bestStep == recorded.result.bestEpoch)
        #expect(try store.history(of: run.id, metric: MetricKey.trainLoss).map(\.step) == Array(1...6))
        #expect(try store.history(of: run.id, metric: MetricKey.testLoss).map(\.step) == [recorded.keptEpoch])
        #expect(try store.checkpoint(run.id, kind: .last)?.step == 6)
        #expect(try store.checkpoint(run.id, kind: .best)?.step == recorded.result.bestEpoch)
        #expect(try store.latestDataset(named: "moons")?.fingerprint == DatasetSpec(raw).fingerprint)
    }

    @Test(arguments: [(ExternalStop.pruned, RunStatus.pruned, RunStopReason.pruned),
                      (ExternalStop.interrupted, RunStatus.killed, RunStopReason.interrupted)])
    func anOutsideStopEndsTheRunAfterThatEpoch(stop: ExternalStop, status: RunStatus, reason: RunStopReason) throws {
        let directory = try ScratchDirectory()
        let path = directory.path("t.db")
        let (_, prepared, configuration) = try Self.moons()
        let tracker = try Tracker.open(path: path, environment: [:])
        let run = try tracker.startRun(RunOptions(flushInterval: 3600))
        let recorded = try RecordedTraining.train(
            configuration, on: prepared, into: run, stopCheck: { $0.epoch == 2 ? stop : nil })

        #expect(recorded.status == status)
        let store = try Self.reader(path)
        #expect(try store.run(id: run.id).stopReason == reason)
        #expect(try store.history(of: run.id, metric: MetricKey.valLoss).count == 2)
        #expect(try store.checkpoint(run.id, kind: .last)?.step == 2, "the engine still hands out a last checkpoint")
    }
}
