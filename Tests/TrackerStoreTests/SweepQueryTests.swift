import SQLite
import Testing
@testable import TrackerStore

@Suite("Sweep queries: runs by plan unit, values at an epoch")
struct SweepQueryTests {
    /// A sweep with four runs in known states, each with val_loss at steps 1...3
    /// equal to trial + step / 10, and one run of another sweep.
    private func populated(_ store: Store) throws -> (sweep: SweepID, runs: [RunID]) {
        let sweep = try store.createSweep(SweepSpec(space: #"{"wd": {"values": [0, 0.001]}}"#)).id
        let other = try store.createSweep(SweepSpec(space: "{}")).id
        var runs: [RunID] = []
        let statuses: [RunStatus] = [.finished, .pruned, .failed, .running]
        for (trial, status) in statuses.enumerated() {
            let run = try store.createRun(RunSpec(seed: Int64(trial % 2), sweepID: sweep, trial: trial, fold: trial == 3 ? 1 : nil)).id
            for step in 1...3 { try store.logMetrics(run, step: step, ["val_loss": Double(trial) + Double(step) / 10]) }
            if status != .running { try store.finishRun(run, status: status, stopReason: nil) }
            runs.append(run)
        }
        let stranger = try store.createRun(RunSpec(seed: 0, sweepID: other, trial: 0)).id
        try store.logMetrics(stranger, step: 2, ["val_loss": 99])
        return (sweep, runs)
    }

    @Test(arguments: TestBackend.all) func sweepRunsCarryTheirPlanCoordinates(backend: TestBackend) throws {
        let store = try backend.store()
        let (sweep, runs) = try populated(store)
        let records = try store.sweepRuns(sweep)
        #expect(records.map(\.runID) == runs)
        #expect(records.map(\.trial) == [0, 1, 2, 3])
        #expect(records.map(\.seed) == [0, 1, 0, 1])
        #expect(records.map(\.fold) == [nil, nil, nil, 1])
        #expect(records.map(\.status) == [.finished, .pruned, .failed, .running])
    }

    @Test(arguments: TestBackend.all) func valuesAtAnEpochFilterByStatusAndLeaveOutTheJudgedRun(backend: TestBackend) throws {
        let store = try backend.store()
        let (sweep, runs) = try populated(store)
        #expect(try store.sweepMetricValues(sweep, metric: "val_loss", step: 2) == [0.2, 1.2, 2.2, 3.2])
        #expect(try store.sweepMetricValues(sweep, metric: "val_loss", step: 2, statuses: [.finished]) == [0.2])
        #expect(try store.sweepMetricValues(sweep, metric: "val_loss", step: 3, statuses: [.finished, .pruned]) == [0.3, 1.3])
        #expect(try store.sweepMetricValues(sweep, metric: "val_loss", step: 1, excluding: runs[0]) == [1.1, 2.1, 3.1])
        #expect(try store.sweepMetricValues(sweep, metric: "val_loss", step: 4).isEmpty)
        #expect(try store.sweepMetricValues(sweep, metric: "val_acc", step: 1).isEmpty)
    }

    @Test func valuesAtAnEpochSeeCommittedDataOnly() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path("sweep.db")
        let reader = try Store(path: path)
        let writer = try Store(path: path)
        let sweep = try writer.createSweep(SweepSpec(space: "{}")).id
        let run = try writer.createRun(RunSpec(seed: 0, sweepID: sweep, trial: 0)).id
        try writer.logMetrics(run, step: 1, ["val_loss": 0.5])

        try writer.database.execute("BEGIN IMMEDIATE")
        try writer.database.execute(
            "INSERT INTO metrics (run_id, key_id, step, value) VALUES (?, (SELECT id FROM metric_keys WHERE name = 'val_loss'), 2, 0.4)", run)
        #expect(try reader.sweepMetricValues(sweep, metric: "val_loss", step: 1) == [0.5])
        #expect(try reader.sweepMetricValues(sweep, metric: "val_loss", step: 2).isEmpty)
        try writer.database.execute("COMMIT")
        #expect(try reader.sweepMetricValues(sweep, metric: "val_loss", step: 2) == [0.4])
    }
}
