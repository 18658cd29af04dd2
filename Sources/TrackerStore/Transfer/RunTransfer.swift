/// Copies runs from one store into another (`tracker push`): a laptop's or
/// an offline node's file into the shared PostgreSQL store, or any store
/// into any other.
///
/// Idempotent: runs are known by `runs.uuid` in every store, so pushing
/// again copies only what the target lacks. Each run goes in one
/// transaction of the target, with its params, tags, metrics, summaries
/// (as stored), checkpoints, `run_sources` row, and the data set and sweep
/// it belongs to (matched by identity and uuid, made when missing); a push
/// that stops half-way leaves whole runs, and running it again completes it.
///
/// What is not copied, and why:
/// - A run still `running` in the source (alive: crash detection did not
///   find it dead) is left out and named in the summary: its copy would
///   stop where it was, and a push after it ends copies it whole.
/// - A run the target already has is skipped, unless the target's copy is
///   an older state of it: `crashed`, `killed` or `running` there, and
///   ended since in the source with another status or end time (a crashed
///   run resumed and finished). That copy is then replaced, in place (its
///   id and name here stay); tags or notes added to it here are replaced too.
///   A target copy that is finished, failed or pruned is final: never replaced.
/// - A run whose external id (an import's key, `runs.external_id`) the
///   target already gives to another run (it imported the same MLflow run
///   itself) is not pushed, with a warning.
public struct RunTransfer {
    public let source: Store
    public let target: Store

    public init(from source: Store, to target: Store) {
        self.source = source
        self.target = target
    }

    /// Pushes the source's runs that `filter` picks, oldest first. After
    /// each run `progress` is called; it may throw to stop the push there
    /// (the runs copied so far stay, whole).
    @discardableResult
    public func push(
        _ filter: RunFilter = .all, progress: (RunTransferProgress) throws -> Void = { _ in }
    ) throws -> RunTransferSummary {
        // One query for the list; a run's rows are read only when it is copied.
        let runs = try source.runs(filter).reversed()
        var summary = RunTransferSummary()
        for (index, run) in runs.enumerated() {
            try pushRun(run, into: &summary)
            try progress(RunTransferProgress(done: index + 1, total: runs.count, points: summary.points))
        }
        return summary
    }

    private func pushRun(_ run: Run, into summary: inout RunTransferSummary) throws {
        guard run.status != .running else {
            summary.stillRunning.append(run.name)
            return
        }
        guard let uuid = run.uuid else {
            summary.warnings.append(
                "run \(run.name) has no uuid in the source (a row written by hand?) and was not pushed; "
                    + "set its runs.uuid to a new lower-case UUID and push again")
            return
        }
        // A first look outside the write turn skips a run without reading it;
        // `storeRunCopy` decides again under the turn.
        if let existing = try target.copyState(ofRun: uuid), !existing.isOlder(than: run) {
            summary.skipped += 1
            return
        }
        let copy = try source.runCopy(of: run.id)
        guard copy.run.status != .running else {
            // Resumed in the source since the list was read.
            summary.stillRunning.append(run.name)
            return
        }
        if let origin = copy.origin, let externalID = copy.externalID,
           let other = try target.run(source: origin, externalID: externalID), other.uuid != uuid {
            summary.warnings.append(
                "run \(run.name) is \(origin.rawValue) run \(externalID), which the target already has as run \(other.name) "
                    + "(imported there itself); not pushed")
            return
        }
        switch try target.storeRunCopy(copy) {
        case .inserted: summary.pushed += 1
        case .replaced: summary.updated += 1
        case .alreadyThere:
            summary.skipped += 1
            return
        }
        summary.points += copy.points.count
        summary.checkpoints += copy.checkpoints.count
    }
}

/// A run as the target holds it, to decide whether a push copies it again.
struct CopyState {
    var id: RunID
    var status: RunStatus
    var endedAt: String?

    /// The target's copy is an older state of `run` (see `RunTransfer`).
    func isOlder(than run: Run) -> Bool {
        let unfinished: Set<RunStatus> = [.running, .crashed, .killed]
        return unfinished.contains(status) && (status != run.status || endedAt != run.endedAt)
    }
}

extension Store {
    /// The run known everywhere as `uuid`, as stored here; nil when absent.
    func copyState(ofRun uuid: String) throws -> CopyState? {
        try database.cachedStatement("SELECT id, status, ended_at FROM runs WHERE uuid = ?").bound(uuid).firstRow { row in
            CopyState(id: try row.column(0), status: try RunStatus(parsing: row.column(1)), endedAt: try row.column(2))
        }
    }
}
