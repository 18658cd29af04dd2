import Foundation

/// A sweep's planned units as a queue that many processes, on many
/// machines, take from (`tracker sweep --join`).
///
/// A worker claims the next pending unit, renews the claim's heartbeat while
/// the unit's run goes on, and finishes the claim with the run. On
/// PostgreSQL the claim reads with `FOR UPDATE SKIP LOCKED` in a transaction
/// that takes no write turn: claimers pass over each other's rows instead of
/// queueing behind one lock. On SQLite the one write lock does the same job.
///
/// Reclaiming: a claim whose heartbeat is older than the caller's timeout,
/// by the database's clock (so the machines' clocks need not agree), belongs
/// to a dead worker. `reclaimStaleSweepTrials` puts the unit back to
/// pending and marks the dead attempt's run crashed, all in one
/// transaction; the unit's `attempts` then tells the next claim apart, so
/// a worker that was only slow can neither renew nor finish it any more.
/// A live worker heartbeats well inside the timeout (see
/// `SweepTrialQueue.heartbeatInterval(forReclaimTimeout:)`).
extension Store {
    /// Adds a sweep's plan to its queue as pending units. Units already
    /// queued are kept as they are, so enqueuing the same plan twice is harmless.
    public func enqueueSweepTrials(_ sweepID: SweepID, _ slots: [SweepTrialSlot]) throws {
        try write {
            let insert = try database.cachedStatement("""
                INSERT INTO sweep_trials (sweep_id, unit, trial, seed, fold) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (sweep_id, unit) DO NOTHING
                """)
            for slot in slots {
                try insert.bind([sweepID, slot.unit, slot.trial, slot.seed, slot.fold])
                try insert.execute()
            }
        }
    }

    /// Marks done the pending units that already have a finished or pruned
    /// run: a plan run before it was queued (a sweep from an older tracker,
    /// or one run by `tracker sweep` itself) is not run again by workers.
    /// Returns how many units it marked.
    @discardableResult
    public func markSweepTrialsDoneByRuns(_ sweepID: SweepID) throws -> Int {
        try write {
            try database.execute("""
                UPDATE sweep_trials SET status = 'done',
                    run_id = (SELECT max(r.id) FROM runs AS r
                              WHERE r.sweep_id = sweep_trials.sweep_id AND r.trial = sweep_trials.trial
                                AND r.seed = sweep_trials.seed AND coalesce(r.fold, -1) = coalesce(sweep_trials.fold, -1)
                                AND r.status IN ('finished', 'pruned'))
                WHERE sweep_id = ? AND status = 'pending' AND EXISTS (
                    SELECT 1 FROM runs AS r
                    WHERE r.sweep_id = sweep_trials.sweep_id AND r.trial = sweep_trials.trial
                      AND r.seed = sweep_trials.seed AND coalesce(r.fold, -1) = coalesce(sweep_trials.fold, -1)
                      AND r.status IN ('finished', 'pruned'))
                """, sweepID)
            return database.changes
        }
    }

    /// Claims the sweep's first pending unit in plan order for this process;
    /// nil when none is pending (some may still be claimed by others).
    public func claimNextSweepTrial(_ sweepID: SweepID) throws -> SweepTrialClaim? {
        try claimSweepTrial(sweepID, unit: nil)
    }

    /// Claims unit `unit` of the sweep when it is pending; nil when it is
    /// claimed, done or not queued. What a sweep that runs its own plan calls
    /// before each unit, so that it and joined workers never run one twice.
    public func claimSweepTrial(_ sweepID: SweepID, unit: Int?) throws -> SweepTrialClaim? {
        let locking = database.backend == .postgresql ? " FOR UPDATE SKIP LOCKED" : ""
        return try write(.rowLocking) {
            let select = """
                SELECT unit, trial, seed, fold, attempts FROM sweep_trials
                WHERE sweep_id = ? AND status = 'pending'\(unit == nil ? "" : " AND unit = ?")
                ORDER BY unit LIMIT 1\(locking)
                """
            let found = try database.cachedStatement(select)
            try found.bind(unit.map { [sweepID, $0] as [any StoreBindable] } ?? [sweepID])
            guard let (slot, attempts) = try found.firstRow({ row in
                (SweepTrialSlot(unit: try row.column(0), trial: try row.column(1), seed: try row.column(2), fold: try row.column(3)),
                 try row.column(4, as: Int.self))
            }) else { return nil }
            try database.execute("""
                UPDATE sweep_trials SET status = 'claimed', attempts = attempts + 1, run_id = NULL,
                    claimed_host = ?, claimed_pid = ?, heartbeat_at = \(databaseNow)
                WHERE sweep_id = ? AND unit = ? AND status = 'pending'
                """, process.host, process.pid, sweepID, slot.unit)
            // SQLite's write lock (or PostgreSQL's row lock) held since the read: the row is still pending.
            guard database.changes == 1 else { return nil }
            return SweepTrialClaim(sweepID: sweepID, slot: slot, attempt: attempts + 1)
        }
    }

    /// Records the run the claim's attempt made, so that a reclaimer knows
    /// which run died. False when the claim is no longer this worker's.
    @discardableResult
    public func recordSweepTrialRun(_ claim: SweepTrialClaim, runID: RunID) throws -> Bool {
        try updateClaim(claim, set: "run_id = ?, heartbeat_at = \(databaseNow)", runID)
    }

    /// Renews the claim's heartbeat. False when the claim is no longer this
    /// worker's (it was reclaimed after missing heartbeats).
    @discardableResult
    public func heartbeatSweepTrial(_ claim: SweepTrialClaim) throws -> Bool {
        try updateClaim(claim, set: "heartbeat_at = \(databaseNow)")
    }

