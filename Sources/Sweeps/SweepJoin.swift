import Foundation
import TrackerStore

/// One worker of a sweep shared through its queue (`tracker sweep --join`):
/// any number of them, in any number of processes and machines, each
/// claiming the next pending unit, running it with the sweep's executor and
/// finishing the claim, until no unit is left pending or held by a live worker.
///
/// Dead workers: before each claim (and while it waits for the last units)
/// a worker takes back the claims whose heartbeat is older than
/// `reclaimTimeout` seconds; their runs are marked crashed and their units
/// run again. Its own claims are renewed by a `ClaimHeartbeat` every quarter
/// of the timeout, so a live worker's claim is never taken. Every worker must
/// therefore use the same timeout, or a longer one than the others' heartbeats allow.
public struct SweepJoin {
    public var databasePath: String
    public var storeOptions: Store.Options
    /// Seconds without a heartbeat after which a claim is taken back.
    public var reclaimTimeout: Double

    public init(databasePath: String, storeOptions: Store.Options = .init(), reclaimTimeout: Double = SweepTrialQueue.defaultReclaimTimeout) {
        self.databasePath = databasePath
        self.storeOptions = storeOptions
        self.reclaimTimeout = reclaimTimeout
    }

    /// How a worker's part of the sweep ended.
    public struct Report: Sendable {
        /// The units this worker ran, with their outcomes, in the order it ran them.
        public var outcomes: [(unit: TrialUnit, outcome: TrialOutcome)] = []
        /// Units this worker took back from dead workers.
        public var reclaimed: [SweepTrial] = []
        /// Stopped (Ctrl-C) before the queue was empty.
        public var wasStopped = false
        /// The sweep's queue at the end.
        public var counts = SweepTrialCounts()

        /// Every unit is done: the sweep is complete.
        public var sweepIsComplete: Bool { counts.total > 0 && counts.done == counts.total }
    }

    /// Refuses to share a sweep that its own process is running (`tracker
    /// sweep` without `--workers 0`, or `--resume`): that process runs its
    /// plan without claims. Also queues the plan of a sweep recorded before
    /// queues existed, and marks done what its runs already finished.
    public static func prepare(_ sweepID: SweepID, store: Store) throws -> Sweep {
        if let owner = try store.sweepOwnerRunningTrials(sweepID) {
            let sweep = try store.sweep(id: sweepID)
            throw StoreError.invalidArgument(
                "sweep \(sweep.name) is being run by its own process (pid \(owner.pid) on \(owner.host)), which does not share "
                    + "its trials; record a sweep for workers with 'tracker sweep ... --workers 0', or wait for it to end")
        }
        let sweep = try store.sweep(id: sweepID)
        try store.enqueueSweepTrials(sweepID, TrialPlan(try SweepDefinition(sweep: sweep)).slots)
        try store.markSweepTrialsDoneByRuns(sweepID)
        let counts = try store.sweepTrialCounts(sweepID)
        // A killed or failed sweep that workers take up again is running until its last unit is done.
        if sweep.status != .running, counts.done < counts.total {
            try store.setSweepStatus(sweepID, .running)
        }
        return try store.sweep(id: sweepID)
    }

    /// `tracker sweep --resume` while workers hold claims would run their units too: refused.
    static func refuseWhileJoined(_ sweepID: SweepID, store: Store) throws {
        try store.reclaimStaleSweepTrials(sweepID, timeout: SweepTrialQueue.defaultReclaimTimeout)
        let claimed = try store.sweepTrialCounts(sweepID).claimed
        guard claimed == 0 else {
            throw StoreError.invalidArgument(
                "\(claimed) unit\(claimed == 1 ? " is" : "s are") being run by joined workers; let them finish, "
                    + "or help them with 'tracker sweep --join \(sweepID)'")
        }
    }

