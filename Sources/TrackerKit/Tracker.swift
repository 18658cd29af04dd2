import Foundation

/// The tracker database opened for recording: the entry point of any Swift
/// training loop.
///
///     let tracker = try Tracker.open()
///     try tracker.withRun(RunOptions(params: ["lr": .real(0.1)])) { run in
///         for epoch in 1...epochs { try run.log(step: epoch, ["train_loss": loss]) }
///     }
///
/// Concurrency: `Sendable`. A tracker holds one connection, used by one
/// caller at a time (a mutex inside); its runs may be logged from any thread
/// or task. Processes and threads that want to write in parallel each open
/// their own tracker on the same file (WAL lets them write in turn).
public final class Tracker: Sendable {
    /// The database file as opened (":memory:" for a private one).
    public let path: String
    let connection: StoreConnection

    /// Opens (or creates) the database at `path`, else at `TRACKER_DB`, else
    /// at `./tracker.db` (the rule `tracker --db` follows), applying pending
    /// migrations and marking as crashed the runs whose process is gone.
    public static func open(
        path: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
        options: Store.Options = Store.Options()
    ) throws -> Tracker {
        let resolved = DatabaseLocation.resolve(explicit: path, environment: environment)
        guard !resolved.isEmpty else { throw TrackerError.emptyDatabasePath }
        return Tracker(store: try Store(path: resolved, options: options), path: resolved)
    }

    /// Records through a store opened elsewhere (a sweep worker's connection,
    /// an in-memory store in tests); the tracker owns it from now on.
    public convenience init(store: sending Store, path: String) {
        self.init(connection: StoreConnection(store), path: path)
    }

    /// Records through a store the caller goes on using between calls, on the
    /// same thread: the seam for this package's CLI commands (`TrainingJob`),
    /// whose sweeps, pruners, retunes and reports read the store around a
    /// recorded run, on the one connection a sweep worker has. It stays
    /// because replacing it means routing every such read through the
    /// tracker, `TrialExecutor` included. Package-only, and checked: using
    /// the tracker or its runs from any other thread stops the process
    /// (`StoreConnection`), since the store is then shared unguarded.
    package convenience init(borrowing store: Store, path: String) {
        // The lender keeps using `store` on this thread only (it is not
        // Sendable); the connection enforces the same for the tracker.
        nonisolated(unsafe) let borrowed = store
        self.init(connection: StoreConnection(borrowing: borrowed), path: path)
    }

    private init(connection: StoreConnection, path: String) {
        self.path = path
        self.connection = connection
    }

    /// Registers the data set version (if any) and creates the run, status `running`.
    public func startRun(_ options: RunOptions = RunOptions()) throws -> RunHandle {
        let (run, dataset) = try connection.use { store in
            let dataset = try options.dataset.map { try store.registerDataset($0).dataset }
            let run = try store.createRun(RunSpec(
                name: options.name, group: options.group, tags: options.tags, notes: options.notes,
                seed: options.seed, datasetID: dataset?.id, sweepID: options.placement.sweepID,
                trial: options.placement.trial, fold: options.placement.fold, command: options.commandLine,
                params: options.params))
            if let source = options.source { try store.setOrigin(of: run.id, source: source) }
            return (run, dataset)
        }
        return RunHandle(run: run, dataset: dataset, connection: connection, flushInterval: options.flushInterval)
    }

    /// Reopens a killed or crashed run to continue it after epoch `step`
    /// (see `Store.reopenRun`): the metrics after `step` are dropped, to be
    /// logged again through the returned handle.
    public func resumeRun(_ id: RunID, fromStep step: Int, flushInterval: Double = RunHandle.defaultFlushInterval) throws -> RunHandle {
        let (run, dataset) = try connection.use { store in
            try store.reopenRun(id, fromStep: step)
            let run = try store.run(id: id)
            return (run, try run.datasetID.map { try store.dataset(id: $0) })
        }
        return RunHandle(run: run, dataset: dataset, connection: connection, flushInterval: flushInterval)
    }

    /// Runs `body` with a new run and ends it whatever happens: `finished`
    /// when `body` returns, `killed` when it throws `CancellationError`,
    /// `failed` with the error's text when it throws anything else. A run
    /// `body` already ended is left as it is.
    public func withRun<T>(_ options: RunOptions = RunOptions(), _ body: (RunHandle) throws -> T) throws -> T {
        let run = try startRun(options)
        do {
            let result = try body(run)
            try run.finishIfOpen(.finished)
            return result
        } catch {
            run.endAfterThrow(error)
            throw error
        }
    }

    /// The same for async training loops; cancelling the task (a loop that
    /// checks `Task.checkCancellation()`) ends the run `killed`.
    public func withRun<T>(
        _ options: RunOptions = RunOptions(), _ body: (RunHandle) async throws -> T
    ) async throws -> T {
        let run = try startRun(options)
        do {
            let result = try await body(run)
            try run.finishIfOpen(.finished)
            return result
        } catch {
            run.endAfterThrow(error)
            throw error
        }
    }

    /// Reads back what was recorded (for checks and tools): the run's row.
    public func run(id: RunID) throws -> Run {
        try connection.use { try $0.run(id: id) }
    }
}
