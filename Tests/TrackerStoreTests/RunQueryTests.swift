import Testing
@testable import TrackerStore

@Suite("Listing, comparing and ranking runs")
struct RunQueryTests {
    /// Eight finished runs over two data set versions and two groups, with
    /// val_loss curves whose minimum is placed by hand, plus a failed run.
    struct Fixture {
        let store: Store
        let runs: [Run]
        let sweep: Sweep
        let v1: Dataset
        let v2: Dataset

        init() throws {
            store = try Store.forTesting()
            v1 = try store.registerDataset(DatasetSpec(name: "moons", fingerprint: SHA256.hex(of: [1]), rows: 200, features: 2, task: .classification, classes: 2)).dataset
            v2 = try store.registerDataset(DatasetSpec(name: "moons", fingerprint: SHA256.hex(of: [2]), rows: 400, features: 2, task: .classification, classes: 2)).dataset
            sweep = try store.createSweep(SweepSpec(space: #"{"wd": [0, 0.001, 0.01, 0.1]}"#, datasetID: v1.id))
            var runs: [Run] = []
            for (index, wd) in [0, 0.001, 0.01, 0.1, 0, 0.001, 0.01, 0.1].enumerated() {
                let onV1 = index < 4
                let run = try store.createRun(RunSpec(
                    group: onV1 ? "first" : "second", tags: index.isMultiple(of: 2) ? ["even"] : [],
                    datasetID: onV1 ? v1.id : v2.id, sweepID: onV1 ? sweep.id : nil,
                    params: ["wd": .real(wd), "dropout": .real(0.1 * Double(index))]))
                // val_loss falls to its minimum at epoch 5 + index, then rises.
                let bestEpoch = 5 + index
                for step in 1...20 {
                    let distance = Double(abs(step - bestEpoch))
                    try store.logMetrics(run.id, step: step, [
                        "train_loss": 1 / Double(step), "val_loss": 0.3 + 0.01 * Double(index) + 0.02 * distance,
                        "val_acc": 0.9 - 0.01 * distance,
                    ])
                }
                try store.logMetrics(run.id, step: 20, ["test_loss": 0.35 + 0.01 * Double(index)])
                try store.finishRun(run.id, stopReason: .completed)
                runs.append(run)
            }
            let failed = try store.createRun(RunSpec(group: "first", params: ["wd": .real(1)]))
            try store.logMetrics(failed.id, step: 1, ["val_loss": 0.01])
            try store.finishRun(failed.id, status: .failed, stopReason: .diverged)
            runs.append(failed)
            self.runs = runs
        }
    }

    @Test func filtersNarrowTheListAndItIsNewestFirst() throws {
        let f = try Fixture()
        let ids = f.runs.map(\.id)
        #expect(try f.store.runs().map(\.id) == ids.reversed())
        #expect(try f.store.runIDs(RunFilter(statuses: [.failed])) == [ids[8]])
        #expect(try f.store.runIDs(RunFilter(statuses: [.finished, .failed], group: "first")) == [ids[8], ids[3], ids[2], ids[1], ids[0]])
        #expect(try f.store.runIDs(RunFilter(tag: "even")) == [ids[6], ids[4], ids[2], ids[0]])
        #expect(try f.store.runIDs(RunFilter(sweepID: f.sweep.id)) == Array(ids[0..<4].reversed()))
        #expect(try f.store.runIDs(RunFilter(datasetID: f.v2.id)) == Array(ids[4..<8].reversed()))
        #expect(try f.store.runIDs(RunFilter(datasetName: "moons")) == Array(ids[0..<8].reversed()))
        #expect(try f.store.runIDs(RunFilter(datasetID: f.v2.id, predicates: ParamPredicate.parseAll(["wd>=0.01"]))) == [ids[7], ids[6]])
        #expect(try f.store.runIDs(RunFilter(runIDs: [ids[1], ids[5], 999])) == [ids[5], ids[1]])
        #expect(try f.store.runs(RunFilter(limit: 2)).map(\.id) == [ids[8], ids[7]])
    }

    @Test func comparisonHasParamsSummariesAndValuesAtTheBestEpoch() throws {
        let f = try Fixture()
        let comparison = try f.store.comparison(RunFilter(statuses: [.finished]))
        #expect(comparison.rows.count == 8)
        #expect(comparison.paramKeys == ["dropout", "wd"])
        #expect(comparison.metricNames == ["train_loss", "val_loss", "val_acc", "test_loss"])
        for (index, run) in f.runs.prefix(8).enumerated() {
            let row = try #require(comparison.rows.first { $0.runID == run.id })
            #expect(row.name == run.name)
            #expect(comparison.param("wd", of: row) == .real([0, 0.001, 0.01, 0.1][index % 4]))
            #expect(row.bestStep == 5 + index)
            let bestLoss = try #require(comparison.objectiveValue(of: row))
            #expect(abs(bestLoss - (0.3 + 0.01 * Double(index))) < 1e-12)
            #expect(comparison.valueAtBest("train_loss", of: row) == 1 / Double(5 + index))
            #expect(comparison.valueAtBest("val_acc", of: row) == 0.9)
            #expect(comparison.valueAtBest("test_loss", of: row) == nil, "test_loss was logged at epoch 20 only")
            #expect(comparison.summary("test_loss", of: row)?.lastValue == 0.35 + 0.01 * Double(index))
            #expect(comparison.epochs(of: row) == 20)
        }
        #expect(comparison.best?.runID == f.runs[0].id)
    }

    @Test func aRecordedBestStepWinsOverTheObjectivesMinimum() throws {
        let f = try Fixture()
        try f.store.setBestStep(f.runs[2].id, step: 3)
        let row = try #require(try f.store.comparison(RunFilter(runIDs: [f.runs[2].id])).rows.first)
        #expect(row.runID == f.runs[2].id)
        #expect(row.bestStep == 3)
        // Values at a best step other than val_loss's minimum come from history.
        let comparison = try f.store.comparison(RunFilter(runIDs: [f.runs[2].id]))
        #expect(comparison.valueAtBest("train_loss", of: row) == 1.0 / 3)
        #expect(comparison.valueAtBest("val_loss", of: row) == 0.3 + 0.01 * 2 + 0.02 * 4)
    }

    @Test func bestRunByObjectiveAndDirection() throws {
        let f = try Fixture()
        let best = try #require(try f.store.bestRun(RunFilter(statuses: [.finished], datasetID: f.v2.id)))
        #expect(best.run.id == f.runs[4].id)
        #expect(best.step == 9)
        #expect(abs(best.value - 0.34) < 1e-12)
        // Every run reaches val_acc 0.9: the tie goes to the oldest.
        #expect(try f.store.bestRun(RunFilter(statuses: [.finished]), objective: "val_acc", direction: .max)?.run.id == f.runs[0].id)
        // The diverged run's low loss wins only when failed runs are included.
        #expect(try f.store.bestRun()?.run.id == f.runs[8].id)
        #expect(try f.store.bestRun(objective: "no_such_metric") == nil)
    }
}