    /// Ends the claim: the unit is done, ended by `runID`. False (and
    /// nothing changed) when the claim is no longer this worker's: then the
    /// unit belongs to another attempt and this run does not count.
    @discardableResult
    public func finishSweepTrial(_ claim: SweepTrialClaim, runID: RunID) throws -> Bool {
        try updateClaim(claim, set: "status = 'done', run_id = ?, heartbeat_at = \(databaseNow)", runID)
    }

    /// Gives the claim up: the unit is pending again for any worker (the
    /// trial was interrupted, or could not be run here).
    @discardableResult
    public func releaseSweepTrial(_ claim: SweepTrialClaim) throws -> Bool {
        try updateClaim(claim, set: "status = 'pending', claimed_host = NULL, claimed_pid = NULL, heartbeat_at = NULL")
    }

    /// Puts back to pending every claim of the sweep whose heartbeat is older
    /// than `timeout` seconds (by the database's clock), and marks the dead
    /// attempt's run crashed: the run recorded on the claim, or failing that
    /// (the worker died before recording it) the unit's running run from the
    /// claim's host and pid. Returns the units put back.
    @discardableResult
    public func reclaimStaleSweepTrials(_ sweepID: SweepID, timeout: Double) throws -> [SweepTrial] {
        let stale = "status = 'claimed' AND (heartbeat_at IS NULL OR (julianday('now') - julianday(heartbeat_at)) * 86400.0 > ?)"
        // Workers look before every claim: the usual answer, none, costs no write turn.
        let anyStale = try database.scalar(
            "SELECT count(*) FROM sweep_trials WHERE sweep_id = ? AND \(stale)", sweepID, timeout, as: Int.self) ?? 0
        guard anyStale > 0 else { return [] }
        // Taken in the write turn, as crash detection is: a run's own writer
        // checks in its turn that the run is still running.
        return try write {
            let found = try database.rows(
                "SELECT \(SweepTrial.columns) FROM sweep_trials WHERE sweep_id = ? AND \(stale) ORDER BY unit",
                sweepID, timeout, map: SweepTrial.init(row:))
            var reclaimed: [SweepTrial] = []
            for trial in found {
                // The heartbeat may have been renewed since the read: the same test again decides.
                try database.execute("""
                    UPDATE sweep_trials SET status = 'pending', claimed_host = NULL, claimed_pid = NULL, heartbeat_at = NULL
                    WHERE sweep_id = ? AND unit = ? AND attempts = ? AND \(stale)
                    """, sweepID, trial.slot.unit, trial.attempts, timeout)
                guard database.changes == 1 else { continue }
                try database.execute("""
                    UPDATE runs SET status = 'crashed', stop_reason = 'crashed',
                        ended_at = coalesce(heartbeat_at, started_at, created_at)
                    WHERE status = 'running' AND sweep_id = ? AND trial = ? AND seed = ? AND coalesce(fold, -1) = ?
                      AND (id = ? OR (host = ? AND pid = ?))
                    """, sweepID, trial.slot.trial, trial.slot.seed, trial.slot.fold ?? -1,
                    trial.runID ?? -1, trial.claimedHost ?? "", trial.claimedPID ?? -1)
                reclaimed.append(trial)
            }
            return reclaimed
        }
    }

    /// The sweep's queued units in plan order.
    public func sweepTrials(_ sweepID: SweepID) throws -> [SweepTrial] {
        try database.rows(
            "SELECT \(SweepTrial.columns) FROM sweep_trials WHERE sweep_id = ? ORDER BY unit", sweepID, map: SweepTrial.init(row:))
    }

    public func sweepTrialCounts(_ sweepID: SweepID) throws -> SweepTrialCounts {
        var counts = SweepTrialCounts()
        try database.cachedStatement("SELECT status, count(*) FROM sweep_trials WHERE sweep_id = ? GROUP BY status")
            .bound(sweepID).forEachRow { row in
                let count = try row.column(1, as: Int.self)
                switch SweepTrialStatus(rawValue: try row.column(0, as: String.self)) {
                case .pending?: counts.pending = count
                case .claimed?: counts.claimed = count
                case .done?: counts.done = count
                case nil: break
                }
            }
        return counts
    }

    private func updateClaim(_ claim: SweepTrialClaim, set assignments: String, _ values: any StoreBindable...) throws -> Bool {
        try write(.rowLocking) {
            let update = try database.cachedStatement(
                "UPDATE sweep_trials SET \(assignments) WHERE sweep_id = ? AND unit = ? AND status = 'claimed' AND attempts = ?")
            try update.bind(values + [claim.sweepID, claim.slot.unit, claim.attempt] as [any StoreBindable])
            try update.execute()
            return database.changes == 1
        }
    }

    /// The database's own time in the store's text format: one clock for
    /// every worker's heartbeats and for the reclaimer that judges them.
    private var databaseNow: String {
        switch database.backend {
        case .sqlite: "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
        case .postgresql: "to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"
        }
    }
}

/// The queue's timing rules, in one place.
public enum SweepTrialQueue {
    /// How long a claim may go without a heartbeat before another worker
    /// takes its unit back (seconds): long enough that a busy machine's
    /// heartbeat thread is never that late, short enough that a lost
    /// machine's unit is soon run elsewhere.
    public static let defaultReclaimTimeout: Double = 60

    /// How often a worker renews its claims: a quarter of the timeout, so a
    /// claim survives three heartbeats lost or late in a row.
    public static func heartbeatInterval(forReclaimTimeout timeout: Double) -> Double {
        max(timeout / 4, 0.05)
    }
}
