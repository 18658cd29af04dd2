import Foundation
import Testing
import TrackerStore
@testable import TrackerCLI
import Plots

private func jsonRows(_ text: String) throws -> [[String: Any]] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
}

@Suite struct CompareCommandTests {
    @Test func sortsByValLossMarksTheBestAndShowsOnlyParamsThatDiffer() throws {
        let fixture = try FixtureDatabase()
        try fixture.addDropoutSweep()
        let result = runCLI(["compare", "--db", fixture.path, "--group", "dropout", "--format", "json"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let rows = try jsonRows(result.stdout)
        #expect(rows.count == 15)
        #expect(Array(rows[0].keys).contains("dropout"))
        #expect(!rows[0].keys.contains("lr") && !rows[0].keys.contains("hidden"))
        let valLosses = rows.compactMap { $0["val_loss"] as? Double }
        #expect(valLosses == valLosses.sorted())
        #expect(rows.map { $0["best"] as? Bool } == [true] + Array(repeating: false, count: 14))
        #expect(rows[0]["dropout"] as? Double == 0.3)
        // Underfitting is visible, not hidden: high train loss, negative gap, and the fit column.
        let heavy = rows.filter { $0["dropout"] as? Double == 0.7 }
        #expect(heavy.allSatisfy { $0["fit"] as? String == "underfit" && ($0["gap"] as? Double ?? 0) < 0 })
        #expect(heavy.allSatisfy { ($0["train_loss"] as? Double ?? 0) > 0.4 })
        let none = rows.filter { $0["dropout"] as? Double == 0 }
        #expect(none.allSatisfy { ($0["fit"] as? String)?.hasPrefix("overfit") == true })
    }

    @Test func theTableNamesTheBestRunUnderneath() throws {
        let fixture = try FixtureDatabase()
        try fixture.addDropoutSweep(seeds: [1])
        let result = runCLI(["compare", "--db", fixture.path], environment: ["COLUMNS": "200"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines[2].hasPrefix("*  d3-s1"))
        let best = try #require(try fixture.store.bestRun())
        #expect(best.run.name == "d3-s1")
        let value = NumberFormatting.compact(best.value)
        #expect(result.stdout.hasSuffix(
            "* best val_loss (min): d3-s1, \(value) at epoch \(best.step). Look closer: tracker diagnose d3-s1\n"))
    }

    @Test func byFoldsSeedsIntoMeanAndStandardDeviation() throws {
        let fixture = try FixtureDatabase()
        try fixture.addDropoutSweep()
        let result = runCLI(["compare", "--db", fixture.path, "--by", "dropout", "--format", "json"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        let rows = try jsonRows(result.stdout)
        #expect(rows.map { $0["dropout"] as? Double } == [0.3, 0.5, 0.1, 0, 0.7])
        #expect(rows.allSatisfy { $0["n"] as? Int == 3 })
        #expect(rows.first?["best"] as? Bool == true)
        // Check the mean and sample deviation against the runs themselves.
        let comparison = try fixture.store.comparison(RunFilter(predicates: [try ParamPredicate(parsing: "dropout=0.3")]))
        let values = comparison.rows.compactMap { comparison.valueAtBest("val_loss", of: $0) }
        let mean = values.reduce(0, +) / 3
        let sd = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 2).squareRoot()
        #expect(abs((rows[0]["val_loss"] as? Double ?? 0) - mean) < 1e-12)
        #expect(abs((rows[0]["val_loss_sd"] as? Double ?? 0) - sd) < 1e-12)
        #expect(rows.last?["fit"] as? String == "underfit")
    }

    @Test func byWarnsWhenOtherSettingsHideInsideARow() throws {
        let fixture = try FixtureDatabase()
        try fixture.addDropoutSweep(seeds: [1], epochs: 10)
        try fixture.addRun("odd-lr", params: ["dropout": .real(0.3), "lr": .real(0.1)], curves: .decaying(epochs: 10, trainFloor: 0.1, valFloor: 0.2))
        let result = runCLI(["compare", "--db", fixture.path, "--by", "dropout", "--format", "csv"])
        #expect(result.exitCode == 0)
        #expect(result.stderr.contains("Note: "))
        #expect(result.stderr.contains("lr"))
    }

    @Test func accuracyObjectivesDefaultToMaximizing() throws {
        let fixture = try FixtureDatabase()
        for (name, accuracy) in [("low", 0.8), ("high", 0.9), ("mid", 0.85)] {
            let run = try fixture.addRun(name, curves: .decaying(epochs: 3, trainFloor: 0.1, valFloor: 0.2))
            try fixture.store.logMetrics(run.id, step: 3, ["val_acc": accuracy])
        }
        let result = runCLI(["compare", "--db", fixture.path, "--metric", "val_acc", "--format", "csv"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let names = result.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[1] }
        #expect(names == ["high", "mid", "low"])
        let minimized = runCLI(["compare", "--db", fixture.path, "--metric", "val_acc", "--goal", "min", "--format", "csv"])
        #expect(minimized.stdout.split(separator: "\n")[1].contains(",low,"))
    }

    @Test func namedRunsAreComparedAlone() throws {
        let fixture = try FixtureDatabase()
        try fixture.addDropoutSweep(seeds: [1], epochs: 5)
        let result = runCLI(["compare", "--db", fixture.path, "d0-s1", "d7-s1", "--format", "csv"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == 3)
    }

    @Test func mistakesAreUsageErrors() throws {
        let fixture = try FixtureDatabase()
        try fixture.addDropoutSweep(seeds: [1], epochs: 5)
        let metric = runCLI(["compare", "--db", fixture.path, "--metric", "val_los"])
        #expect(metric.exitCode == 64)
        #expect(metric.stderr.contains("Did you mean 'val_loss'?"))
        let by = runCLI(["compare", "--db", fixture.path, "--by", "dropuot"])
        #expect(by.exitCode == 64)
        #expect(by.stderr.contains("Did you mean 'dropout'?"))
        let condition = runCLI(["compare", "--db", fixture.path, "--where", "dropout=>0.1"])
        #expect(condition.exitCode == 64)
        #expect(condition.stderr.hasPrefix("Error: Invalid value for '--where': "))
        let missing = runCLI(["compare", "--db", fixture.path, "nope"])
        #expect(missing.exitCode == 1)
    }

    @Test func anEmptySelectionSaysSo() throws {
        let fixture = try FixtureDatabase()
        let result = runCLI(["compare", "--db", fixture.path, "--group", "none"])
        #expect(result.exitCode == 0)
        #expect(result.stdout == "No runs match.\n")
    }

    @Test func differingParamsCountAMissingParamAsADifference() throws {
        let fixture = try FixtureDatabase()
        try fixture.addRun("a", params: ["wd": .real(0), "lr": .real(0.1)], curves: .decaying(epochs: 2, trainFloor: 0.1, valFloor: 0.2))
        try fixture.addRun("b", params: ["lr": .real(0.1)], curves: .decaying(epochs: 2, trainFloor: 0.1, valFloor: 0.2))
        #expect(ComparisonTable.differingParams(try fixture.store.comparison()) == ["wd"])
    }
}

@Suite struct ComparisonTableTests {
    @Test func aTestMetricLoggedOnceAfterTrainingIsShownAsItIs() throws {
        let fixture = try FixtureDatabase()
        let run = try fixture.addRun("t", curves: .decaying(epochs: 10, trainFloor: 0.1, valFloor: 0.2, riseAfter: 6, rise: 0.1))
        // Evaluated once, on the kept weights, and logged at the last step.
        try fixture.store.logMetrics(run.id, step: 10, ["test_loss": 0.31])
        let result = runCLI(["compare", "--db", fixture.path, "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(rows.first?["test_loss"] as? Double == 0.31)
        #expect(rows.first?["best_epoch"] as? Int == 6)
    }

    @Test func aMetricLoggedEveryEpochIsReadAtTheBestEpochNotTheLast() throws {
        let fixture = try FixtureDatabase()
        let curves = SyntheticCurves.decaying(epochs: 10, trainFloor: 0.1, valFloor: 0.2, riseAfter: 6, rise: 0.1)
        try fixture.addRun("t", curves: curves)
        let comparison = try fixture.store.comparison()
        let row = try #require(comparison.rows.first)
        #expect(ComparisonTable.value("train_loss", comparison, row) == curves.train[5])
        #expect(ComparisonTable.gap(comparison, row) == curves.val[5] - curves.train[5])
    }

    @Test func theGapIsMeasuredInEvalModeAndAbsentWithoutTrainEvalLoss() throws {
        let fixture = try FixtureDatabase()
        // A dropout run: its training-mode loss sits above val_loss, its eval-mode loss below.
        var curves = SyntheticCurves.decaying(epochs: 10, trainFloor: 0.4, valFloor: 0.2)
        curves.logsTrainEval = false
        let run = try fixture.addRun("dropout", curves: curves)
        let evalMode = curves.train.map { $0 / 4 }
        try fixture.store.logMetrics(run.id, points: evalMode.enumerated().map {
            MetricPoint(key: MetricKey.trainEvalLoss, step: $0.offset + 1, value: $0.element)
        })
        var old = SyntheticCurves.decaying(epochs: 10, trainFloor: 0.4, valFloor: 0.2)
        old.logsTrainEval = false
        try fixture.addRun("old", curves: old)

        let comparison = try fixture.store.comparison()
        let dropout = try #require(comparison.rows.first { $0.name == "dropout" })
        let best = try #require(dropout.bestStep)
        let gap = try #require(ComparisonTable.gap(comparison, dropout))
        #expect(gap == curves.val[best - 1] - evalMode[best - 1])
        #expect(gap > 0, "the eval-mode gap of a dropout run is not negative")
        let older = try #require(comparison.rows.first { $0.name == "old" })
        #expect(ComparisonTable.gap(comparison, older) == nil, "no train_eval_loss: no gap rather than a wrong one")
    }

    @Test func testMetricsComeWithTheKeptEpochAndColumnNamesAreUnique() throws {
        let fixture = try FixtureDatabase()
        let curves = SyntheticCurves.decaying(epochs: 10, trainFloor: 0.1, valFloor: 0.2, riseAfter: 6, rise: 0.1)
        let run = try fixture.addRun("t", params: ["epochs": .integer(10)], curves: curves)
        try fixture.store.logMetrics(run.id, step: 10, ["test_loss": 0.31])
        try fixture.addRun("u", params: ["epochs": .integer(12)], curves: .decaying(epochs: 12, trainFloor: 0.1, valFloor: 0.2))
        let table = ComparisonTable.runs(try fixture.store.comparison())
        #expect(Set(table.columns).count == table.columns.count, "duplicate columns: \(table.columns)")
        let testColumn = try #require(table.columns.firstIndex(of: "test_loss"))
        #expect(table.columns[testColumn + 1] == "kept_epoch")
        #expect(table.columns.contains("epochs") && table.columns.contains("epochs_run"))

        let result = runCLI(["compare", "--db", fixture.path, "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let t = try #require(rows.first { $0["run"] as? String == "t" })
        #expect(t["best_epoch"] as? Int == 6)
        #expect(t["kept_epoch"] as? Int == 10, "without early stopping the test metrics are the last epoch's weights'")
        #expect(t["epochs_run"] as? Int == 10)
    }
}

@Suite struct CompareSweepTests {
    @Test func aSweepIsComparedOnItsOwnObjectiveUnlessToldOtherwise() throws {
        let fixture = try FixtureDatabase()
        let sweep = try fixture.store.createSweep(SweepSpec(name: "acc", space: "{}", objective: "val_acc", direction: .max))
        for (name, accuracy, floor) in [("a", 0.9, 0.3), ("b", 0.8, 0.2)] {
            let run = try fixture.addRun(name, curves: .decaying(epochs: 3, trainFloor: 0.1, valFloor: floor), sweep: sweep.id)
            try fixture.store.logMetrics(run.id, step: 3, ["val_acc": accuracy])
        }
        let bySweep = runCLI(["compare", "--db", fixture.path, "--sweep", "acc", "--format", "csv"])
        #expect(bySweep.exitCode == 0, "\(bySweep.stderr)")
        #expect(bySweep.stdout.split(separator: "\n")[1].hasPrefix("true,a,"))
        let byLoss = runCLI(["compare", "--db", fixture.path, "--sweep", String(sweep.id), "--metric", "val_loss", "--format", "csv"])
        #expect(byLoss.stdout.split(separator: "\n")[1].hasPrefix("true,b,"))
    }
}
