import TrackerStore

/// Decides, epoch by epoch, whether a sweep trial is poor enough to stop.
/// The training observer of a sweep's run calls it after logging each
/// epoch; on `true` the run stops and ends as `pruned`, keeping its history.
public protocol Pruner: Sendable {
    /// `value` is the trial's monitored metric at `epoch` (1-based, the step
    /// it was logged at); `history` gives the other trials' values.
    func shouldPrune(epoch: Int, value: Double, direction: Direction, history: any PruningHistory) throws -> Bool
}

/// What the sweep's other runs logged: the evidence a pruner weighs.
public protocol PruningHistory {
    /// The monitored metric at `epoch` in the sweep's other runs whose status
    /// is one of `statuses` (any status when empty).
    func values(atEpoch epoch: Int, statuses: [RunStatus]) throws -> [Double]
}

/// The history a worker reads from its own store connection. Reads see
/// committed data only: another worker's epoch counts once it is committed.
public struct StorePruningHistory: PruningHistory {
    public let store: Store
    public let sweepID: SweepID
    public let metric: String
    /// The run being judged, left out of its own evidence.
    public let runID: RunID

    public init(store: Store, sweepID: SweepID, metric: String, runID: RunID) {
        self.store = store
        self.sweepID = sweepID
        self.metric = metric
        self.runID = runID
    }

    public func values(atEpoch epoch: Int, statuses: [RunStatus]) throws -> [Double] {
        try store.sweepMetricValues(sweepID, metric: metric, step: epoch, statuses: statuses, excluding: runID)
    }
}

/// One trial's pruning, ready for its training observer: pass each epoch's
/// metrics (after they are logged) and stop the run when it says so.
public final class TrialPruningMonitor {
    public let pruner: any Pruner
    public let history: any PruningHistory
    public let metric: String
    public let direction: Direction
    /// The epoch at which the trial was pruned, once it was.
    public private(set) var prunedAtEpoch: Int?

    public init(pruner: any Pruner, history: any PruningHistory, metric: String, direction: Direction) {
        self.pruner = pruner
        self.history = history
        self.metric = metric
        self.direction = direction
    }

    /// Whether to stop after this epoch. An epoch without the monitored metric never prunes.
    public func shouldStop(epoch: Int, metrics: [String: Double]) throws -> Bool {
        guard prunedAtEpoch == nil else { return true }
        guard let value = metrics[metric],
              try pruner.shouldPrune(epoch: epoch, value: value, direction: direction, history: history) else {
            return false
        }
        prunedAtEpoch = epoch
        return true
    }
}

extension Direction {
    /// Whether `value` is strictly worse than `reference` in this direction.
    func isWorse(_ value: Double, than reference: Double) -> Bool {
        self == .min ? value > reference : value < reference
    }
}
