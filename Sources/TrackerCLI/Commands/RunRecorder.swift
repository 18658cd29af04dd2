import Foundation
import TrackerStore
import Training

/// Connects the engine to a stored run: epoch metrics, each checkpoint the
/// engine hands out, the progress line, and outside stops such as Ctrl-C or
/// a sweep's pruner (answered by asking the engine to stop after the current
/// epoch, so that it still hands out a last checkpoint).
///
/// Epochs are written in batches, one transaction per `flushInterval`
/// seconds of training (and always before a stop, a checkpoint and the end):
/// a commit costs about as much as a whole epoch of a small network, so one
/// per epoch would double the time of a 3000-epoch full-batch run. A reader
/// sees the run at most `flushInterval` behind; a crash loses at most that.
///
/// The observer protocol cannot throw; the first store error is kept, stops
/// the run, and is rethrown by the job after training returns.
final class RunRecorder: TrainingObserver {
    /// A quarter of a second: live enough for someone watching, few enough
    /// commits to stay out of training's way.
    static let defaultFlushInterval = 0.25

    private let store: Store
    private let run: RunID
    private let progress: ProgressReporter?
    private let monitor: String
    private let flushInterval: Double
    private let stopCheck: (EpochReport) -> TrainingJob.ExternalStop?
    private var pending: [MetricPoint] = []
    private var lastFlush = ProcessInfo.processInfo.systemUptime
    private var best: (epoch: Int, value: Double)?
    private(set) var failure: (any Error)?
    private(set) var externalStop: TrainingJob.ExternalStop?

    init(
        store: Store, run: RunID, progress: ProgressReporter?, monitor: String,
        flushInterval: Double = RunRecorder.defaultFlushInterval,
        stopCheck: @escaping (EpochReport) -> TrainingJob.ExternalStop?
    ) {
        self.store = store
        self.run = run
        self.progress = progress
        self.monitor = monitor
        self.flushInterval = flushInterval
        self.stopCheck = stopCheck
    }

    func trainingDidFinishEpoch(_ report: EpochReport) -> TrainingDecision {
        guard failure == nil else { return .stop }
        // Sorted by key so that the same run always writes the same rows in the same order.
        for key in report.metrics.keys.sorted() {
            pending.append(MetricPoint(key: key, step: report.epoch, value: report.metrics[key]!))
        }
        if report.isBest, let value = report.metrics[monitor] { best = (report.epoch, value) }
        progress?.update(EpochProgress(
            epoch: report.epoch, trainLoss: report.metrics[MetricKey.trainLoss] ?? .nan,
            valLoss: report.metrics[MetricKey.valLoss], best: best, monitor: monitor))
        let stop = stopCheck(report)
        if stop != nil || ProcessInfo.processInfo.systemUptime - lastFlush >= flushInterval { flush() }
        guard failure == nil else { return .stop }
        if let stop {
            externalStop = stop
            return .stop
        }
        return .proceed
    }

    func trainingDidSaveCheckpoint(_ checkpoint: CheckpointRecord) {
        flush()
        guard failure == nil else { return }
        let kind: StoredCheckpointKind = switch checkpoint.kind {
        case .best: .best
        case .last: .last
        case .periodic: .periodic
        }
        do {
            try store.saveCheckpoint(run, kind: kind, step: checkpoint.epoch, bytes: checkpoint.bytes)
        } catch {
            failure = error
        }
    }

    /// Writes the epochs not yet in the database, in one transaction.
    func flush() {
        lastFlush = ProcessInfo.processInfo.systemUptime
        guard failure == nil, !pending.isEmpty else { return }
        do {
            try store.logMetrics(run, points: pending)
            pending.removeAll(keepingCapacity: true)
        } catch {
            failure = error
        }
    }
}
