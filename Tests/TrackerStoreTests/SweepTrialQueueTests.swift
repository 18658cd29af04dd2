import Foundation
import Synchronization
import Testing
@testable import TrackerStore

/// A sweep's units as a queue: claimed once at a time, reclaimed from dead
/// workers, done exactly once.
@Suite struct SweepTrialQueueTests {
    /// Two trials x two seeds x two folds, in the plan's order.
    static let slots: [SweepTrialSlot] = (0..<2).flatMap { trial in
        [Int64(7), 8].flatMap { seed in (0..<2).map { fold in (trial, seed, fold) } }
    }.enumerated().map { unit, placement in
        SweepTrialSlot(unit: unit, trial: placement.0, seed: placement.1, fold: placement.2)
    }

    func queuedSweep(_ store: Store) throws -> Sweep {
        let sweep = try store.createSweep(SweepSpec(name: "queued", space: "{}"))
        try store.enqueueSweepTrials(sweep.id, Self.slots)
        return sweep
    }

    /// Makes the claim's heartbeat look `seconds` old by the database's clock.
    func age(_ claim: SweepTrialClaim, bySeconds seconds: Int, in store: Store) throws {
        let past = Timestamp.string(from: Date(timeIntervalSinceNow: -Double(seconds)))
        try store.database.execute(
            "UPDATE sweep_trials SET heartbeat_at = ? WHERE sweep_id = ? AND unit = ?", past, claim.sweepID, claim.slot.unit)
    }

    @Test(arguments: TestBackend.all) func unitsAreClaimedInPlanOrderUntilNoneIsPending(backend: TestBackend) throws {
        let store = try backend.store()
        let sweep = try queuedSweep(store)
        // Enqueuing the plan again adds nothing.
        try store.enqueueSweepTrials(sweep.id, Self.slots)
        #expect(try store.sweepTrialCounts(sweep.id) == SweepTrialCounts(pending: Self.slots.count))

        var claimed: [SweepTrialClaim] = []
        while let claim = try store.claimNextSweepTrial(sweep.id) { claimed.append(claim) }
        #expect(claimed.map(\.slot) == Self.slots)
        #expect(claimed.allSatisfy { $0.attempt == 1 })
        let rows = try store.sweepTrials(sweep.id)
        #expect(rows.allSatisfy { $0.status == .claimed && $0.claimedHost == store.host && $0.claimedPID == store.process.pid })
        #expect(rows.allSatisfy { $0.heartbeatAt != nil })
        #expect(try store.claimSweepTrial(sweep.id, unit: 0) == nil, "a claimed unit is not claimed again")
    }

    @Test(arguments: TestBackend.all) func aFinishedUnitIsDoneWithItsRunAndNeverClaimedAgain(backend: TestBackend) throws {
        let store = try backend.store()
        let sweep = try queuedSweep(store)
        let claim = try #require(try store.claimSweepTrial(sweep.id, unit: 3))
        #expect(claim.slot == Self.slots[3])
        let run = try store.createRun(RunSpec(seed: claim.slot.seed, sweepID: sweep.id, trial: claim.slot.trial, fold: claim.slot.fold))
        #expect(try store.recordSweepTrialRun(claim, runID: run.id))
        #expect(try store.heartbeatSweepTrial(claim))
        try store.finishRun(run.id, status: .finished, stopReason: .completed)
        #expect(try store.finishSweepTrial(claim, runID: run.id))

        let row = try #require(try store.sweepTrials(sweep.id).first { $0.slot.unit == 3 })
        #expect(row.status == .done && row.runID == run.id && row.attempts == 1)
        #expect(try store.claimSweepTrial(sweep.id, unit: 3) == nil)
        #expect(!(try store.finishSweepTrial(claim, runID: run.id)), "a done unit is finished once")
        #expect(try store.sweepTrialCounts(sweep.id) == SweepTrialCounts(pending: Self.slots.count - 1, done: 1))
    }

    @Test(arguments: TestBackend.all) func aReleasedUnitIsPendingForTheNextWorker(backend: TestBackend) throws {
        let store = try backend.store()
        let sweep = try queuedSweep(store)
        let first = try #require(try store.claimNextSweepTrial(sweep.id))
        #expect(try store.releaseSweepTrial(first))
        let again = try #require(try store.claimNextSweepTrial(sweep.id))
        #expect(again.slot == first.slot && again.attempt == 2)
        #expect(!(try store.heartbeatSweepTrial(first)), "the released claim is no longer this worker's")
    }

