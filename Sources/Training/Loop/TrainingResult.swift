public enum StopReason: Sendable, Equatable, CustomStringConvertible {
    /// All configured epochs ran.
    case completed
    /// The monitored metric did not improve for `patience` epochs.
    case earlyStopped(epoch: Int, bestEpoch: Int)
    /// A non-finite value appeared in `epoch`; nothing of that epoch was
    /// reported. `metric` is what overflowed, `cause` the likely reason.
    case diverged(epoch: Int, metric: String, cause: String)
    /// The observer asked to stop after `epoch`.
    case stoppedByObserver(epoch: Int)
    /// `metric` exploded or turned chaotic (see `InstabilityDetector`) by
    /// `epoch`, still finite; `detail` says how and names the learning rate.
    /// The epoch was reported; the best epoch's weights are kept.
    case unstable(epoch: Int, metric: String, detail: String)

    /// The run did not train to a usable end: diverged or unstable. Its
    /// record should say failed.
    public var isFailure: Bool {
        switch self {
        case .diverged, .unstable: true
        case .completed, .earlyStopped, .stoppedByObserver: false
        }
    }

    public var description: String {
        switch self {
        case .completed: "completed"
        case .earlyStopped(let epoch, let best): "early stopping at epoch \(epoch) (best epoch \(best))"
        case .diverged(let epoch, let metric, let cause): "diverged at epoch \(epoch): \(metric) is not finite; \(cause)"
        case .stoppedByObserver(let epoch): "stopped at epoch \(epoch)"
        case .unstable(let epoch, _, let detail): "unstable at epoch \(epoch): \(detail)"
        }
    }
}

public struct TrainingResult: Sendable {
    /// Epochs completed and reported (a diverged epoch does not count).
    public let epochsRun: Int
    /// Epoch with the best monitored metric, nil if none finished.
    public let bestEpoch: Int?
    /// "val_loss" unless early stopping says otherwise (or there is no
    /// validation split: then "train_loss").
    public let monitoredMetric: String
    public let stopReason: StopReason
    /// Whether the final weights are the best epoch's (with early stopping,
    /// and after a divergence or instability) or the last epoch's (otherwise: restoring the
    /// best validation epoch is itself early stopping, so a run without it
    /// keeps its last weights).
    public let restoredBestWeights: Bool
    /// With the final weights, evaluation mode: train_loss, val_loss,
    /// test_loss (train_loss here is the whole training split in evaluation
    /// mode), train_acc, val_acc, test_acc (classification), val_rmse,
    /// val_r2, test_rmse, test_r2 (regression), train_eval_loss and
    /// train_eval_acc (the per-epoch curve's rows, at the kept epoch),
    /// weight_norm, sparsity. Only finite values; empty if none exist.
    public let finalMetrics: [String: Double]
    public let durationSeconds: Double
    /// The final weights; nil if the run diverged before any epoch finished.
    public let model: Model?
}

/// Errors that stop a run before it starts.
public enum TrainingError: Error, Equatable, CustomStringConvertible {
    case invalidConfiguration(ConfigurationError)
    case checkpoint(CheckpointError)

    public var description: String {
        switch self {
        case .invalidConfiguration(let error): error.description
        case .checkpoint(let error): error.description
        }
    }
}
