/// Where a sweep's planned unit of work stands in its queue (`sweep_trials.status`).
public enum SweepTrialStatus: String, Sendable, CaseIterable, Codable {
    /// Waiting for a worker.
    case pending
    /// A worker holds it and renews its heartbeat while the unit's run goes on.
    case claimed
    /// Its run ended (finished, pruned or failed): the unit is never run again.
    case done
}

/// One unit of a sweep's plan as it is queued: its position in the plan and
/// what its run records (`runs.trial`, `runs.seed`, `runs.fold`).
public struct SweepTrialSlot: Sendable, Hashable {
    /// The position in the plan, from 0.
    public var unit: Int
    public var trial: Int
    public var seed: Int64
    public var fold: Int?

    public init(unit: Int, trial: Int, seed: Int64, fold: Int?) {
        self.unit = unit
        self.trial = trial
        self.seed = seed
        self.fold = fold
    }
}

/// A unit a worker holds. `attempt` is the unit's `attempts` when it was
/// claimed: once the claim is reclaimed and claimed again the number moves
/// on, so this worker can no longer renew or finish it.
public struct SweepTrialClaim: Sendable, Hashable {
    public var sweepID: SweepID
    public var slot: SweepTrialSlot
    public var attempt: Int

    public init(sweepID: SweepID, slot: SweepTrialSlot, attempt: Int) {
        self.sweepID = sweepID
        self.slot = slot
        self.attempt = attempt
    }
}

/// One row of `sweep_trials`.
public struct SweepTrial: Sendable, Equatable {
    public var sweepID: SweepID
    public var slot: SweepTrialSlot
    public var status: SweepTrialStatus
    /// The current attempt's run while claimed; the run that ended the unit when done.
    public var runID: RunID?
    /// How many times the unit has been claimed.
    public var attempts: Int
    public var claimedHost: String?
    public var claimedPID: Int64?
    /// The claim's last heartbeat, by the database's clock.
    public var heartbeatAt: String?

    static let columns = "sweep_id, unit, trial, seed, fold, status, run_id, attempts, claimed_host, claimed_pid, heartbeat_at"

    init(row: StoreRow) throws {
        sweepID = try row.column(0)
        slot = SweepTrialSlot(unit: try row.column(1), trial: try row.column(2), seed: try row.column(3), fold: try row.column(4))
        status = SweepTrialStatus(rawValue: try row.column(5)) ?? .pending
        runID = try row.column(6)
        attempts = try row.column(7)
        claimedHost = try row.column(8)
        claimedPID = try row.column(9)
        heartbeatAt = try row.column(10)
    }
}

/// How many of a sweep's units are in each state.
public struct SweepTrialCounts: Sendable, Equatable {
    public var pending = 0
    public var claimed = 0
    public var done = 0

    public init(pending: Int = 0, claimed: Int = 0, done: Int = 0) {
        self.pending = pending
        self.claimed = claimed
        self.done = done
    }

    public var total: Int { pending + claimed + done }
}
