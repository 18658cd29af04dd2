import Foundation

/// Connects the engine to a run: each epoch's metrics (committed once per
/// run flush interval), each checkpoint the engine hands out, progress for
/// whoever shows it, and outside stops such as Ctrl-C or a sweep's pruner
/// (answered by asking the engine to stop after the current epoch, so that
/// it still hands out a last checkpoint).
///
/// Weights are saved while training, so that a crash, `kill -9` or SIGTERM
/// loses none of them. A commit whose epochs hold a new best of the
/// monitored metric waits for the engine's best weights (asked for in
/// `checkpointsWanted(after:)`) and carries them in the same transaction:
/// whatever a crash leaves, the best checkpoint is the best committed epoch.
/// That costs at most one serialization of the weights per flush interval.
/// The last epoch's resumable state is saved every `lastCheckpointInterval`
/// seconds (stretched to 20 times the previous save's cost, so that saving
/// stays under 5% of training for any network size). The end of training
/// saves both once more.
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
    /// The last epoch's resumable state is saved at most this often (seconds).
    public static let lastCheckpointInterval = 2.0
    private let clock: () -> Double
    private var lastCommit: Double
    /// An epoch staged since the last commit improved on the best: the
    /// commit that writes it must write the best weights too.
    private var bestUncommitted = false
    /// A commit is due and waits for the best weights the engine hands out next.
    private var commitAwaitsBest = false
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
        self.lastCommit = clock()
        self.lastLastSave = lastCommit
    }

    /// Asked by the engine after each epoch (after `trainingDidFinishEpoch`).
    public func checkpointsWanted(after report: EpochReport) -> Set<CheckpointKind> {
        guard failure == nil else { return [] }
        let now = clock()
        var wanted: Set<CheckpointKind> = []
        if now - lastLastSave >= max(Self.lastCheckpointInterval, 20 * lastSaveCost) {
            wanted.insert(.last)
            lastLastSave = now
        }
        // Saving the last state commits the staged epochs too, so a new best
        // among them goes first, with its weights.
        if commitAwaitsBest || (bestUncommitted && wanted.contains(.last)) { wanted.insert(.best) }
        return wanted
    }

    public static func monotonicSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    public func trainingDidFinishEpoch(_ report: EpochReport) -> TrainingDecision {
        guard failure == nil else { return .stop }
        if report.isBest {
            bestUncommitted = true
            if let value = report.metrics[monitor] { best = (report.epoch, value) }
        }
        record { try run.stage(step: report.epoch, report.metrics) }
        if clock() - lastCommit >= run.flushInterval { commit() }
        progress?(report, best)
        let stop = stopCheck(report)
        // A stopped run's last epochs are committed before the engine winds
        // down, so that a pruner or a reader sees them.
        if stop != nil { commit() }
        guard failure == nil else { return .stop }
        if let stop {
            externalStop = stop
            return .stop
        }
        return .proceed
    }

    public func trainingDidSaveCheckpoint(_ checkpoint: CheckpointRecord) {
        // Every save below writes the staged epochs in its transaction.
        switch checkpoint.kind {
        case .best:
            record { try run.saveCheckpoint(bytes: checkpoint.bytes, step: checkpoint.epoch, kind: .best) }
            bestUncommitted = false
            commitAwaitsBest = false
        case .last:
            let started = clock()
            record { try run.saveCheckpoint(bytes: checkpoint.bytes, step: checkpoint.epoch, kind: .last) }
            lastSaveCost = clock() - started
        case .periodic where bestUncommitted:
            // Saved now, it would commit a new best without its weights: it
            // waits for the commit that carries them.
            record { try run.stageCheckpoint(bytes: checkpoint.bytes, step: checkpoint.epoch, kind: .periodic) }
            return
        case .periodic:
            record { try run.saveCheckpoint(bytes: checkpoint.bytes, step: checkpoint.epoch, kind: .periodic) }
        }
        lastCommit = clock()
    }

    /// Commits the staged epochs now, or, when one of them is a new best,
    /// with the best weights the engine is asked for next.
    private func commit() {
        if bestUncommitted {
            commitAwaitsBest = true
        } else {
            record { try run.flush() }
            lastCommit = clock()
        }
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
