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
/// - `lr`: the learning rate used this epoch; `weight_norm`: sqrt(sum w^2) of
///   Dense weights; `sparsity`: fraction of them with |w| below the threshold.
public struct EpochReport: Sendable, Equatable {
    /// 1-based.
    public let epoch: Int
    public let metrics: [String: Double]
    /// The monitored metric improved on its best so far at this epoch.
    public let isBest: Bool
}

/// Checkpoint bytes the trainer hands out: periodic ones during the run if
/// configured; at the end (also when the observer stops it), the best
/// epoch's weights (no trainer state: they cannot be resumed) and then the
/// last epoch with everything needed to resume (not after a divergence).
/// Writing the best weights once, at the end, keeps a 3000-epoch run from
/// serializing a checkpoint at every improvement.
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
}
