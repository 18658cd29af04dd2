import Foundation
import Testing
import TrackerStore
@testable import Sweeps

@Suite("Sweep scoring, refinement, data changes and lineage")
struct SweepScoringTests {
    private func runSweep(
        _ fixture: SweepFixture, _ definition: SweepDefinition, objective: String = "val_loss", direction: Direction = .min,
        datasetID: DatasetID? = nil, parent: SweepID? = nil, epochs: Int = 10
    ) throws -> Sweep {
        let sweep = try fixture.store.createSweep(definition.sweepSpec(
            objective: objective, direction: direction, datasetID: datasetID, parentSweepID: parent))
        let report = WorkerPool(workers: 2, databasePath: fixture.path)
            .run(TrialPlan(definition).units, executor: SyntheticTrialExecutor(sweepID: sweep.id, epochs: epochs), shouldStop: { false })
        try SweepLifecycle.close(sweep.id, after: report, in: fixture.store)
        return try fixture.store.sweep(id: sweep.id)
    }

    @Test func settingsAreScoredByMeanAndSpreadOverSeedsAndTheBestReproduces() throws {
        let fixture = try SweepFixture()
        defer { fixture.close() }
        let definition = try fixture.definition([
            SweepOptionInput("wd", "1e-4,1e-3,1e-2"), SweepOptionInput("dataset", "digits"), SweepOptionInput("epochs", "10"),
            SweepOptionInput("notes", "two words"),
        ], seeds: [0, 1])
        let board = try SweepScoreboard(sweep: runSweep(fixture, definition), store: fixture.store)
        #expect(board.scores.map(\.finished) == [2, 2, 2] && board.scores.allSatisfy { $0.planned == 2 && $0.isComplete })
        // Best val_loss of a run: q + 1/10 + seed/1000, with q = 0.1, 0, 0.1.
        let expectedMeans = [0.2005, 0.1005, 0.2005]
        for (score, expected) in zip(board.scores, expectedMeans) {
            #expect(abs(score.mean! - expected) < 1e-12)
            #expect(abs(score.standardDeviation! - 0.001 / 2.0.squareRoot()) < 1e-12)
        }
        let best = try #require(board.best)
        #expect(best.trial == 1 && best.setting["wd"] == .number(1e-3))
        #expect(board.reproducingCommand(for: best) == "tracker train --dataset digits --epochs 10 --notes 'two words' --wd 0.001 --seed 0")
    }

    @Test func aMaximizedObjectivePicksTheLargestMean() throws {
        let fixture = try SweepFixture()
        defer { fixture.close() }
        let definition = try fixture.definition([SweepOptionInput("wd", "1e-2,1e-3,1e-1")])
        let board = try SweepScoreboard(sweep: runSweep(fixture, definition, objective: "val_acc", direction: .max), store: fixture.store)
        #expect(abs(board.scores[1].mean! - (1 - 0.1 / 2)) < 1e-12, "val_acc peaks at the last epoch")
        #expect(board.best?.trial == 1)
    }

    @Test func prunedAndUnsuccessfulRunsAreCountedButNeverWin() throws {
        let fixture = try SweepFixture()
        defer { fixture.close() }
        let definition = try fixture.definition([SweepOptionInput("wd", "1e-1,1e-3,1e-2")], seeds: [0, 1])
        let sweep = try fixture.store.createSweep(definition.sweepSpec())
        // trial 0: both finished (0.3, 0.4); trial 1: one finished at 0.1 and one pruned;
        // trial 2: a failed run then its rerun finished at 0.35, and one finished at 0.25.
        let rows: [(trial: Int, seed: Int64, status: RunStatus, value: Double)] = [
            (0, 0, .finished, 0.3), (0, 1, .finished, 0.4), (1, 0, .finished, 0.1), (1, 1, .pruned, 0.9),
            (2, 0, .failed, 0.01), (2, 0, .finished, 0.35), (2, 1, .finished, 0.25),
        ]
        for row in rows {
            let run = try fixture.store.createRun(RunSpec(seed: row.seed, sweepID: sweep.id, trial: row.trial)).id
            try fixture.store.logMetrics(run, step: 1, ["val_loss": row.value])
            try fixture.store.finishRun(run, status: row.status, stopReason: nil)
        }
        let board = try SweepScoreboard(sweep: fixture.store.sweep(id: sweep.id), store: fixture.store)
        #expect(board.scores.map(\.finished) == [2, 1, 2])
        #expect(board.scores.map(\.pruned) == [0, 1, 0])
        #expect(board.scores.map(\.unsuccessful) == [0, 0, 0], "the failed run was rerun; its rerun counts")
        #expect(abs(board.scores[2].mean! - 0.3) < 1e-12)
        #expect(board.best?.trial == 2, "trial 1 has the lowest value but was pruned")
    }