    @Test(arguments: TestBackend.all) func aStaleClaimIsReclaimedAndItsRunMarkedCrashed(backend: TestBackend) throws {
        let store = try backend.store()
        let sweep = try queuedSweep(store)
        let dead = try #require(try store.claimNextSweepTrial(sweep.id))
        let fresh = try #require(try store.claimNextSweepTrial(sweep.id))
        let run = try store.createRun(RunSpec(seed: dead.slot.seed, sweepID: sweep.id, trial: dead.slot.trial, fold: dead.slot.fold))
        try store.recordSweepTrialRun(dead, runID: run.id)
        try age(dead, bySeconds: 120, in: store)

        let reclaimed = try store.reclaimStaleSweepTrials(sweep.id, timeout: 60)
        #expect(reclaimed.map(\.slot) == [dead.slot], "only the claim without a heartbeat for 60 s")
        let crashed = try store.run(id: run.id)
        #expect(crashed.status == .crashed && crashed.stopReason == .crashed)
        let row = try #require(try store.sweepTrials(sweep.id).first { $0.slot == dead.slot })
        #expect(row.status == .pending && row.attempts == 1 && row.runID == run.id && row.claimedHost == nil)
        #expect(try store.sweepTrials(sweep.id).first { $0.slot == fresh.slot }?.status == .claimed)

        // The dead attempt can neither renew nor finish; the next one can.
        #expect(!(try store.heartbeatSweepTrial(dead)))
        #expect(!(try store.finishSweepTrial(dead, runID: run.id)))
        let next = try #require(try store.claimNextSweepTrial(sweep.id))
        #expect(next.slot == dead.slot && next.attempt == 2)
        #expect(try store.sweepTrials(sweep.id).first { $0.slot == dead.slot }?.runID == nil, "no run yet for the new attempt")
    }

    @Test(arguments: TestBackend.all) func aHeartbeatKeepsTheClaim(backend: TestBackend) throws {
        let store = try backend.store()
        let sweep = try queuedSweep(store)
        let claim = try #require(try store.claimNextSweepTrial(sweep.id))
        try age(claim, bySeconds: 120, in: store)
        #expect(try store.heartbeatSweepTrial(claim))
        #expect(try store.reclaimStaleSweepTrials(sweep.id, timeout: 60).isEmpty)
        #expect(try store.sweepTrials(sweep.id).first?.status == .claimed)
    }

    @Test(arguments: TestBackend.all) func aDeadWorkersRunIsFoundByHostAndPidWhenNotRecorded(backend: TestBackend) throws {
        let store = try backend.store()
        let sweep = try queuedSweep(store)
        let claim = try #require(try store.claimNextSweepTrial(sweep.id))
        // The worker died after creating the run, before recording it on the claim.
        let orphan = try store.createRun(RunSpec(seed: claim.slot.seed, sweepID: sweep.id, trial: claim.slot.trial, fold: claim.slot.fold))
        let otherUnit = try store.createRun(RunSpec(seed: claim.slot.seed, sweepID: sweep.id, trial: claim.slot.trial, fold: 1))
        try age(claim, bySeconds: 3600, in: store)
        try store.reclaimStaleSweepTrials(sweep.id, timeout: 60)
        #expect(try store.run(id: orphan.id).status == .crashed)
        #expect(try store.run(id: otherUnit.id).status == .running, "another unit's run is left alone")
    }

    @Test(arguments: TestBackend.all) func unitsWithAFinishedOrPrunedRunAreMarkedDone(backend: TestBackend) throws {
        let store = try backend.store()
        let sweep = try queuedSweep(store)
        var runs: [RunStatus: RunID] = [:]
        for (slot, status) in zip(Self.slots, [RunStatus.finished, .pruned, .crashed, .killed]) {
            let run = try store.createRun(RunSpec(seed: slot.seed, sweepID: sweep.id, trial: slot.trial, fold: slot.fold))
            try store.finishRun(run.id, status: status, stopReason: status == .pruned ? .pruned : .completed)
            runs[status] = run.id
        }
        #expect(try store.markSweepTrialsDoneByRuns(sweep.id) == 2)
        let rows = try store.sweepTrials(sweep.id)
        #expect(rows[0].status == .done && rows[0].runID == runs[.finished])
        #expect(rows[1].status == .done && rows[1].runID == runs[.pruned])
        #expect(rows[2...].allSatisfy { $0.status == .pending })
    }