    /// Works on `sweep` until no unit is left pending or claimed by a live
    /// worker, or `shouldStop` says so; the last worker marks the sweep
    /// finished. `store` is this worker's connection. A unit the executor
    /// could not run at all (it threw) is given back and the worker stops
    /// with the error; an interrupted (killed) run's unit is given back too.
    /// `onReclaim` is told of each unit taken back from a dead worker.
    /// How often a worker with nothing to claim looks again (seconds).
    static let pollInterval = 0.05

    public func run(
        _ sweep: Sweep, store: Store, executor: some TrialExecutor, shouldStop: @escaping @Sendable () -> Bool,
        onReclaim: (SweepTrial) -> Void = { _ in }
    ) throws -> Report {
        let definition = try SweepDefinition(sweep: sweep)
        let units = TrialPlan(definition).units
        let pruning = TrialPruning(sweep: sweep, definition: definition)
        let interval = SweepTrialQueue.heartbeatInterval(forReclaimTimeout: reclaimTimeout)
        let heartbeat = ClaimHeartbeat(databasePath: databasePath, options: storeOptions, interval: interval)
        defer { heartbeat.stop() }

        var report = Report()
        while true {
            if shouldStop() {
                report.wasStopped = true
                break
            }
            for trial in try store.reclaimStaleSweepTrials(sweep.id, timeout: reclaimTimeout) {
                report.reclaimed.append(trial)
                onReclaim(trial)
            }
            guard let claim = try store.claimNextSweepTrial(sweep.id) else {
                report.counts = try store.sweepTrialCounts(sweep.id)
                if report.counts.pending == 0 && report.counts.claimed == 0 { break }
                // Others hold the last units: wait, to take them back if their
                // workers die. A short pause: the worker that ends the last unit
                // is usually alive, and waiting longer than it takes would only
                // add to the sweep's wall time (a look is three small queries).
                usleep(UInt32(min(interval, Self.pollInterval) * 1_000_000))
                continue
            }
            let unit = try Self.unit(of: claim, in: units, sweep: sweep)
            heartbeat.hold(claim)
            defer { heartbeat.letGo(claim) }
            let control = TrialControl(stopRequested: shouldStop, pruning: pruning, runStarted: { runID in
                // Best effort: a reclaimer finds an unrecorded run by its host and pid.
                _ = try? store.recordSweepTrialRun(claim, runID: runID)
            })
            let outcome: TrialOutcome
            do {
                outcome = try executor.execute(unit, store: store, control: control)
            } catch {
                guard (try? store.releaseSweepTrial(claim)) == true else {
                    // The claim was taken back while this worker was too slow to renew it:
                    // its run was marked crashed (hence the error) and the unit runs elsewhere.
                    continue
                }
                throw error
            }
            report.outcomes.append((unit, outcome))
            if outcome.status == .killed {
                // Interrupted, not judged: the unit waits for another worker.
                try store.releaseSweepTrial(claim)
            } else {
                // False when the claim was taken back meanwhile: its run was marked crashed and the unit runs again elsewhere.
                try store.finishSweepTrial(claim, runID: outcome.runID)
            }
        }
        report.counts = try store.sweepTrialCounts(sweep.id)
        if report.sweepIsComplete, try store.sweep(id: sweep.id).status != .finished {
            try store.setSweepStatus(sweep.id, .finished)
        }
        return report
    }

    /// The plan's unit a claim names; the plan is derived from the stored
    /// definition, so every worker's plan is the same.
    static func unit(of claim: SweepTrialClaim, in units: [TrialUnit], sweep: Sweep) throws -> TrialUnit {
        guard claim.slot.unit < units.count, units[claim.slot.unit].key == TrialUnit.Key(
            trial: claim.slot.trial, seed: claim.slot.seed, fold: claim.slot.fold) else {
            throw StoreError.invalidArgument(
                "sweep \(sweep.name)'s queued unit \(claim.slot.unit) is not in the plan its definition gives; "
                    + "the sweep was recorded by another tracker version: run it with that version")
        }
        return units[claim.slot.unit]
    }
}
