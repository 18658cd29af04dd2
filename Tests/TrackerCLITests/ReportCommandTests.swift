import Foundation
import Testing
import TrackerStore
@testable import TrackerCLI
import Plots
import Analysis
import Sweeps

@Suite struct ReportCommandTests {
    /// A 3 x 2 grid over wd and dropout; val_loss is lowest at wd=1e-3, dropout=0.3.
    private func sweepFixture(epochs: Int = 12) throws -> (FixtureDatabase, Sweep) {
        let fixture = try FixtureDatabase()
        let (sweep, plan) = try createGridSweep(
            fixture.store, name: "grid", [SweepOptionInput("wd", "0,1e-3,1e-2"), SweepOptionInput("dropout", "0,0.3")])
        for (trial, setting) in plan.trials.enumerated() {
            let wd = setting["wd"]!.number!, dropout = setting["dropout"]!.number!
            let floor = 0.1 + abs(wd - 1e-3) * 5 + abs(dropout - 0.3) / 3
            try addReportRun(
                fixture.store, name: "t\(trial)", params: ["wd": .real(wd), "dropout": .real(dropout)], epochs: epochs,
                valFloor: floor, sweep: sweep.id, trial: trial)
        }
        return (fixture, sweep)
    }

    @Test func aSweepReportHasOnePlotOfEachKindWithEveryEpochPlotted() throws {
        let (fixture, _) = try sweepFixture(epochs: 12)
        let output = fixture.directory.path("sweep.html")
        let result = runCLI(["report", "--db", fixture.path, "--sweep", "grid", "-o", output])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout == output + "\n")
        let html = try ReportHTML(path: output)
        #expect(html.plots("loss-curves").count == 1)
        #expect(html.plots("heatmap").count == 1)
        #expect(html.plots("parallel-coordinates").count == 1)
        #expect(html.plots("weight-norm").count == 1)
        // Nothing to show for these: no accuracy logged, no checkpoints, no sine, no lineage.
        #expect(html.plots("accuracy-curves").isEmpty && html.plots("weight-histogram").isEmpty)
        #expect(html.plots("sine-fit").isEmpty && !html.plotNames.contains { $0.hasPrefix("lineage") })

        let loss = try #require(html.plots("loss-curves").first)
        // Drawn linear and log; each drawing has all 12 epochs of the best run's val_loss.
        #expect(ReportHTML.count("data-scale=", in: loss) == 2)
        // Trials run wd fastest within dropout: t4 is dropout 0.3, wd 1e-3, the best.
        let best = try #require(ReportHTML.polylinePoints(loss, "data-series=\"t4 val_loss\""))
        #expect(best.count == 12)
        #expect(ReportHTML.count("data-series=\"t4 val_loss\" data-points=\"12\"", in: loss) == 2)
        #expect(ReportHTML.count("data-mark=\"best\"", in: loss) == 2 * min(6, ReportGatherer.maximumCurves))

