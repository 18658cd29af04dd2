import Testing
@testable import TrackerStore

@Suite("Reading a comparison: ragged params and metrics, other objectives")
struct ComparisonReaderTests {
    @Test(arguments: TestBackend.all) func rowsWithoutSomeParamsOrMetricsGetNilsInTheirColumns(backend: TestBackend) throws {
        let store = try backend.store()
        let first = try store.createRun(RunSpec(params: ["wd": .real(0.1), "lr": .real(0.01)]))
        try store.logMetrics(first.id, step: 1, ["train_loss": 0.5, "val_loss": 0.6])
        let bare = try store.createRun(RunSpec())
        let late = try store.createRun(RunSpec(params: ["wd": .real(0.2), "optimizer": .text("adamw")]))
        try store.logMetrics(late.id, step: 1, ["val_loss": 0.4, "sparsity": 0.3])
        let filteredOut = try store.createRun(RunSpec(params: ["momentum": .real(0.9)]))
        try store.logMetrics(filteredOut.id, step: 1, ["weight_norm": 3])

        let comparison = try store.comparison(RunFilter(runIDs: [first.id, bare.id, late.id]))
        #expect(comparison.rows.map(\.runID) == [late.id, bare.id, first.id])
        // Keys in the order first met; a key of a filtered-out run is not a column.
        #expect(comparison.paramKeys == ["lr", "wd", "optimizer"])
        #expect(comparison.metricNames == ["train_loss", "val_loss", "sparsity"])
        for row in comparison.rows {
            #expect(row.params.count == 3)
            #expect(row.summaries.count == 3)
            #expect(row.atBest.count == 3)
        }
        let (newest, middle, oldest) = (comparison.rows[0], comparison.rows[1], comparison.rows[2])
        #expect(newest.params == [nil, .real(0.2), .text("adamw")])
        #expect(middle.params == [nil, nil, nil])
        #expect(oldest.params == [.real(0.01), .real(0.1), nil])
        #expect(middle.summaries == [nil, nil, nil])
        #expect(oldest.summaries.map { $0?.lastValue } == [0.5, 0.6, nil])
        #expect(newest.summaries.map { $0?.lastValue } == [nil, 0.4, 0.3])
        #expect(oldest.atBest == [0.5, 0.6, nil])
        #expect(newest.bestStep == 1)
        #expect(middle.bestStep == nil)
    }

    /// Metric columns appear as the summaries are read, run by run; one
    /// that a later run brings with a smaller key id still takes its place
    /// in key-id order, with every row's values moved along.
    @Test(arguments: TestBackend.all) func metricColumnsFollowKeyIDsWhicheverRunLoggedThemFirst(backend: TestBackend) throws {
        let store = try backend.store()
        let early = try store.createRun()
        try store.logMetrics(early.id, step: 1, ["val_loss": 0.6, "custom_score": 7])
        let later = try store.createRun()
        try store.logMetrics(later.id, step: 1, ["train_loss": 0.5, "val_loss": 0.4])
        let ids = try ["train_loss", "val_loss", "custom_score"].map { name in
            try #require(try store.database.scalar("SELECT id FROM metric_keys WHERE name = ?", name) as Int64?)
        }
        #expect(ids == ids.sorted(), "the test needs train_loss < val_loss < custom_score by id")

        let comparison = try store.comparison()
        #expect(comparison.metricNames == ["train_loss", "val_loss", "custom_score"])
        let byRun = Dictionary(uniqueKeysWithValues: comparison.rows.map { ($0.runID, $0.summaries.map { $0?.lastValue }) })
        #expect(byRun[early.id] == [nil, 0.6, 7])
        #expect(byRun[later.id] == [0.5, 0.4, nil])
    }

    @Test(arguments: TestBackend.all) func anotherObjectiveReadsValuesAtItsOwnBestEpoch(backend: TestBackend) throws {
        let store = try backend.store()
        let run = try store.createRun()
        // val_loss is lowest at epoch 2, val_acc highest at epoch 4.
        for (step, (loss, accuracy)) in [(0.5, 0.6), (0.3, 0.7), (0.4, 0.8), (0.45, 0.9), (0.6, 0.5)].enumerated() {
            try store.logMetrics(run.id, step: step + 1, ["val_loss": loss, "val_acc": accuracy, "train_loss": 1 / Double(step + 1)])
        }
        let byLoss = try #require(try store.comparison().rows.first)
        #expect(byLoss.bestStep == 2)
        let byAccuracy = try store.comparison(objective: "val_acc", direction: .max)
        let row = try #require(byAccuracy.rows.first)
        #expect(row.bestStep == 4)
        #expect(byAccuracy.valueAtBest("val_loss", of: row) == 0.45)
        #expect(byAccuracy.valueAtBest("train_loss", of: row) == 0.25)
        #expect(byAccuracy.valueAtBest("val_acc", of: row) == 0.9)
        #expect(byAccuracy.best?.runID == run.id)
    }

    @Test(arguments: TestBackend.all) func anotherObjectiveWhoseBestIsValLossesReadsTheSameValues(backend: TestBackend) throws {
        let store = try backend.store()
        let runs = try (0..<3).map { _ in try store.createRun() }
        // Both objectives peak at epoch 3 for the first two runs; the third's val_acc rises to the last epoch, 6.
        for (index, run) in runs.enumerated() {
            for step in 1...6 {
                let distance = Double(abs(step - 3))
                let accuracy = index == 2 ? 0.5 + 0.05 * Double(step) : 0.9 - 0.01 * distance
                try store.logMetrics(run.id, step: step, ["val_loss": 0.3 + 0.02 * distance, "val_acc": accuracy, "train_loss": 1 / Double(step)])
            }
        }
        try store.setBestStep(runs[1].id, step: 4)  // a recorded best step wins over both
        let comparison = try store.comparison(objective: "val_acc", direction: .max)
        let rows = runs.map { run in comparison.rows.first { $0.runID == run.id }! }
        #expect(rows.map(\.bestStep) == [3, 4, 6])
        #expect(rows.map { comparison.valueAtBest("train_loss", of: $0) } == [1.0 / 3, 0.25, 1.0 / 6])
        #expect(rows.map { comparison.valueAtBest("val_acc", of: $0) } == [0.9, 0.89, 0.8])
        #expect(rows.map { comparison.valueAtBest("val_loss", of: $0) } == [0.3, 0.32, 0.36])
    }

    @Test(arguments: [
        [], [5], [3, 1, 2], Array((1...300).reversed()), [1, 1_000_000, 42], [Int64.min, 0, Int64.max], [-7, -3, 4],
    ] as [[Int64]])
    func runRowIndexFindsEachRunAndNothingElse(ids: [Int64]) {
        let index = RunRowIndex(ids)
        for (row, id) in ids.enumerated() { #expect(index[id] == row) }
        for missing: Int64 in [-1_000_000, -1, 6, 999, 1_000_001] where !ids.contains(missing) {
            #expect(index[missing] == nil)
        }
    }
}
