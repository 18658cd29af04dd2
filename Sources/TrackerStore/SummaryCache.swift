/// The `run_summary` rows of the runs this store logs to, kept in memory so
/// that an epoch writes known values instead of merging them in SQL and
/// reading the best epoch back.
///
/// The assumption that makes it safe: a run's metrics are written by one
/// store at a time, the one in the process that trains it (parallel sweep
/// workers each log their own runs), and only through `logMetrics`.
///
/// How it stays exact even so:
/// - it is checked inside each logging transaction, under the write lock:
///   when SQLite's `data_version` says another connection has committed
///   since this one last looked, every run's rows are read afresh (another
///   process may have written or deleted anything);
/// - a call's new rows replace the cached ones only after it commits, and a
///   call that fails drops its run's rows, so a rolled-back call never leaves
///   its values behind;
/// - `deleteRuns` drops the rows of the runs it deletes (ids are not reused,
///   but nothing stale is kept either);
/// - a write that finds the table other than expected (an INSERT of a row
///   that exists, an UPDATE of one that does not) rolls the call back, and
///   it runs again with the rows read afresh.
struct SummaryCache {
    private var runs: [RunID: RunSummaries] = [:]
    /// `PRAGMA data_version` when the rows were last known good.
    private var dataVersion: Int64?

    /// How many runs' rows are kept: a process that logs thousands of runs
    /// (an import, a benchmark) keeps only the latest few.
    static let capacity = 16

    subscript(run: RunID) -> RunSummaries? { runs[run] }

    /// Forgets everything if another connection has committed since the
    /// last call. PostgreSQL has no such counter (nil): every call then
    /// reads its run's rows afresh, one query more per logging transaction.
    mutating func validate(dataVersion current: Int64?) {
        if current == nil || current != dataVersion { runs.removeAll() }
        dataVersion = current
    }

    mutating func store(_ summaries: RunSummaries, of run: RunID) {
        if runs[run] == nil, runs.count >= Self.capacity { runs.removeAll() }
        runs[run] = summaries
    }

    mutating func forget(_ run: RunID) {
        runs[run] = nil
    }

    mutating func forget(_ ids: [RunID]) {
        for id in ids { runs[id] = nil }
    }
}
