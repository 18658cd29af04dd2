import TrackerStore

/// Runs one unit of a sweep as a tracked run: the seam `tracker train`'s
/// flow implements. Called on a worker thread with that worker's own store
/// (its own connection to the database file); it creates the run with
/// `sweepID`, `trial`, `seed` and `fold` set, logs its epochs, and finishes
/// it. Throwing means the unit could not be run at all (the database, the
/// data); a run that diverged is an outcome with status `failed`.
///
/// The unit carries the setting (param key to value), seed and placement;
/// `control` takes the run's epochs and says when to stop (Ctrl-C or the
/// pruner), so an executor need not know how the sweep prunes.
public protocol TrialExecutor: Sendable {
    func execute(_ unit: TrialUnit, store: Store, control: TrialControl) throws -> TrialOutcome
}

/// How a unit's run ended.
public struct TrialOutcome: Sendable, Equatable {
    public var runID: RunID
    public var status: RunStatus
    /// The objective's best value over the run's epochs; nil when never logged.
    public var objective: Double?

    public init(runID: RunID, status: RunStatus, objective: Double?) {
        self.runID = runID
        self.status = status
        self.objective = objective
    }
}
