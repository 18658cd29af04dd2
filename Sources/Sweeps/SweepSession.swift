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
        let sweep = try record(spec, store: store)
        return try run(sweep, store: store, pool: pool, makeExecutor: makeExecutor, shouldStop: shouldStop)
    }

    /// Records a new sweep and queues its planned units, for this process
    /// or for workers that join it (`SweepJoin`).
    public static func record(_ spec: SweepSpec, store: Store) throws -> Sweep {
        let sweep = try store.createSweep(spec)
        try store.enqueueSweepTrials(sweep.id, TrialPlan(try SweepDefinition(sweep: sweep)).slots)
        return sweep
    }

    /// `--resume S`: runs what the sweep's plan still lacks, with the same
    /// sweep row, so no finished trial is repeated.
    public static func resume<Executor: TrialExecutor>(
        _ sweepID: SweepID, store: Store, pool: WorkerPool, makeExecutor: (Sweep) throws -> Executor,
        shouldStop: @escaping @Sendable () -> Bool
    ) throws -> Result {
        // Refused while another live process runs the sweep: both would train the same trials.
        try store.claimSweep(sweepID)
        try SweepJoin.refuseWhileJoined(sweepID, store: store)
        let sweep = try store.sweep(id: sweepID)
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
        // The queue says what this process ran, for joined workers and SQL users.
        try store.markSweepTrialsDoneByRuns(sweep.id)
        let ended = try store.sweep(id: sweep.id)
        return Result(
            sweep: ended, report: report, skipped: left.done.count, inProgress: left.inProgress.count,
            scoreboard: try SweepScoreboard(sweep: ended, store: store))
    }
}
