import Foundation
import Testing
import TrackerStore
import Training
@testable import TrackerCLI

/// `tracker train` end to end on temporary databases, in-process (small
/// data sets and few epochs keep it fast).
@Suite struct TrainCommandTests {
    @Test func aRunIsRecordedWithTypedParamsEveryEpochCheckpointsAndTestMetrics() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let db = directory.path("t.db")
        let result = trainInProcess([
            "--dataset", "moons", "--epochs", "12", "--wd", "1e-3", "--dropout", "0.2", "--hidden", "16,16",
            "--name", "first", "--group", "g", "--tag", "a", "--tag", "b", "--notes", "hello", "--seed", "3", "--db", db,
        ])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Run first (id 1): moons v1"))
        #expect(result.stdout.contains("Next: tracker compare --group g --db "))

        let store = try Store(path: db)
        defer { store.close() }
        let run = try store.run(named: "first")
        #expect(run.status == .finished)
        #expect(run.stopReason == .completed)
        #expect(run.seed == 3)
        #expect(run.group == "g")
        #expect(run.notes == "hello")
        #expect(try store.tags(of: run.id) == ["a", "b"])
        #expect(run.command?.hasPrefix("tracker train --dataset moons --hidden 16,16 --epochs 12") == true)

        let params = try store.params(of: run.id)
        #expect(params["wd"] == .real(1e-3))
        #expect(params["dropout"] == .real(0.2))
        #expect(params["hidden"] == .text("16,16"))
        #expect(params["epochs"] == .integer(12))
        #expect(params["batch_size"] == .integer(32))
        #expect(params["optimizer"] == .text("adam"))
        #expect(params["early_stop"] == .integer(0))
        #expect(params["train_rows"] == .integer(300))
        #expect(try queryScalar(db, "SELECT typeof(value) FROM params WHERE run_id = 1 AND key = 'wd'") == "real")
        #expect(try queryScalar(db, "SELECT typeof(value) FROM params WHERE run_id = 1 AND key = 'l2'") == "real")

