import Foundation
import Testing
import TrackerStore
@testable import TrackerCLI

@Suite struct HistoryCommandTests {
    @Test func drawsOverlaidCurvesWithTheBestEpochMarked() throws {
        let fixture = try FixtureDatabase()
        try fixture.addRun("a", curves: .decaying(epochs: 30, trainFloor: 0.05, valFloor: 0.2, riseAfter: 15, rise: 0.02))
        try fixture.addRun("b", curves: .decaying(epochs: 20, trainFloor: 0.1, valFloor: 0.15))
        let result = runCLI(["history", "--db", fixture.path, "a", "b", "--metric", "val_loss", "--width", "60"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        // Losses are drawn on a log scale by default.
        #expect(lines.first == "val_loss (log scale)")
        #expect(result.stdout.contains("* a val_loss   + b val_loss   @ best"))
        #expect(result.stdout.contains("epoch"))
        #expect(lines.filter { $0.contains("@") }.count >= 2)
        let bestA = try #require(try fixture.store.comparison(RunFilter(runIDs: [1])).rows.first?.bestStep)
        #expect(result.stdout.hasSuffix("best epoch: a \(bestA), b 20\n"))
        // The x axis spans every run: labelled from epoch 1 to 30.
        let axisLabels = try #require(lines.first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("1 ") })
        #expect(axisLabels.hasSuffix("30"))
    }

    @Test func csvAndJsonGiveTheNumbers() throws {
        let fixture = try FixtureDatabase()
        let curves = SyntheticCurves.decaying(epochs: 5, trainFloor: 0.1, valFloor: 0.2)
        try fixture.addRun("a", curves: curves)
        let csv = runCLI(["history", "--db", fixture.path, "a", "--format", "csv"])
        #expect(csv.exitCode == 0, "\(csv.stderr)")
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.first == "run,metric,step,value")
        #expect(lines.count == 11)
        #expect(lines[1] == "a,train_loss,1,\(curves.train[0])")
        #expect(lines[6] == "a,val_loss,1,\(curves.val[0])")
        let json = runCLI(["history", "--db", fixture.path, "a", "--metric", "val_loss", "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        // The text carries every digit; Foundation's JSON reader may round the last one.
        #expect(json.stdout.contains("\"value\": \(curves.val[0])}"))
        let values = rows.compactMap { $0["value"] as? Double }
        #expect(values.count == 5 && zip(values, curves.val).allSatisfy { abs($0 - $1) < 1e-15 })
    }

    @Test func linearAxisAndSmoothingAreOptions() throws {
        let fixture = try FixtureDatabase()
        try fixture.addRun("a", curves: .decaying(epochs: 12, trainFloor: 0.1, valFloor: 0.2))
        let linear = runCLI(["history", "--db", fixture.path, "a", "--metric", "val_loss", "--linear-y", "--width", "40"])
        #expect(linear.exitCode == 0, "\(linear.stderr)")
        #expect(linear.stdout.hasPrefix("val_loss\n"))
        let smoothed = runCLI(["history", "--db", fixture.path, "a", "--metric", "val_loss", "--smooth", "0.6", "--width", "40"])
        #expect(smoothed.stdout.hasPrefix("val_loss (smoothed 0.6, log scale)\n"))
        let both = runCLI(["history", "--db", fixture.path, "a", "--log-y", "--linear-y"])
        #expect(both.exitCode == 64)
        let tooMuch = runCLI(["history", "--db", fixture.path, "a", "--smooth", "1"])
        #expect(tooMuch.exitCode == 64)
        #expect(tooMuch.stderr.contains("--smooth"))
    }

    @Test func anUnloggedMetricIsAUsageErrorWithTheLoggedOnes() throws {
        let fixture = try FixtureDatabase()
        try fixture.addRun("a", curves: .decaying(epochs: 3, trainFloor: 0.1, valFloor: 0.2))
        let result = runCLI(["history", "--db", fixture.path, "a", "--metric", "val_acc"])
        #expect(result.exitCode == 64)
        #expect(result.stderr.hasPrefix("Error: Invalid value 'val_acc' for '--metric': expected a metric these runs logged: train_loss, val_loss, train_eval_loss."))
        let missing = runCLI(["history", "--db", fixture.path, "b"])
        #expect(missing.exitCode == 1)
    }
}

@Suite struct ExportCommandTests {
    @Test func runsExportCarriesParamsAndSummariesAsCSV() throws {
        let fixture = try FixtureDatabase()
        let digits = try fixture.registerDigits()
        let curves = SyntheticCurves.decaying(epochs: 6, trainFloor: 0.1, valFloor: 0.2, riseAfter: 4, rise: 0.3)
        try fixture.addRun("a", params: ["wd": .real(1e-3), "optimizer": .text("adam,w")], curves: curves, tags: ["x", "y"], dataset: digits.id)
        try fixture.addRun("b", params: ["dropout": .real(0.5)], curves: curves)
        let result = runCLI(["export", "--db", fixture.path])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        #expect(header.contains("params.wd") && header.contains("params.dropout") && header.contains("metrics.val_loss.min"))
        #expect(lines.count == 3)
        let a = try #require(lines.first { $0.hasPrefix("1,a,") })
        #expect(a.contains(",digits,1,"))
        #expect(a.contains("\"adam,w\""))
        #expect(a.contains("\"x,y\""))
        // val_loss.min and its step, in the header's order.
        let minIndex = try #require(header.firstIndex(of: "metrics.val_loss.min"))
        let jsonl = runCLI(["export", "--db", fixture.path, "--format", "jsonl", "a"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(jsonl.stdout.utf8)) as? [String: Any])
        #expect(object["metrics.val_loss.min"] as? Double == curves.val.min())
        #expect(object["metrics.val_loss.min_step"] as? Int == 4)
        #expect(object["params.wd"] as? Double == 0.001)
        #expect(header[minIndex + 1] == "metrics.val_loss.min_step")
    }

    @Test func metricHistoryStreamsToAFile() throws {
        let fixture = try FixtureDatabase()
        try fixture.addDropoutSweep(seeds: [1, 2], epochs: 50)
        let file = fixture.directory.path("history.jsonl")
        let result = runCLI(["export", "--db", fixture.path, "--metrics", "--where", "dropout>=0.5", "--metric", "val_loss",
                             "--format", "jsonl", "-o", file])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "Wrote 200 metric points to \(file).\n")
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 200)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["metric"] as? String == "val_loss")
        #expect(first["step"] as? Int == 1)
        #expect((first["run_name"] as? String)?.hasPrefix("d5-") == true)
    }

