import Foundation

/// Connects the engine to a run: each epoch's metrics (batched by the
/// handle's flush interval), each checkpoint the engine hands out, progress
/// for whoever shows it, and outside stops such as Ctrl-C or a sweep's
/// pruner (answered by asking the engine to stop after the current epoch, so
/// that it still hands out a last checkpoint).
///
/// The observer protocol cannot throw; the first recording error is kept,
/// stops the run, and is rethrown by `RecordedTraining` after training returns.
/// Not `Sendable`: the engine calls it on the training thread only.
public final class RunRecorder: TrainingObserver {
    public let run: RunHandle
    /// The metric whose best value progress shows ("val_loss", "train_loss", ...).
    public let monitor: String
    private let progress: ((EpochReport, _ best: (epoch: Int, value: Double)?) -> Void)?
    private let stopCheck: (EpochReport) -> ExternalStop?
    private var best: (epoch: Int, value: Double)?
    public private(set) var failure: (any Error)?
    public private(set) var externalStop: ExternalStop?

    public init(
        run: RunHandle, monitor: String,
        progress: ((EpochReport, _ best: (epoch: Int, value: Double)?) -> Void)? = nil,
        stopCheck: @escaping (EpochReport) -> ExternalStop? = { _ in nil }
    ) {
        self.run = run
        self.monitor = monitor
        self.progress = progress
        self.stopCheck = stopCheck
    }

    public func trainingDidFinishEpoch(_ report: EpochReport) -> TrainingDecision {
        guard failure == nil else { return .stop }
        if report.isBest, let value = report.metrics[monitor] { best = (report.epoch, value) }
        record { try run.log(step: report.epoch, report.metrics) }
        progress?(report, best)
        let stop = stopCheck(report)
        // A stopped run's last epochs are committed before the engine winds
        // down, so that a pruner or a reader sees them.
        if stop != nil { record { try run.flush() } }
        guard failure == nil else { return .stop }
        if let stop {
            externalStop = stop
            return .stop
        }
        return .proceed
    }

    public func trainingDidSaveCheckpoint(_ checkpoint: CheckpointRecord) {
        let kind: StoredCheckpointKind = switch checkpoint.kind {
        case .best: .best
        case .last: .last
        case .periodic: .periodic
        }
        record { try run.saveCheckpoint(bytes: checkpoint.bytes, step: checkpoint.epoch, kind: kind) }
    }

    private func record(_ write: () throws -> Void) {
        guard failure == nil else { return }
        do {
            try write()
        } catch {
            failure = error
        }
    }
}