        for metric in ["train_loss", "val_loss", "train_acc", "val_acc", "lr", "weight_norm", "sparsity"] {
            #expect(try pointCount(db, run: "first", metric: metric) == 12, "\(metric)")
        }
        #expect(try pointCount(db, run: "first", metric: "test_loss") == 1)
        #expect(try pointCount(db, run: "first", metric: "test_acc") == 1)
        // Without early stopping the last epoch's weights are tested.
        #expect(try queryScalar(db, "SELECT step FROM metric_history WHERE metric_name = 'test_loss'") == 12)
        #expect(try store.checkpoint(run.id, kind: .last)?.step == 12)
        let best = try #require(try store.checkpoint(run.id, kind: .best))
        #expect(best.step == run.bestStep)
        #expect(try queryScalar(db, "SELECT count(*) FROM datasets") == 1)
        #expect(try queryScalar(db, "SELECT dataset_id FROM runs WHERE name = 'first'") == 1)
    }

    @Test func earlyStoppingStopsBeforeTheLastEpochAndTestsTheBestWeights() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let db = directory.path("t.db")
        let result = trainInProcess([
            "--dataset", "moons", "--epochs", "400", "--lr", "0.05", "--early-stop", "3", "--hidden", "16", "--name", "es", "--db", db,
        ])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let store = try Store(path: db)
        defer { store.close() }
        let run = try store.run(named: "es")
        #expect(run.stopReason == .earlyStopping)
        let bestStep = try #require(run.bestStep)
        let epochs = try pointCount(db, run: "es", metric: "train_loss")
        #expect(epochs < 400)
        #expect(epochs == bestStep + 3)
        #expect(try store.checkpoint(run.id, kind: .best)?.step == bestStep)
        #expect(try store.checkpoint(run.id, kind: .last)?.step == epochs)
        #expect(try queryScalar(db, "SELECT step FROM metric_history WHERE metric_name = 'test_loss'") == bestStep)
        #expect(result.stdout.contains("early stopping at epoch \(epochs) of 400, best epoch \(bestStep)"))
    }

    /// The stored checkpoint, evaluated on the rebuilt test split, gives the
    /// test metrics the run logged.
    @Test(arguments: [["--early-stop", "5"], []])
    func evalReproducesTheLoggedTestMetrics(extra: [String]) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let db = directory.path("t.db")
        let trained = trainInProcess(["--dataset", "spirals", "--epochs", "15", "--hidden", "32", "--name", "r", "--db", db] + extra)
        #expect(trained.exitCode == 0, "\(trained.stderr)")
        let logged: Double = try #require(try queryScalar(db, "SELECT value FROM metric_history WHERE metric_name = 'test_loss'"))
        let loggedAccuracy: Double = try #require(try queryScalar(db, "SELECT value FROM metric_history WHERE metric_name = 'test_acc'"))

        let eval = runCLI(["eval", "r", "--db", db, "--format", "json"])
        #expect(eval.exitCode == 0, "\(eval.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(eval.stdout.utf8)) as? [[String: Any]])
        let row = try #require(rows.first)
        #expect(row["checkpoint"] as? String == (extra.isEmpty ? "last" : "best"))
        let loss = try #require(row["loss"] as? Double)
        #expect(abs(loss - logged) <= 1e-12 * max(1, abs(logged)))
        #expect(row["acc"] as? Double == loggedAccuracy)
    }

    @Test func evalReadsACSVWithTheTrainingStatistics() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let db = directory.path("t.db")
        // y = 2a - b; the evaluation file's features sit far from the training
        // ones, so reading them unstandardized would show.
        var train = "a,b,y\n"
        for index in 0..<60 {
            let a = Double(index % 7) * 10, b = Double(index % 5) * 100
            train += "\(a),\(b),\(2 * a - b)\n"
        }
        try train.write(toFile: directory.path("train.csv"), atomically: true, encoding: .utf8)
        try "a,b,y\n10,100,-80\n20,0,40\n".write(toFile: directory.path("new.csv"), atomically: true, encoding: .utf8)
        try "a,c,y\n1,2,3\n".write(toFile: directory.path("other.csv"), atomically: true, encoding: .utf8)
        let trained = trainInProcess(["--dataset", directory.path("train.csv"), "--epochs", "5", "--name", "csv", "--db", db])
        #expect(trained.exitCode == 0, "\(trained.stderr)")

        let eval = runCLI(["eval", "csv", "--db", db, "--dataset", directory.path("new.csv"), "--format", "csv"])
        #expect(eval.exitCode == 0, "\(eval.stderr)")
        #expect(eval.stdout.hasPrefix("run,checkpoint,epoch,data,rows,loss\n"))
        #expect(eval.stdout.contains(",2,"))

        let mismatched = runCLI(["eval", "csv", "--db", db, "--dataset", directory.path("other.csv")])
        #expect(mismatched.exitCode == 1)
        #expect(mismatched.stderr.contains("differ from"))

        // The training file changed: its test split cannot be rebuilt honestly.
        try (train + "1,1,1\n").write(toFile: directory.path("train.csv"), atomically: true, encoding: .utf8)
        let changed = runCLI(["eval", "csv", "--db", db])
        #expect(changed.exitCode == 1)
        #expect(changed.stderr.contains("is not the version run 'csv' was trained on"))
    }

    /// The tutorial setup that overflows (N(0,1) x 0.5 weights, plain full
    /// batch gradient descent, lr 0.005): the run fails, names the cause, and
    /// no non-finite number is stored.
    @Test func aDivergingRunIsMarkedFailedWithItsCause() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let db = directory.path("t.db")
        let result = trainInProcess([
            "--dataset", "sine", "--hidden", "64,64,64", "--init", "normal:0.5", "--optimizer", "sgd", "--lr", "0.005",
            "--batch-size", "full", "--epochs", "100", "--name", "boom", "--db", db,
        ])
        #expect(result.exitCode == 1)
        // The engine stops it as unstable (finite but exploding) or diverged (overflow), whichever comes first.
        #expect(result.stderr.contains("diverged at epoch") || result.stderr.contains("unstable at epoch"))
        #expect(result.stderr.contains("learning rate"))
        let store = try Store(path: db)
        defer { store.close() }
        let run = try store.run(named: "boom")
        #expect(run.status == .failed)
        #expect(run.stopReason == .diverged)
        #expect(run.error?.contains("learning rate") == true)
        #expect(try pointCount(db, run: "boom", metric: "train_loss") < 10)
        #expect(try pointCount(db, run: "boom", metric: "test_loss") == 0)
        #expect(try queryScalar(db, "SELECT count(*) FROM metrics WHERE value IS NULL OR abs(value) > 1e308") == 0)
    }

    @Test func checkpointExportWritesTheStoredBytes() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let db = directory.path("t.db")
        #expect(trainInProcess(["--dataset", "moons", "--epochs", "4", "--hidden", "8", "--name", "c", "--db", db]).exitCode == 0)
        let file = directory.path("last.ckpt")
        let export = runCLI(["checkpoint", "export", "c", "--kind", "last", "-o", file, "--db", db])
        #expect(export.exitCode == 0, "\(export.stderr)")
        let written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
        let store = try Store(path: db)
        defer { store.close() }
        let stored = try #require(try store.checkpoint(try store.run(named: "c").id, kind: .last))
        #expect(written == (try store.checkpointBytes(stored)))
        #expect(try Model(checkpoint: written).architecture.inputs == 2)

        let list = runCLI(["checkpoint", "list", "c", "--db", db, "--format", "csv"])
        #expect(list.stdout.contains("\nbest,"))
        #expect(list.stdout.contains("\nlast,4,"))
        let missing = runCLI(["checkpoint", "export", "nope", "-o", file, "--db", db])
        #expect(missing.exitCode == 1)
        #expect(missing.stderr.hasPrefix("Error: no run named 'nope'"))
    }

    /// The seam a sweep uses: an outside stop after an epoch ends the run
    /// with the status it asks for, keeping its history and checkpoints.
    @Test func aJobStoppedByAPrunerEndsPrunedWithItsHistory() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        guard case .arguments(let arguments) = try ArgumentParser.parse(
            ["--dataset", "moons", "--epochs", "50", "--hidden", "8", "--name", "p"], for: TrainCommand.spec) else {
            Issue.record("help requested")
            return
        }
        let job = try TrainingJob(try TrainRequest(arguments, environment: [:]))
        let store = try Store(path: directory.path("t.db"))
        defer { store.close() }
        let outcome = try job.record(in: store, stopCheck: { $0.epoch == 3 ? .pruned : nil })
        #expect(outcome.status == .pruned)
        let run = try store.run(named: "p")
        #expect(run.status == .pruned)
        #expect(run.stopReason == .pruned)
        #expect(try store.history(of: run.id, metric: "train_loss").count == 3)
        #expect(try store.checkpoint(run.id, kind: .last)?.step == 3)
    }

    /// A run's recorded params, turned back into `tracker train` arguments,
    /// parse to the same params: what `diagnose` and sweeps rely on.
    @Test(arguments: [
        ["--dataset", "moons", "--epochs", "3"],
        ["--dataset", "digits", "--epochs", "3", "--hidden", "32,16", "--dropout", "0.5,0.2", "--batchnorm", "--optimizer", "momentum",
         "--init", "normal:0.1", "--schedule", "step:2:0.5", "--early-stop", "4", "--monitor", "val_acc", "--clip", "1.5",
         "--proximal-l1", "--l1", "1e-4", "--batch-size", "full", "--shift", "1", "--val-split", "0.25"],
        ["--dataset", "sine", "--epochs", "3", "--data-noise", "0.1", "--data-seed", "4", "--rmsnorm", "--wd", "0.01", "--optimizer", "adamw"],
    ])
    func recordedParamsReplayAsTheSameRun(words: [String]) throws {
        func params(_ words: [String]) throws -> [String: ParamValue] {
            guard case .arguments(let arguments) = try ArgumentParser.parse(words, for: TrainCommand.spec) else {
                throw CommandFailure("help requested")
            }
            let job = try TrainingJob(try TrainRequest(arguments, environment: [:]))
            return RunParams.params(for: job.request, data: job.prepared, model: job.architecture.parameterCount)
        }
        let recorded = try params(words)
        let replayed = try params(RunParams.trainArguments(from: recorded.mapValues(Self.asStored)))
        #expect(replayed == recorded)
    }

    /// Booleans come back from SQLite as integers.
    private static func asStored(_ value: ParamValue) -> ParamValue {
        if case .bool(let flag) = value { return .integer(flag ? 1 : 0) }
        return value
    }

    @Test func separateValidationAndTestFilesReplaceTheSplits() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        func write(_ name: String, rows: Range<Int>) throws {
            var text = "x1,x2,label\n"
            for index in rows { text += "\(index % 9),\(index % 4),\(index % 3 == 0 ? "yes" : "no")\n" }
            try text.write(toFile: directory.path(name), atomically: true, encoding: .utf8)
        }
        try write("train.csv", rows: 0..<60)
        try write("val.csv", rows: 60..<75)
        try write("test.csv", rows: 75..<86)
        let db = directory.path("t.db")
        let result = trainInProcess([
            "--dataset", directory.path("train.csv"), "--val-data", directory.path("val.csv"),
            "--test-data", directory.path("test.csv"), "--epochs", "3", "--name", "files", "--db", db,
        ])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let store = try Store(path: db)
        defer { store.close() }
        let params = try store.params(of: try store.run(named: "files").id)
        #expect(params["train_rows"] == .integer(60))
        #expect(params["val_rows"] == .integer(15))
        #expect(params["test_rows"] == .integer(11))
        let eval = runCLI(["eval", "files", "--db", db, "--format", "csv"])
        #expect(eval.exitCode == 0, "\(eval.stderr)")
        #expect(eval.stdout.contains(",11,"))
    }
}