    @Test func refinementNarrowsAroundTheOptimumAndTriesItFirst() throws {
        let space = SearchSpace([
            "wd": .range(lower: 1e-6, upper: 1e-1, scale: .log, integer: false),
            "lr": .range(lower: 0, upper: 0.01, scale: .linear, integer: false),
            "dropout": .values([.number(0.5), .number(0), .number(0.3), .number(0.1)]),
            "optimizer": .values([.text("adam"), .text("adamw")]),
            "width": .range(lower: 16, upper: 512, scale: .log, integer: true),
        ])
        let original = try SweepDefinition(space: space, configuration: SweepConfiguration(method: .random, trials: 10))
        let best = TrialSetting(["wd": .number(1e-3), "lr": .number(0.001), "dropout": .number(0.3), "optimizer": .text("adamw"), "width": .number(64)])
        let refined = try Refinement.refine(original, around: best)
        let wd = refined.space.dimensions["wd"]
        guard case let .range(low, high, .log, false)? = wd else { Issue.record("wd: \(String(describing: wd))"); return }
        #expect(abs(low - 1e-4) < 1e-18 && abs(high - 1e-2) < 1e-16)
        guard case let .range(lrLow, lrHigh, .linear, false)? = refined.space.dimensions["lr"] else { Issue.record("lr"); return }
        #expect(lrLow == 0 && abs(lrHigh - 0.0035) < 1e-15, "half as wide around 0.001, clipped at 0")
        #expect(refined.space.dimensions["dropout"] == .values([.number(0.1), .number(0.3), .number(0.5)]))
        #expect(refined.space.dimensions["optimizer"] == space.dimensions["optimizer"])
        #expect(refined.space.dimensions["width"] == .range(lower: 6, upper: 640, scale: .log, integer: true))
        #expect(refined.configuration.first == [best])
        #expect(TrialPlan(refined).trials.first == best && TrialPlan(refined).trials.count == 10)
        let edge = try Refinement.refine(
            try SweepDefinition(space: SearchSpace(["dropout": .values([.number(0), .number(0.3), .number(0.5)])]),
                                configuration: SweepConfiguration()),
            around: TrialSetting(["dropout": .number(0)]))
        #expect(edge.space.dimensions["dropout"] == .values([.number(0), .number(0.3)]))
        #expect(TrialPlan(edge).trials.map(\.summary) == ["dropout=0", "dropout=0.3"])
    }

    @Test func newDataIsDetectedAndTheLineageShowsEachVersionsOptimum() throws {
        let fixture = try SweepFixture()
        defer { fixture.close() }
        func register(_ content: String, rows: Int) throws -> Dataset {
            try fixture.store.registerDataset(DatasetSpec(
                name: "digits", fingerprint: SHA256.hex(of: Array(content.utf8)), rows: rows, features: 64,
                task: .classification, classes: 10)).dataset
        }
        let small = try register("a fifth of the digits", rows: 359)
        let first = try runSweep(fixture, try fixture.definition([SweepOptionInput("wd", "1e-4,1e-3,1e-2,1e-1")]), datasetID: small.id)
        #expect(try DataChange.detect(for: first, in: fixture.store).hasChanged == false)
        #expect(try DataChange.detect(for: first, in: fixture.store).summary.contains("Data unchanged: digits v1 (359 rows)"))

        let full = try register("all the digits", rows: 1797)
        let change = try DataChange.detect(for: first, in: fixture.store)
        #expect(change.hasChanged && change.swept == small && change.latest == full)
        #expect(change.summary == "Data changed: digits v1 (359 rows) -> v2 (1797 rows).")

        let firstBoard = try SweepScoreboard(sweep: first, store: fixture.store)
        let refined = try Refinement.refine(firstBoard.definition, around: try #require(firstBoard.best).setting)
        let second = try runSweep(fixture, refined, datasetID: full.id, parent: first.id)

        let steps = try Lineage.steps(endingAt: second.id, in: fixture.store)
        #expect(steps.map(\.sweep.id) == [first.id, second.id])
        #expect(steps.map { $0.dataset?.version } == [1, 2] && steps.map { $0.dataset?.rows } == [359, 1797])
        #expect(steps.allSatisfy { $0.best?.setting["wd"] == .number(1e-3) && $0.bestCommand?.contains("--wd 0.001") == true })
        #expect(steps.map(\.rowsUsed) == [359, 1797])
    }

    /// A sweep on a subset of a version trained on that share of its rows:
    /// the lineage's size is the rows used, not the version's.
    @Test func aSubsetSweepsRowsAreTheShareItTook() throws {
        let fixture = try SweepFixture()
        defer { fixture.close() }
        let digits = try fixture.store.registerDataset(DatasetSpec(
            name: "digits", fingerprint: SHA256.hex(of: Array("digits".utf8)), rows: 1797, features: 64,
            task: .classification, classes: 10)).dataset
        let sweep = try runSweep(fixture, try fixture.definition([SweepOptionInput("wd", "1e-4,1e-3")]), datasetID: digits.id)
        var step = try #require(try Lineage.steps(endingAt: sweep.id, in: fixture.store).first)
        #expect(step.rowsUsed == 1797)
        step.subset = 0.2
        #expect(step.rowsUsed == 359)
        step.subset = 1
        #expect(step.rowsUsed == 1797)
    }
}
