import TrackerStore
import Training

/// Connects the engine to a stored run: each epoch's metrics in one
/// transaction, each checkpoint the engine hands out, the progress line, and
/// outside stops such as Ctrl-C or a sweep's pruner (answered by asking the
/// engine to stop after the current epoch, so that it still hands out a last
/// checkpoint).
///
/// The observer protocol cannot throw; the first store error is kept, stops
/// the run, and is rethrown by the command after training returns.
final class RunRecorder: TrainingObserver {
    private let store: TrackerStore
    private let run: RunID
    private let progress: ProgressReporter?
    private let monitor: String
    private let stopCheck: (EpochReport) -> TrainingJob.ExternalStop?
    private var best: (epoch: Int, value: Double)?
    private(set) var failure: (any Error)?
    private(set) var externalStop: TrainingJob.ExternalStop?

    init(
        store: TrackerStore, run: RunID, progress: ProgressReporter?, monitor: String,
        stopCheck: @escaping (EpochReport) -> TrainingJob.ExternalStop?
    ) {
        self.store = store
        self.run = run
        self.progress = progress
        self.monitor = monitor
        self.stopCheck = stopCheck
    }

    func trainingDidFinishEpoch(_ report: EpochReport) -> TrainingDecision {
        guard failure == nil else { return .stop }
        do {
            try store.logMetrics(run, step: report.epoch, report.metrics)
        } catch {
            failure = error
            return .stop
        }
        if report.isBest, let value = report.metrics[monitor] { best = (report.epoch, value) }
        progress?.update(EpochProgress(
            epoch: report.epoch, trainLoss: report.metrics[Training.MetricKey.trainLoss] ?? .nan,
            valLoss: report.metrics[Training.MetricKey.valLoss], best: best, monitor: monitor))
        if let stop = stopCheck(report) {
            externalStop = stop
            return .stop
        }
        return .proceed
    }

    func trainingDidSaveCheckpoint(_ checkpoint: CheckpointRecord) {
        guard failure == nil else { return }
        let kind: StoreCheckpointKind = switch checkpoint.kind {
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
}
