import Foundation
import Testing
import TrackerStore
@testable import TrackerCLI
import Sweeps

/// `tracker sweep`, `retune` and `lineage` on real training runs.
@Suite struct SweepCommandTests {
    @Test func aSweepOnASubsetThenARetuneOnTheFullSetRecordsLineageVersionsAndBothOptima() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let db = directory.path("t.db")
        let sweep = sweepInProcess([
            "--dataset", "digits", "--subset", "0.2", "--wd", "0,1e-2", "--dropout", "0,0.3",
            "--epochs", "2", "--hidden", "16", "--workers", "2", "--db", db,
        ])
        #expect(sweep.exitCode == 0, "\(sweep.stderr)")
        #expect(sweep.stdout.contains("Reproduce: tracker train --dataset digits"))
        #expect(sweep.stderr.contains("[4/4] trial"))

        let retune = retuneInProcess(["--sweep", "1", "--dataset", "digits", "--workers", "2", "--db", db])
        #expect(retune.exitCode == 0, "\(retune.stderr)")

        let store = try Store(path: db)
        defer { store.close() }
        let first = try store.sweep(id: 1)
        let second = try store.sweep(id: 2)
        #expect(first.status == .finished && second.status == .finished)
        #expect(first.parentSweepID == nil)
        #expect(second.parentSweepID == first.id)
        #expect(try store.sweepLineage(of: second.id).map(\.id) == [first.id, second.id])
        let small = try store.dataset(id: try #require(first.datasetID))
        let full = try store.dataset(id: try #require(second.datasetID))
        #expect(small.name == "digits" && full.name == "digits")
        #expect((small.version, full.version) == (1, 2))
        #expect(full.rows == 1797)
        #expect(small.rows == Int((0.2 * 1797).rounded()) || abs(small.rows - 359) <= 1)
        // Each sweep ran its four settings on its own data version.
        for (sweepID, datasetID) in [(first.id, small.id), (second.id, full.id)] {
            let runs = try store.sweepRuns(sweepID)
            #expect(runs.count == 4 && runs.allSatisfy { $0.status == .finished })
            #expect(try runs.allSatisfy { try store.run(id: $0.runID).datasetID == datasetID })
        }
        // The report names both optima, each with the command that reproduces it.
        let oldBest = try #require(try SweepScoreboard(sweep: first, store: store).best)
        let newBest = try #require(try SweepScoreboard(sweep: second, store: store).best)
        #expect(retune.stdout.contains("Old and new best"))
        let oldCommand = SweepScoreboard.reproducing(first, oldBest, store)
        let newCommand = SweepScoreboard.reproducing(second, newBest, store)
        #expect(retune.stdout.contains("sweep-1: \(oldCommand)"))
        #expect(retune.stdout.contains("sweep-2: \(newCommand)"))
        #expect(oldCommand.contains("--subset 0.2") && !newCommand.contains("--subset"))

        let check = retuneInProcess(["--check", "--sweep", "1", "--db", db])
        #expect(check.exitCode == 0, "\(check.stderr)")
        #expect(check.stdout.contains("Already re-tuned as sweep-2 (id 2)"))

        let lineage = runCLI(["lineage", "2", "--format", "csv", "--db", db])
        #expect(lineage.exitCode == 0, "\(lineage.stderr)")
        let rows = lineage.stdout.split(separator: "\n").map(String.init)
        #expect(rows.count == 3)
        #expect(rows.dropFirst().map { $0.split(separator: ",").prefix(4).joined(separator: ",") }
            == ["sweep-1,digits,1,\(small.rows)", "sweep-2,digits,2,1797"])
    }

    @Test func retuneRefusesUnchangedDataAndCheckReportsTheDataChange() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let db = directory.path("t.db")
        let sweep = sweepInProcess(["--dataset", "sine", "--wd", "0,1e-3", "--epochs", "3", "--workers", "1", "--db", db])
        #expect(sweep.exitCode == 0, "\(sweep.stderr)")

        let unchanged = retuneInProcess(["--sweep", "1", "--db", db])
        #expect(unchanged.exitCode == 1)
        #expect(unchanged.stderr.contains("the data is unchanged"))

        let same = retuneInProcess(["--check", "--sweep", "1", "--db", db])
        #expect(same.exitCode == 0, "\(same.stderr)")
        #expect(same.stdout.contains("Data unchanged"))
        #expect(same.stdout.contains("Train/val gap of the best setting"))

