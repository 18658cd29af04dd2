import Foundation
import Synchronization
import Testing
import TrackerStore
@testable import Sweeps

/// The control a trial executor consults after each epoch: the stop check
/// passed in, then the sweep's pruning rule over the other trials' epochs.
@Suite struct TrialControlTests {
    /// A sweep with three finished trials whose val_loss is 0.1, 0.2 and 0.3
    /// at every epoch, and one more run (the trial under control).
    private func prunedSweep(_ fixture: SweepFixture) throws -> (TrialPruning, RunID) {
        let definition = try fixture.definition([SweepOptionInput("wd", "1e-4,1e-3,1e-2,1e-1")], prune: .median(warmup: 2, minTrials: 3))
        let sweep = try fixture.store.createSweep(definition.sweepSpec(datasetID: nil))
        for (trial, loss) in [0.1, 0.2, 0.3].enumerated() {
            let run = try fixture.store.createRun(RunSpec(seed: 0, sweepID: sweep.id, trial: trial)).id
            for epoch in 1...5 { try fixture.store.logMetrics(run, step: epoch, ["val_loss": loss]) }
            try fixture.store.finishRun(run, status: .finished, stopReason: .completed, bestStep: 5)
        }
        let judged = try fixture.store.createRun(RunSpec(seed: 0, sweepID: sweep.id, trial: 3)).id
        let pruning = try #require(TrialPruning(sweep: try fixture.store.sweep(id: sweep.id), definition: definition))
        return (pruning, judged)
    }

    @Test func aTrialWorseThanTheMedianIsPrunedAfterTheWarmup() throws {
        let fixture = try SweepFixture()
        defer { fixture.close() }
        let (pruning, run) = try prunedSweep(fixture)
        let control = TrialControl(stopRequested: { false }, pruning: pruning)
        control.runStarted(run, store: fixture.store)
        #expect(control.needsEveryEpochCommitted)
        #expect(control.afterEpoch(2, metrics: ["val_loss": 0.9]) == nil, "still in the warmup")
        #expect(control.afterEpoch(3, metrics: ["val_loss": 0.15]) == nil, "better than the median 0.2")
        #expect(control.afterEpoch(4, metrics: ["train_loss": 0.9]) == nil, "no monitored metric, no verdict")
        #expect(control.afterEpoch(5, metrics: ["val_loss": 0.25]) == .pruned)
    }

    @Test func aRequestedStopComesBeforePruning() throws {
        let fixture = try SweepFixture()
        defer { fixture.close() }
        let (pruning, run) = try prunedSweep(fixture)
        let stop = Atomic<Bool>(false)
        let control = TrialControl(stopRequested: { stop.load(ordering: .relaxed) }, pruning: pruning)
        control.runStarted(run, store: fixture.store)
        #expect(control.afterEpoch(3, metrics: ["val_loss": 0.15]) == nil)
        stop.store(true, ordering: .relaxed)
        #expect(control.afterEpoch(4, metrics: ["val_loss": 0.25]) == .interrupted)
    }

    @Test func withoutPruningOnlyTheStopCheckCounts() {
        let control = TrialControl(stopRequested: { false })
        #expect(!control.needsEveryEpochCommitted)
        #expect(control.afterEpoch(10, metrics: ["val_loss": 1e9]) == nil)
    }
}
