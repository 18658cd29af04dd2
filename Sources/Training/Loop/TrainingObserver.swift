// The metric keys live in MetricNames, shared with the store; re-exported so
// that the engine's users name them as before.
@_exported import MetricNames

/// One finished epoch. Every value is finite: an epoch whose loss is not is
/// never reported (the run stops as diverged instead).
///
/// - `train_loss`: mean over the epoch's batches (weighted by batch rows) of
///   the data loss on the training batches exactly as trained: after
///   augmentation, with dropout active, batch norm on batch statistics,
///   label-smoothed targets; the penalty (l1/l2) is NOT included. Each
///   batch's loss is taken before that batch's update.
/// - `train_acc`: the fraction of those training rows whose largest logit is
///   the original (un-mixed) label.
/// - `val_loss`, `val_acc`: the validation split in evaluation mode after the
///   epoch's last update, with plain targets.
/// - `train_eval_loss`, `train_eval_acc`: training rows measured exactly as
///   `val_loss` is (all of them up to 256, else a fixed seeded sample of half
///   of them, at most 4096); the gap is `val_loss - train_eval_loss`.
/// - `val_rmse`, `val_r2` (regression): sqrt(val_loss) in target units and
///   1 - SS_res / SS_tot on the validation targets.
/// - `lr`: the learning rate used this epoch; `weight_norm`: sqrt(sum w^2) of
///   Dense weights; `sparsity`: fraction of them with |w| below the threshold.
public struct EpochReport: Sendable, Equatable {
    /// 1-based.
    public let epoch: Int
    public let metrics: [String: Double]
    /// The monitored metric improved on its best so far at this epoch.
    public let isBest: Bool
}

/// Checkpoint bytes the trainer hands out. During the run: a periodic one
/// every `checkpointEvery` epochs if configured, and whatever the observer
/// asks for after each epoch (`checkpointsWanted(after:)`): the best
/// weights so far (no trainer state: they cannot be resumed) or the last
/// epoch with everything needed to resume. At the end (also when the
/// observer stops it): the best epoch's weights, then the last epoch's
/// resumable state (not after a divergence). The observer bounds how often
/// it asks: serializing costs a copy of the weights and optimizer state.
public struct CheckpointRecord: Sendable {
    public let kind: CheckpointKind
    public let epoch: Int
    public let bytes: [UInt8]
}

public enum TrainingDecision: Sendable, Equatable {
    case proceed
    /// Stop after this epoch (Ctrl-C, sweep pruning); a last checkpoint is
    /// still emitted and the result says `stoppedByObserver`.
    case stop
}

/// Receives a run's progress; knows nothing of how it is stored. Called on
/// the training thread, synchronously.
public protocol TrainingObserver {
    func trainingDidFinishEpoch(_ report: EpochReport) -> TrainingDecision
    func trainingDidSaveCheckpoint(_ checkpoint: CheckpointRecord)
    /// Asked after each `trainingDidFinishEpoch`: the checkpoints to hand out
    /// now. `.best` gives the best epoch's weights so far (ask when
    /// `report.isBest`), `.last` this epoch's resumable state; `.periodic`
    /// is ignored (the configuration schedules those). Default: none.
    func checkpointsWanted(after report: EpochReport) -> Set<CheckpointKind>
}

extension TrainingObserver {
    public func checkpointsWanted(after report: EpochReport) -> Set<CheckpointKind> { [] }
}