    /// Two connections (two workers) claim and finish as fast as they can:
    /// every unit is claimed by exactly one and ends done once.
    @Test(arguments: TestBackend.all) func twoConnectionsRacingClaimEachUnitOnce(backend: TestBackend) throws {
        let scratch = try ScratchDirectory()
        let location = try backend.location(in: scratch)
        let setup = try Store(path: location)
        defer { setup.close() }
        let sweep = try setup.createSweep(SweepSpec(name: "raced", space: "{}"))
        let slots = (0..<40).map { SweepTrialSlot(unit: $0, trial: $0, seed: 1, fold: nil) }
        try setup.enqueueSweepTrials(sweep.id, slots)

        let claims = Mutex<[String: [Int]]>([:])
        let failures = Mutex<[String]>([])
        let group = DispatchGroup()
        for host in ["worker-a", "worker-b"] {
            group.enter()
            Thread {
                defer { group.leave() }
                do {
                    var options = Store.Options()
                    options.host = host
                    let store = try Store(path: location, options: options)
                    defer { store.close() }
                    while let claim = try store.claimNextSweepTrial(sweep.id) {
                        claims.withLock { $0[host, default: []].append(claim.slot.unit) }
                        let run = try store.createRun(RunSpec(sweepID: sweep.id, trial: claim.slot.trial))
                        try store.recordSweepTrialRun(claim, runID: run.id)
                        try store.finishRun(run.id, status: .finished, stopReason: .completed)
                        guard try store.finishSweepTrial(claim, runID: run.id) else {
                            failures.withLock { $0.append("\(host) lost unit \(claim.slot.unit)") }
                            return
                        }
                    }
                } catch {
                    failures.withLock { $0.append("\(host): \(error)") }
                }
            }.start()
        }
        group.wait()

        #expect(failures.withLock { $0 }.isEmpty)
        let byHost = claims.withLock { $0 }
        let all = byHost.values.flatMap { $0 }
        #expect(all.sorted() == slots.map(\.unit))
        #expect(Set(all).count == all.count, "no unit claimed twice")
        let rows = try setup.sweepTrials(sweep.id)
        #expect(rows.allSatisfy { $0.status == .done && $0.attempts == 1 })
        #expect(Set(rows.map(\.claimedHost)).isSubset(of: ["worker-a", "worker-b"]))
        let finishedRuns = try setup.database.scalar(
            "SELECT count(*) FROM runs WHERE sweep_id = ? AND status = 'finished'", sweep.id, as: Int.self)
        #expect(finishedRuns == rows.count)
    }
}

/// A joined worker's pruner weighs the curves other workers commit, through its own connection.
@Suite struct PruningEvidenceAcrossWorkersTests {
    @Test(arguments: TestBackend.all) func anotherConnectionsCommittedEpochsAreEvidenceAtOnce(backend: TestBackend) throws {
        let scratch = try ScratchDirectory()
        let location = try backend.location(in: scratch)
        var options = Store.Options()
        options.host = "machine-a"
        let workerA = try Store(path: location, options: options)
        defer { workerA.close() }
        options.host = "machine-b"
        let workerB = try Store(path: location, options: options)
        defer { workerB.close() }

        let sweep = try workerA.createSweep(SweepSpec(name: "pruned", space: "{}"))
        let judged = try workerB.createRun(RunSpec(sweepID: sweep.id, trial: 1))
        #expect(try workerB.sweepMetricValues(sweep.id, metric: MetricKey.valLoss, step: 3, excluding: judged.id).isEmpty)

        let other = try workerA.createRun(RunSpec(sweepID: sweep.id, trial: 0))
        for step in 1...3 { try workerA.logMetrics(other.id, step: step, [MetricKey.valLoss: 1.0 / Double(step)]) }
        // Worker B, with its connection open all along, sees A's epochs as soon as they are committed.
        #expect(try workerB.sweepMetricValues(sweep.id, metric: MetricKey.valLoss, step: 3, excluding: judged.id) == [1.0 / 3])
        try workerA.finishRun(other.id, status: .finished, stopReason: .completed)
        #expect(try workerB.sweepMetricValues(
            sweep.id, metric: MetricKey.valLoss, step: 2, statuses: [.finished], excluding: judged.id) == [0.5])
    }
}
