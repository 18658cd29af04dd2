import Foundation
import Testing
import TrackerStore
@testable import Sweeps

@Suite("Retune check: data changes and train/val gap drift")
struct SweepRetuneCheckTests {
    /// A finished sweep on digits v1 whose best runs have val_loss 0.1 and a gap of 0.05 (see SyntheticTrialExecutor).
    private func sweptFixture() throws -> (SweepFixture, Sweep) {
        let fixture = try SweepFixture()
        let dataset = try fixture.store.registerDataset(DatasetSpec(
            name: "digits", fingerprint: SHA256.hex(of: Array("v1".utf8)), rows: 359, features: 64, task: .classification)).dataset
        let definition = try fixture.definition([SweepOptionInput("wd", "1e-3,1e-1")])
        let sweep = try fixture.store.createSweep(definition.sweepSpec(datasetID: dataset.id))
        let report = WorkerPool(workers: 1, databasePath: fixture.path)
            .run(TrialPlan(definition).units, executor: SyntheticTrialExecutor(sweepID: sweep.id, epochs: 10), shouldStop: { false })
        try SweepLifecycle.close(sweep.id, after: report, in: fixture.store)
        return (fixture, try fixture.store.sweep(id: sweep.id))
    }

    private func checkRun(_ store: Store, trainLoss: Double, valLoss: Double) throws -> RunID {
        let run = try store.createRun(RunSpec(group: "retune-check")).id
        try store.logMetrics(run, step: 1, ["train_loss": trainLoss, "val_loss": valLoss])
        try store.finishRun(run)
        return run
    }

    @Test func aGrownGapAdvisesRetuningEvenOnUnchangedData() throws {
        let (fixture, sweep) = try sweptFixture()
        defer { fixture.close() }
        let check = try RetuneCheck(sweep: sweep, store: fixture.store, checkRun: checkRun(fixture.store, trainLoss: 0.05, valLoss: 0.2))
        #expect(!check.dataChange.hasChanged)
        #expect(abs(check.previousGap! - 0.05) < 1e-12 && abs(check.currentGap! - 0.15) < 1e-12)
        #expect(abs(check.relativeGapGrowth! - 1.0) < 1e-9)
        #expect(check.gapDrifted && check.isAdvised)
        #expect(check.reasons[1].contains("beyond the 10% threshold"), "\(check.reasons)")
    }

    @Test func aSteadyGapOnUnchangedDataNeedsNoRetuning() throws {
        let (fixture, sweep) = try sweptFixture()
        defer { fixture.close() }
        let check = try RetuneCheck(sweep: sweep, store: fixture.store, checkRun: checkRun(fixture.store, trainLoss: 0.1, valLoss: 0.155))
        #expect(abs(check.relativeGapGrowth! - 0.05) < 1e-9)
        #expect(!check.gapDrifted && !check.isAdvised)
        #expect(check.reasons.last == "Re-tuning is not needed yet.")
    }

    @Test func newDataAloneAdvisesRetuning() throws {
        let (fixture, sweep) = try sweptFixture()
        defer { fixture.close() }
        try fixture.store.registerDataset(DatasetSpec(
            name: "digits", fingerprint: SHA256.hex(of: Array("v2".utf8)), rows: 1797, features: 64, task: .classification))
        let check = try RetuneCheck(sweep: sweep, store: fixture.store, checkRun: nil)
        #expect(check.dataChange.hasChanged && check.currentGap == nil && check.isAdvised)
        #expect(check.reasons.first == "Data changed: digits v1 (359 rows) -> v2 (1797 rows).")
    }
}
