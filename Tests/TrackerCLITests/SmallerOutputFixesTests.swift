import Foundation
import Analysis
import Plots
import Testing
@testable import TrackerCLI
import TrackerStore

/// The smaller things issue 13 found: each output says one true thing once.
@Suite struct SmallerOutputFixesTests {
    @Test func aWhereOnAnUnknownParamKeyNamesItWithADidYouMean() throws {
        let fixture = try FixtureDatabase()
        try fixture.addDropoutSweep(seeds: [1], epochs: 5)
        let result = runCLI(["compare", "--db", fixture.path, "--where", "dropuot>0.1"])
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains("'dropuot'"))
        #expect(result.stderr.contains("Did you mean 'dropout'?"))
        #expect(runCLI(["compare", "--db", fixture.path, "--where", "dropout>0.1"]).exitCode == 0)
    }

    @Test func theSpreadOfIdenticalValuesIsExactlyZero() {
        // Summed and divided, 0.9777 three times has a mean an ulp away from 0.9777.
        let values: [Double?] = [0.9777, 0.9777, 0.9777]
        let (mean, sd) = ReplicateTable.meanAndDeviation(values)
        #expect(mean == 0.9777)
        #expect(sd == 0)
        #expect(ReplicateTable.meanAndDeviation([1, 3]).sd == 2.0.squareRoot())
    }

    @Test func compareByNamesItsSpreadSdAndEveryColumnOnce() throws {
        let fixture = try FixtureDatabase()
        try fixture.addDropoutSweep(seeds: [1, 2], epochs: 8)
        let result = runCLI(["compare", "--db", fixture.path, "--by", "dropout", "--format", "json"])
        #expect(result.exitCode == 0)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let first = try #require(rows.first)
        #expect(first["val_loss_sd"] != nil && first.keys.allSatisfy { !$0.hasSuffix("_std") })
        let csv = runCLI(["compare", "--db", fixture.path, "--by", "dropout", "--format", "csv"])
        let header = try #require(csv.stdout.split(separator: "\n").first).split(separator: ",")
        #expect(Set(header).count == header.count, "duplicate columns: \(header)")
    }

    @Test func aLogScaleNoteGoesInsideAnExistingParenthesis() {
        #expect(AxisLabel.logScale("loss (cross-entropy, nats)", true) == "loss (cross-entropy, nats, log scale)")
        #expect(AxisLabel.logScale("val_loss", true) == "val_loss (log scale)")
        #expect(AxisLabel.logScale("val_loss", false) == "val_loss")
    }

    @Test func repeatableIsSaidOnceInHelp() throws {
        let help = runCLI(["train", "--help"]).stdout
        let tagLine = try #require(help.split(separator: "\n").first { $0.contains("--tag") })
        #expect(tagLine.components(separatedBy: "repeatable").count == 2, "\(tagLine)")
    }

    @Test func aTrainLossThatDidNotMoveIsUnchangedNotMinusZeroPercentLower() {
        let evidence = Diagnosis.Evidence(
            epochs: 40, bestEpoch: 30, bestValLoss: 0.2, finalValLoss: 0.2, trainLossAtBest: 0.1,
            finalTrainLoss: 0.1, firstTrainLoss: 1, recentTrainLossFall: -0.0001)
        let findings = Diagnosis(evidence).findings.joined(separator: "\n")
        #expect(!findings.contains("-0%"))
        #expect(findings.contains("unchanged over the last"))
    }
}

@Suite struct CompareColumnsAndSweepHelpTests {
    @Test func compareByChoosesItsColumnsAndNamesAnUnknownOne() throws {
        let fixture = try FixtureDatabase()
        try fixture.addDropoutSweep(seeds: [1, 2], epochs: 8)
        let chosen = runCLI(["compare", "--db", fixture.path, "--by", "dropout", "--columns", "val_loss,val_loss_sd,n", "--format", "csv"])
        #expect(chosen.exitCode == 0, "\(chosen.stderr)")
        #expect(chosen.stdout.split(separator: "\n").first == "best,dropout,val_loss,val_loss_sd,n")
        let unknown = runCLI(["compare", "--db", fixture.path, "--by", "dropout", "--columns", "val_los"])
        #expect(unknown.exitCode == 64)
        #expect(unknown.stderr.contains("Did you mean 'val_loss'?"))
    }

    @Test func sweepHelpShowsRangesOnlyWhereTheyMakeSenseAndHowToSweepHidden() throws {
        let help = runCLI(["sweep", "--help"]).stdout
        // An option's help, wrapped over several lines, up to the next option.
        func line(_ option: String) throws -> String {
            let lines = help.split(separator: "\n").map(String.init)
            let start = try #require(lines.firstIndex { $0.hasPrefix("  " + option + " ") })
            let end = lines[(start + 1)...].firstIndex { $0.hasPrefix("  --") } ?? lines.endIndex
            return lines[start..<end].joined(separator: " ")
        }
        #expect(try line("--wd").contains("LO:HI"))
        #expect(try !line("--dataset").contains("LO:HI"))
        #expect(help.contains("64|128,128"))
    }
}

@Suite struct AccuracyFormatTests {
    @Test func accuraciesArePercentsForPeopleAndFractionsForMachines() {
        let table = DataTable(columns: ["run", "val_acc", "val_acc_sd", "val_loss"], rows: [[.text("a"), .real(0.9777), .real(0), .real(0.25)]])
        let text = OutputFormat.table.render(table, width: nil)
        #expect(text.contains("97.8%") && text.contains("0%") && text.contains("0.25"))
        let csv = OutputFormat.csv.render(table, width: nil)
        #expect(csv.contains("0.9777") && !csv.contains("%"))
    }
}

@Suite struct UniqueColumnsAndAggregateTests {
    /// Every table a data command prints names each column once: pandas
    /// renames a repeated one, and JSON keeps only one of two equal keys.
    @Test func everyOutputNamesEachColumnOnce() throws {
        let fixture = try FixtureDatabase()
        try fixture.addDropoutSweep(seeds: [1, 2], epochs: 6)
        for words in [
            ["runs"], ["compare"], ["compare", "--by", "dropout"], ["export"], ["export", "--metrics"], ["datasets"],
        ] {
            let result = runCLI(words + ["--db", fixture.path, "--format", "csv"])
            #expect(result.exitCode == 0, "\(words): \(result.stderr)")
            let header = (result.stdout.split(separator: "\n").first ?? "").split(separator: ",")
            #expect(Set(header).count == header.count, "\(words): \(header)")
        }
    }

    @Test func compareByAveragesFinishedRunsOnlyAndSaysWhatItLeftOut() throws {
        let fixture = try FixtureDatabase()
        let curves = SyntheticCurves.decaying(epochs: 6, trainFloor: 0.1, valFloor: 0.2)
        try fixture.addRun("a", params: ["wd": .real(0)], curves: curves)
        try fixture.addRun("b", params: ["wd": .real(0)], curves: curves)
        // Killed early, at a worse loss: it would move the mean.
        try fixture.addRun("c", params: ["wd": .real(0)], curves: .decaying(epochs: 2, trainFloor: 0.1, valFloor: 0.2), status: .killed)
        let result = runCLI(["compare", "--db", fixture.path, "--by", "wd", "--format", "json"])
        #expect(result.stderr.contains("left out of the means: 1 killed"))
        let row = try #require((try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])?.first)
        #expect(row["n"] as? Int == 2)
        #expect(row["val_loss_sd"] as? Double == 0, "two identical finished runs")
    }
}