        // A new version of sine under the same name: other generated values.
        #expect(trainInProcess(["--dataset", "sine", "--data-seed", "1", "--epochs", "1", "--quiet", "--db", db]).exitCode == 0)
        let changed = retuneInProcess(["--check", "--sweep", "1", "--db", db])
        #expect(changed.exitCode == 0, "\(changed.stderr)")
        #expect(changed.stdout.contains("Data changed: sine v1"))
        #expect(changed.stdout.contains("Re-tuning is advised"))
        let store = try Store(path: db)
        defer { store.close() }
        #expect(try store.sweeps().count == 1, "--check must not sweep")
    }

    @Test func twoWorkersOnOneFileFinishEveryTrialWithExactRowCounts() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let db = directory.path("t.db")
        let epochs = 30
        let result = sweepInProcess([
            "--dataset", "sine", "--wd", "0,1e-4,1e-3,1e-2", "--seeds", "0,1", "--epochs", String(epochs),
            "--workers", "2", "--db", db,
        ])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(try queryScalar(db, "SELECT count(*) FROM runs WHERE sweep_id = 1", as: Int.self) == 8)
        #expect(try queryScalar(db, "SELECT count(*) FROM runs WHERE sweep_id = 1 AND status = 'finished'", as: Int.self) == 8)
        for metric in ["train_loss", "val_loss", "lr", "weight_norm"] {
            #expect(try queryScalar(db, "SELECT count(*) FROM metric_history WHERE metric_name = ?", metric, as: Int.self) == 8 * epochs)
        }
        #expect(try queryScalar(db, "SELECT status FROM sweeps WHERE id = 1", as: String.self) == "finished")
        #expect(try queryScalar(db, "PRAGMA integrity_check", as: String.self) == "ok")
    }

    @Test func usageMistakesExit64BeforeAnythingIsRecorded() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let db = directory.path("t.db")
        let noData = sweepInProcess(["--wd", "0,1e-3", "--db", db])
        #expect(noData.exitCode == 64)
        #expect(noData.stderr.contains("--dataset"))
        let badValue = sweepInProcess(["--dataset", "sine", "--dropout", "0,1.5", "--db", db])
        #expect(badValue.exitCode == 64)
        #expect(!FileManager.default.fileExists(atPath: db))
        let resumeWithSpace = sweepInProcess(["--resume", "1", "--wd", "0,1", "--db", db])
        #expect(resumeWithSpace.exitCode == 64)
        #expect(resumeWithSpace.stderr.contains("--resume runs the sweep's recorded space"))
    }
}

extension SweepScoreboard {
    static func reproducing(_ sweep: Sweep, _ best: SettingScore, _ store: Store) -> String {
        (try? SweepScoreboard(sweep: sweep, store: store).reproducingCommand(for: best)) ?? "?"
    }
}

/// Cross-validation and pruning wired into real trials.
@Suite struct SweepFoldsAndPruningTests {
    @Test func foldsRunEverySettingOncePerFoldAndScoreItsSpread() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let db = directory.path("t.db")
        let result = sweepInProcess([
            "--dataset", "moons", "--wd", "0,1e-2", "--folds", "3", "--epochs", "3", "--workers", "2", "--format", "csv", "--db", db,
        ])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let store = try Store(path: db)
        defer { store.close() }
        let runs = try store.sweepRuns(1)
        #expect(runs.count == 6)
        for trial in 0..<2 {
            #expect(runs.filter { $0.trial == trial }.compactMap(\.fold).sorted() == [0, 1, 2])
        }
        let board = try SweepScoreboard(sweep: try store.sweep(id: 1), store: store)
        #expect(board.scores.allSatisfy { $0.finished == 3 && $0.standardDeviation != nil })
        // CSV: a header and one row per setting, nothing else on stdout.
        #expect(result.stdout.split(separator: "\n").count == 3)
    }

    @Test func theMedianRuleStopsAHopelessTrialWhichEndsPrunedWithItsEpochsKept() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let db = directory.path("t.db")
        let epochs = 30
        // One worker: the three good learning rates finish before the hopeless ones start.
        let result = sweepInProcess([
            "--dataset", "sine", "--lr", "1e-2,5e-3,3e-3,1e-7", "--epochs", String(epochs), "--batch-size", "full",
            "--prune", "median", "--workers", "1", "--db", db,
        ])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let store = try Store(path: db)
        defer { store.close() }
        let runs = try store.sweepRuns(1)
        let hopeless = try #require(runs.first { $0.trial == 3 })
        #expect(hopeless.status == .pruned)
        let kept = try #require(try queryScalar(
            db, "SELECT count(*) FROM metric_history WHERE run_name = ? AND metric_name = 'val_loss'",
            try store.run(id: hopeless.runID).name, as: Int.self))
        #expect(kept >= 5 && kept < epochs)
        #expect(runs.filter { $0.trial != 3 }.allSatisfy { $0.status == .finished })
        #expect(try store.sweep(id: 1).status == .finished)
        #expect(result.stderr.contains("pruned"))
    }
}
