import TrackerStore

/// How a sweep prunes its trials: the rule, and the metric it watches in
/// the sweep's other runs.
public struct TrialPruning: Sendable {
    public var rule: PruningRule
    public var sweepID: SweepID
    public var metric: String
    public var direction: Direction

    public init(rule: PruningRule, sweepID: SweepID, metric: String, direction: Direction) {
        self.rule = rule
        self.sweepID = sweepID
        self.metric = metric
        self.direction = direction
    }

    /// The pruning `sweep` was defined with; nil when it does not prune.
    public init?(sweep: Sweep, definition: SweepDefinition) {
        guard definition.configuration.prune.makePruner() != nil else { return nil }
        self.init(rule: definition.configuration.prune, sweepID: sweep.id, metric: sweep.objective, direction: sweep.direction)
    }
}

/// What the sweep says to one running trial, whatever runs it (the built-in
/// engine, an outside command): the executor tells it the run's id once the
/// run exists and each epoch's metrics once they are committed, and stops
/// the trial when it answers. One per trial, used on that trial's thread.
public final class TrialControl {
    /// Why a trial must stop before its last epoch.
    public enum Stop: Sendable, Equatable {
        /// The sweep was asked to stop (Ctrl-C): the run ends killed.
        case interrupted
        /// The pruner judged the trial poor: the run ends pruned.
        case pruned
    }

    private let stopRequested: @Sendable () -> Bool
    private let pruning: TrialPruning?
    private var monitor: TrialPruningMonitor?
    /// Told the run's id as soon as it exists (a joined worker records it on its claim).
    private let onRunStarted: ((RunID) -> Void)?

    public init(
        stopRequested: @escaping @Sendable () -> Bool, pruning: TrialPruning? = nil, runStarted: ((RunID) -> Void)? = nil
    ) {
        self.stopRequested = stopRequested
        self.pruning = pruning
        onRunStarted = runStarted
    }

    /// A pruner reads the other trials' epochs as they are committed, so a
    /// pruned sweep's trials commit every epoch; others may batch.
    public var needsEveryEpochCommitted: Bool { pruning != nil }

    /// The trial's run now exists: its own epochs are left out of the evidence.
    public func runStarted(_ runID: RunID, store: Store) {
        onRunStarted?(runID)
        guard let pruning, let pruner = pruning.rule.makePruner() else { return }
        monitor = TrialPruningMonitor(
            pruner: pruner,
            history: StorePruningHistory(store: store, sweepID: pruning.sweepID, metric: pruning.metric, runID: runID),
            metric: pruning.metric, direction: pruning.direction)
    }

    /// After an epoch's metrics are committed: whether the trial stops here.
    public func afterEpoch(_ epoch: Int, metrics: [String: Double]) -> Stop? {
        if stopRequested() { return .interrupted }
        // A pruner that cannot read the history lets the trial run on: pruning only saves time.
        if let monitor, (try? monitor.shouldStop(epoch: epoch, metrics: metrics)) == true { return .pruned }
        return nil
    }
}