    @Test func conflictingChoicesAreUsageErrors() throws {
        let fixture = try FixtureDatabase()
        #expect(runCLI(["export", "--db", fixture.path, "--runs", "--metrics"]).exitCode == 64)
        #expect(runCLI(["export", "--db", fixture.path, "--metric", "val_loss"]).exitCode == 64)
        #expect(runCLI(["export", "--db", fixture.path, "--format", "table"]).exitCode == 64)
        let unwritable = runCLI(["export", "--db", fixture.path, "-o", fixture.directory.path("no/such/dir/x.csv")])
        #expect(unwritable.exitCode == 1)
        #expect(unwritable.stderr.hasPrefix("Error: cannot write '"))
    }
}

@Suite struct CSVQuotingTests {
    @Test(arguments: ["a,b", "say \"hi\"", "line\nbreak", "windows\r\nline", "cr\ronly"])
    func fieldsWithSeparatorsQuotesOrLineBreaksAreQuoted(_ field: String) {
        let quoted = CSVRenderer.quoted(field)
        #expect(quoted.hasPrefix("\"") && quoted.hasSuffix("\""))
        #expect(quoted.dropFirst().dropLast() == field.replacing("\"", with: "\"\""))
    }

    @Test func plainFieldsAreLeftAlone() {
        #expect(CSVRenderer.quoted("val_loss") == "val_loss")
        #expect(CSVRenderer.quoted("0.125") == "0.125")
        #expect(CSVRenderer.quoted("") == "")
    }
}
