import Foundation
import Testing
import TrackerStore
@testable import TrackerCLI
import Sweeps

/// The scoreboard and lineage as the CLI lays them out, over a sweep whose
/// runs are written straight into the store: wd = 1e-3 ends at val_loss 0.1,
/// wd = 0.1 at 0.3, so trial 0 is the best.
@Suite struct SweepTablesTests {
    private func sweptStore(_ directory: TemporaryDirectory) throws -> (Store, Sweep) {
        let store = try Store(path: directory.path("tracker.db"))
        let dataset = try store.registerDataset(DatasetSpec(
            name: "digits", fingerprint: SHA256.hex(of: Array("v1".utf8)), rows: 359, features: 64, task: .classification)).dataset
        let (space, fixed) = try SearchSpace.parse([SweepOptionInput("wd", "1e-3,1e-1")])
        let definition = try SweepDefinition(space: space, configuration: SweepConfiguration(fixed: fixed))
        let sweep = try store.createSweep(definition.sweepSpec(datasetID: dataset.id))
        for unit in TrialPlan(definition).units {
            let finalLoss = unit.setting["wd"] == .number(1e-3) ? 0.1 : 0.3
            let run = try store.createRun(RunSpec(
                seed: unit.seed, sweepID: sweep.id, trial: unit.trial, fold: unit.fold,
                params: ["wd": ParamValue(parsing: unit.setting["wd"]!.description)])).id
            try store.logMetrics(run, step: 1, ["val_loss": finalLoss + 0.5])
            try store.logMetrics(run, step: 2, ["val_loss": finalLoss])
            try store.finishRun(run, status: .finished, stopReason: .completed, bestStep: 2)
        }
        try store.setSweepStatus(sweep.id, .finished)
        return (store, try store.sweep(id: sweep.id))
    }

    @Test func theScoreboardTableMarksTheBestSetting() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (store, sweep) = try sweptStore(directory)
        defer { store.close() }
        let table = try SweepScoreboard(sweep: sweep, store: store).table()
        #expect(table.columns == ["trial", "wd", "val_loss_mean", "val_loss_std", "finished", "planned", "pruned", "unsuccessful"])
        #expect(table.rows.map { $0.prefix(2) } == [[.integer(0), .real(1e-3)], [.integer(1), .real(0.1)]])
        #expect(table.rows[0][3] == .null, "one seed: no spread")
        #expect(table.marker?.row == 0)
    }

    @Test func theLineageTableHasOneRowPerStep() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (store, sweep) = try sweptStore(directory)
        defer { store.close() }
        let table = Lineage.table(try Lineage.steps(endingAt: sweep.id, in: store))
        #expect(table.columns == ["sweep", "dataset", "version", "rows", "wd", "val_loss_mean", "val_loss_std", "finished", "status"])
        #expect(table.rows.map { Array($0.prefix(5)) } == [[.text(sweep.name), .text("digits"), .integer(1), .integer(359), .real(1e-3)]])
        #expect(table.rows.first?.last == .text("finished"))
    }
}