        let heat = try #require(html.plots("heatmap").first)
        #expect(ReportHTML.count("data-cell=\"value\"", in: heat) == 6)
        #expect(heat.contains("wd=0.001, dropout=0.3: val_loss 0.1"))
        #expect(ReportHTML.count("data-mark=\"best\"", in: heat) == 1)
        let parallel = try #require(html.plots("parallel-coordinates").first)
        #expect(ReportHTML.count("data-setting=", in: parallel) == 6)
        #expect(parallel.contains("data-setting=\"dropout=0.3 wd=0.001\" data-mark=\"best\""))
    }

    @Test func aRandomSweepsHeatMapGathersItsValuesIntoRanges() throws {
        let fixture = try FixtureDatabase()
        let (sweep, plan) = try createGridSweep(
            fixture.store, name: "random", [SweepOptionInput("wd", "1e-5:1e-1:log"), SweepOptionInput("dropout", "0:0.5")],
            randomTrials: 20)
        for (trial, setting) in plan.trials.enumerated() {
            let wd = setting["wd"]!.number!, dropout = setting["dropout"]!.number!
            try addReportRun(fixture.store, name: "r\(trial)", params: ["wd": .real(wd), "dropout": .real(dropout)], epochs: 3,
                             valFloor: 0.1 + abs(log10(wd) + 3) / 10 + dropout / 5, sweep: sweep.id, trial: trial)
        }
        let output = fixture.directory.path("r.html")
        #expect(runCLI(["report", "--db", fixture.path, "--sweep", "random", "-o", output]).exitCode == 0)
        let heat = try #require(try ReportHTML(path: output).plots("heatmap").first)
        let cells = ReportHTML.count("data-cell=\"value\"", in: heat) + ReportHTML.count("data-cell=\"empty\"", in: heat)
        #expect(cells == HeatMapAxis.binnedCells * HeatMapAxis.binnedCells)
        // Ranges run from the smallest sampled value to the largest, labelled low–high.
        let wds = plan.trials.map { $0["wd"]!.number! }
        #expect(heat.contains(">\(HeatMapAxis.short(wds.min()!))–") && heat.contains("–\(HeatMapAxis.short(wds.max()!))<"))
        let parallel = try #require(try ReportHTML(path: output).plots("parallel-coordinates").first)
        #expect(ReportHTML.count("data-setting=", in: parallel) == 20)
    }

    @Test func theTableHasCompareColumnsInCompareOrder() throws {
        let (fixture, sweep) = try sweepFixture()
        let output = fixture.directory.path("r.html")
        #expect(runCLI(["report", "--db", fixture.path, "--sweep", "grid", "-o", output]).exitCode == 0)
        let html = try ReportHTML(path: output)
        let comparison = try fixture.store.comparison(RunFilter(sweepID: sweep.id), objective: sweep.objective, direction: sweep.direction)
        let expected = ComparisonTable.runs(comparison)
        let header = "<table id=\"comparison-table\"><thead><tr>" + expected.columns.map { "<th>\($0)</th>" }.joined() + "</tr>"
        #expect(html.text.contains(header))
        let names = expected.rows.map { HTMLTable.text($0[0]) }
        #expect(names.first == "t4")
        let positions = names.map { name in html.text.range(of: "<td>\(name == "t4" ? "* " : "")\(name)</td>")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
    }

    @Test func thePageFetchesNothing() throws {
        let (fixture, _) = try sweepFixture()
        let output = fixture.directory.path("r.html")
        #expect(runCLI(["report", "--db", fixture.path, "--sweep", "grid", "-o", output]).exitCode == 0)
        let text = try ReportHTML(path: output).text.lowercased()
        #expect(!text.contains("http://") && !text.contains("https://") && !text.contains("//cdn"))
        #expect(!text.contains(" src=") && !text.contains("<link") && !text.contains("@import") && !text.contains("url("))
        #expect(ReportHTML.count("<script", in: text[...]) == 1 && text.contains("<script>"))
    }

    @Test func hostileNamesAndNotesAreShownAsText() throws {
        let fixture = try FixtureDatabase()
        let hostile = "<script>alert('x')</script>"
        try addReportRun(fixture.store, name: hostile, params: ["wd": .real(0)], epochs: 5, valFloor: 0.2,
                         notes: "\"><img src=x onerror=alert(1)> & co")
        try addReportRun(fixture.store, name: "plain", params: ["wd": .real(1e-3)], epochs: 5, valFloor: 0.1)
        let output = fixture.directory.path("r.html")
        let result = runCLI(["report", "--db", fixture.path, "-o", output])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let text = try ReportHTML(path: output).text
        #expect(!text.contains(hostile) && !text.contains("<img"))
        #expect(text.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(text.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt; &amp; co"))
        #expect(ReportHTML.count("<script", in: text[...]) == 1)
    }

    @Test func aRetunedSweepShowsTheBestStrengthPerDataSize() throws {
        let fixture = try FixtureDatabase()
        var parent: SweepID?
        // The best wd shrinks as the data grows: 1e-2 on 100 rows, 1e-3 on 400.
        for (version, (rows, bestWD)) in [(100, 1e-2), (400, 1e-3)].enumerated() {
            let dataset = try fixture.store.registerDataset(DatasetSpec(
                name: "grow", fingerprint: String(repeating: version == 0 ? "a" : "b", count: 64), rows: rows, features: 1,
                task: .regression)).dataset
            let (sweep, plan) = try createGridSweep(
                fixture.store, name: "grow-v\(version + 1)", [SweepOptionInput("wd", "1e-3,1e-2")], dataset: dataset.id, parent: parent)
            for (trial, setting) in plan.trials.enumerated() {
                let wd = setting["wd"]!.number!
                try addReportRun(fixture.store, name: "v\(version)-t\(trial)", params: ["wd": .real(wd)], epochs: 4,
                                 valFloor: wd == bestWD ? 0.1 : 0.3, sweep: sweep.id, trial: trial, dataset: dataset.id)
            }
            parent = sweep.id
        }
        let output = fixture.directory.path("r.html")
        // Asked for the original sweep, the report follows the chain to its newest re-tuning.
        let result = runCLI(["report", "--db", fixture.path, "--sweep", "grow-v1", "-o", output])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let lineage = try #require(try ReportHTML(path: output).plots("lineage-wd").first)
        #expect(ReportHTML.count("<circle", in: lineage) == 2)
        #expect(lineage.contains("best wd: (100, 0.01)") && lineage.contains("best wd: (400, 0.001)"))
        #expect(lineage.contains("grow-v1 (grow v1)") && lineage.contains("grow-v2 (grow v2)"))
    }

    @Test func aTrainedSineRunGetsWeightsAndItsFittedFunction() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let db = directory.path("t.db")
        let trained = trainInProcess([
            "--dataset", "sine", "--epochs", "25", "--hidden", "8,8", "--lr", "0.01", "--early-stop", "5", "--name", "fit", "--db", db,
        ])
        #expect(trained.exitCode == 0, "\(trained.stderr)")
        let output = directory.path("fit.html")
        let result = runCLI(["report", "fit", "--db", db, "-o", output])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let html = try ReportHTML(path: output)
        let histogram = try #require(html.plots("weight-histogram").first)
        #expect(["dense1", "dense2", "output"].allSatisfy { histogram.contains("data-layer=\"\($0)\"") })
        // One step per bin edge pair, plus the two feet of the outline.
        let dense1 = try #require(ReportHTML.polylinePoints(histogram, "data-layer=\"dense1\""))
        #expect(dense1.count == 2 * HistogramSVG(title: "", layers: [], threshold: 1e-3).bins + 2)
        #expect(html.text.contains("<table id=\"sparsity-table\">"))
        let fit = try #require(html.plots("sine-fit").first)
        #expect(ReportHTML.polylinePoints(fit, "data-series=\"model prediction\"")?.count == SineFit.gridPoints)
        #expect(fit.contains("data-series=\"training points\" data-points=\"50\""))
        #expect(ReportHTML.count("<title>training points: (", in: fit) == 50)
        #expect(html.plots("loss-curves").count == 1 && html.plots("weight-norm").count == 1)
    }

    @Test func badSelectionsAreClearErrors() throws {
        let fixture = try FixtureDatabase()
        try addReportRun(fixture.store, name: "a", params: [:], epochs: 3, valFloor: 0.1)
        let none = runCLI(["report", "--db", fixture.path, "--group", "nope", "-o", fixture.directory.path("x.html")])
        #expect(none.exitCode == 1 && none.stderr.contains("no runs match"))
        #expect(!FileManager.default.fileExists(atPath: fixture.directory.path("x.html")))
        let empty = runCLI(["report", "--db", fixture.path, "-o", ""])
        #expect(empty.exitCode == 64, "\(empty.stderr)")
        let typo = runCLI(["report", "--db", fixture.path, "--metric", "val_los", "-o", fixture.directory.path("y.html")])
        #expect(typo.exitCode == 64 && typo.stderr.contains("val_loss"), "\(typo.stderr)")
        let unwritable = runCLI(["report", "--db", fixture.path, "-o", fixture.directory.path("missing/dir/r.html")])
        #expect(unwritable.exitCode == 1 && unwritable.stderr.contains("cannot write"))
    }
}
