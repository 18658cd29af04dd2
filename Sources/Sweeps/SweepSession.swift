import TrackerStore

/// A sweep from start (or resume) to its scoreboard: records the sweep,
/// runs the units left through the worker pool, sets the final status, and
/// scores the settings. What `tracker sweep` and `tracker retune` call once
/// they have a definition and an executor.
public enum SweepSession {
    public struct Result {
        /// The sweep as it ended (status and end time set).
        public var sweep: Sweep
        public var report: WorkerPoolReport
        /// Units skipped because a run of them had finished or been pruned before.
        public var skipped: Int
        /// Units left to a live run in another process.
        public var inProgress: Int
        public var scoreboard: SweepScoreboard
    }

    /// Records a new sweep (`spec` from `SweepDefinition.sweepSpec`) and runs all of it.
    public static func start<Executor: TrialExecutor>(
        _ spec: SweepSpec, store: Store, pool: WorkerPool, makeExecutor: (Sweep) throws -> Executor,
        shouldStop: @escaping @Sendable () -> Bool
    ) throws -> Result {
        let sweep = try store.createSweep(spec)
        return try run(sweep, store: store, pool: pool, makeExecutor: makeExecutor, shouldStop: shouldStop)
    }

    /// `--resume S`: runs what the sweep's plan still lacks, with the same
    /// sweep row, so no finished trial is repeated.
    public static func resume<Executor: TrialExecutor>(
        _ sweepID: SweepID, store: Store, pool: WorkerPool, makeExecutor: (Sweep) throws -> Executor,
        shouldStop: @escaping @Sendable () -> Bool
    ) throws -> Result {
        let sweep = try store.sweep(id: sweepID)
        try store.setSweepStatus(sweepID, .running)
        return try run(sweep, store: store, pool: pool, makeExecutor: makeExecutor, shouldStop: shouldStop)
    }

    private static func run<Executor: TrialExecutor>(
        _ sweep: Sweep, store: Store, pool: WorkerPool, makeExecutor: (Sweep) throws -> Executor,
        shouldStop: @escaping @Sendable () -> Bool
    ) throws -> Result {
        let left = try ResumePlan(sweep: sweep, store: store)
        let pruning = TrialPruning(sweep: sweep, definition: try SweepDefinition(sweep: sweep))
        let report = pool.run(left.toRun, executor: try makeExecutor(sweep), pruning: pruning, shouldStop: shouldStop)
        try SweepLifecycle.close(sweep.id, after: report, in: store)
        let ended = try store.sweep(id: sweep.id)
        return Result(
            sweep: ended, report: report, skipped: left.done.count, inProgress: left.inProgress.count,
            scoreboard: try SweepScoreboard(sweep: ended, store: store))
    }
}
