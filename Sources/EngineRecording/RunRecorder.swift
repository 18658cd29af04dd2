import Foundation

/// Connects the engine to a run: each epoch's metrics (batched by the
/// handle's flush interval), each checkpoint the engine hands out, progress
/// for whoever shows it, and outside stops such as Ctrl-C or a sweep's
/// pruner (answered by asking the engine to stop after the current epoch, so
/// that it still hands out a last checkpoint).
///
/// Weights are saved while training, so that a crash, `kill -9` or SIGTERM
/// loses none of them (see `checkpointsWanted(after:)`): the best weights
/// within `checkpointInterval` of each improvement, and the last epoch's
/// resumable state every `lastCheckpointInterval` seconds (stretched to 20
/// times the previous save's cost, so that saving stays under 5% of training
/// for any network size). The end of training saves both once more.
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
    /// The best weights are saved at most this often (seconds): the run's
    /// flush interval, or a quarter second when it commits every step.
    public let checkpointInterval: Double
    /// The last epoch's resumable state is saved at most this often (seconds).
    public static let lastCheckpointInterval = 2.0
    private let clock: () -> Double
    private var bestUnsaved = false
    private var lastBestSave = -Double.infinity
    private var lastLastSave: Double
    private var lastSaveCost = 0.0

    public init(
        run: RunHandle, monitor: String,
        progress: ((EpochReport, _ best: (epoch: Int, value: Double)?) -> Void)? = nil,
        stopCheck: @escaping (EpochReport) -> ExternalStop? = { _ in nil },
        clock: @escaping () -> Double = RunRecorder.monotonicSeconds
    ) {
        self.run = run
        self.monitor = monitor
        self.progress = progress
        self.stopCheck = stopCheck
        self.clock = clock
        self.checkpointInterval = run.flushInterval > 0 ? run.flushInterval : RunHandle.defaultFlushInterval
        self.lastLastSave = clock()
    }

    /// Asked by the engine after each epoch (after `trainingDidFinishEpoch`).
    public func checkpointsWanted(after report: EpochReport) -> Set<CheckpointKind> {
        guard failure == nil else { return [] }
        if report.isBest { bestUnsaved = true }
        let now = clock()
        var wanted: Set<CheckpointKind> = []
        if bestUnsaved, now - lastBestSave >= checkpointInterval {
            wanted.insert(.best)
            bestUnsaved = false
            lastBestSave = now
        }
        if now - lastLastSave >= max(Self.lastCheckpointInterval, 20 * lastSaveCost) {
            wanted.insert(.last)
            lastLastSave = now
        }
        return wanted
    }

    public static func monotonicSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
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
        let started = clock()
        record { try run.saveCheckpoint(bytes: checkpoint.bytes, step: checkpoint.epoch, kind: kind) }
        if kind == .last { lastSaveCost = clock() - started }
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
