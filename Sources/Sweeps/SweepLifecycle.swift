import TrackerStore

/// A sweep's status at its end: `killed` when stopped by Ctrl-C with units
/// left, `failed` when units could not be run at all (the executor threw, a
/// worker could not open the database) or none ran, else `finished`. Runs
/// that failed on their own (a diverged setting) do not fail the sweep: a
/// bad setting is a result.
public enum SweepLifecycle {
    public static func finalStatus(of report: WorkerPoolReport) -> SweepStatus {
        if report.wasStopped && !report.notStarted.isEmpty { return .killed }
        if !report.failures.isEmpty || !report.notStarted.isEmpty { return .failed }
        return .finished
    }

    /// Records the end of a pool run on the sweep and returns the status set.
    @discardableResult
    public static func close(_ sweepID: SweepID, after report: WorkerPoolReport, in store: Store) throws -> SweepStatus {
        let status = finalStatus(of: report)
        try store.setSweepStatus(sweepID, status)
        return status
    }
}
