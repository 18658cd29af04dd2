import Foundation
import ImportRecording
import RunImport
import SQLite
import Testing
import TrackerStore

@Suite struct RunImporterTests {
    private func importMLflow(_ path: String, into store: Store) throws -> ImportSummary {
        try RunImporter(store: store).importRuns(try MLflowStoreReader(path: path).readRuns())
    }

    private func count(_ table: String, in store: Store) throws -> Int {
        try store.database.scalar("SELECT count(*) FROM \(table)", as: Int.self) ?? -1
    }

    @Test(arguments: ["mlflow2", "mlflow3"])
    func mlflowRunsArriveWithEveryFinitePointAndTheirStatus(_ fixture: String) throws {
        let expected = try ImportFixtures.mlflowRuns("\(fixture)-expected.json")
        let store = try Store.inMemory()
        let summary = try importMLflow(ImportFixtures.path("\(fixture).db"), into: store)
        #expect(summary.runsCreated == expected.count)
        #expect(summary.pointsAdded == expected.map(\.finite).reduce(0, +))
        #expect(summary.nanPointsSkipped == expected.map(\.nan).reduce(0, +))
        #expect(try count("metrics", in: store) == summary.pointsAdded)
        for run in expected {
            let stored = try store.run(named: run.name)
            #expect(try store.origin(of: stored.id).source == .mlflow)
            let points = try store.summaries(of: stored.id).values.map(\.count).reduce(0, +)
            #expect(points == run.finite, "\(run.name)")
            switch run.status {
            case "running":
                #expect(stored.status == .crashed)
                #expect(stored.error?.contains("RUNNING") == true)
            case "failed":
                #expect(stored.status == .failed)
                #expect(stored.stopReason == (run.nan > 0 ? .diverged : .error))
            default:
                #expect(stored.status.rawValue == run.status)
            }
        }
        let baseline = try store.run(named: "baseline-wd0")
        #expect(baseline.group == "digits-baseline")
        #expect(baseline.notes == "first try, no regularization")
        #expect(baseline.startedAt == "2023-11-14T22:13:20.000Z")
        #expect(try store.params(of: baseline.id)["lr"] == .real(0.001))
        #expect(try store.params(of: baseline.id)["batch_size"] == .integer(32))
        #expect(try store.tags(of: baseline.id).contains("team=vision"))
        #expect(try store.sourceRecord(of: baseline.id)?.gitCommit == "3f2c9a1b7d4e5f60718293a4b5c6d7e8f9012345")
    }

    @Test func importingTwiceAddsNothing() throws {
        let store = try Store.inMemory()
        let first = try importMLflow(ImportFixtures.path("mlflow3.db"), into: store)
        let tables = ["runs", "params", "run_tags", "metrics", "run_summary", "run_sources"]
        let before = try tables.map { try count($0, in: store) }
        let second = try importMLflow(ImportFixtures.path("mlflow3.db"), into: store)
        #expect(try tables.map { try count($0, in: store) } == before)
        #expect(second.runsCreated == 0)
        #expect(second.runsUnchanged == first.runsCreated)
        #expect(second.pointsAdded == 0)
    }

    @Test func importingAgainAddsOnlyWhatMLflowLoggedSince() throws {
        let scratch = try ScratchDirectory()
        let copy = scratch.path("mlflow.db")
        try FileManager.default.copyItem(atPath: ImportFixtures.path("mlflow2.db"), toPath: copy)
        let store = try Store.inMemory()
        let first = try importMLflow(copy, into: store)
        let running = try store.run(named: "dropout-0.3")
        #expect(running.status == .crashed)
        let pointsBefore = try store.history(of: running.id, metric: "val_loss").count

        // MLflow goes on: two more epochs of the running run, then it ends.
        let mlflow = try Database(path: copy)
        let uuid = try #require(try mlflow.scalar("SELECT run_uuid FROM runs WHERE name = 'dropout-0.3'", as: String.self))
        for (step, value) in [(3, 0.9), (4, 0.8)] {
            try mlflow.execute(
                "INSERT INTO metrics (key, value, timestamp, run_uuid, step, is_nan) VALUES ('val_loss', ?, ?, ?, ?, 0)",
                value, Int64(1_700_000_124_000 + step), uuid, Int64(step))
        }
        try mlflow.execute("UPDATE runs SET status = 'FINISHED', end_time = 1700000130000 WHERE run_uuid = ?", uuid)
        mlflow.close()

        let second = try importMLflow(copy, into: store)
        #expect(second.runsCreated == 0)
        #expect(second.pointsAdded == 2)
        #expect(second.runsUpdated == 1)
        #expect(second.runsUnchanged == first.runsCreated - 1)
        let updated = try store.run(id: running.id)
        #expect(updated.status == .finished)
        #expect(updated.error == nil)
        #expect(updated.endedAt == "2023-11-14T22:15:30.000Z")
        #expect(try store.history(of: running.id, metric: "val_loss").count == pointsBefore + 2)
        let summary = try #require(try store.summaries(of: running.id)["val_loss"])
        #expect(summary.lastStep == 4)
        #expect(summary.lastValue == 0.8)
    }

    @Test func aNameTakenInTheTrackerGetsTheRunIDAppended() throws {
        let store = try Store.inMemory()
        try store.createRun(RunSpec(name: "baseline-wd0"))
        _ = try importMLflow(ImportFixtures.path("mlflow2.db"), into: store)
        let imported = try #require(try store.run(source: .mlflow, externalID: "3a46e6b099f946b19d45af1cb0caae1c"))
        #expect(imported.name == "baseline-wd0-3a46e6b0")
        #expect(try store.run(named: "baseline-wd0").id != imported.id)
    }

    @Test func aGroupOverrideWins() throws {
        let store = try Store.inMemory()
        let runs = try MLflowStoreReader(path: ImportFixtures.path("mlflow2.db")).readRuns()
        _ = try RunImporter(store: store, groupOverride: "legacy").importRuns(runs)
        #expect(try store.runs().allSatisfy { $0.group == "legacy" })
    }

    @Test func tensorBoardRunsArriveAndImportTwiceAddsNothing() throws {
        let expected = try ImportFixtures.tensorBoardPoints()
        let store = try Store.inMemory()
        let runs = try TensorBoardReader(root: ImportFixtures.path("tensorboard")).readRuns()
        let first = try RunImporter(store: store).importRuns(runs)
        #expect(first.runsCreated == expected.count)
        #expect(first.pointsAdded == expected.values.reduce(0, +))
        for (directory, points) in expected {
            let run = try #require(try store.run(source: .tensorboard, externalID: directory))
            #expect(try store.summaries(of: run.id).values.map(\.count).reduce(0, +) == points)
            #expect(run.status == .finished)
        }
        let runB = try #require(try store.run(source: .tensorboard, externalID: "sweep/run-b"))
        #expect(runB.group == "sweep")
        #expect(runB.name == "run-b")
        let second = try RunImporter(store: store).importRuns(runs)
        #expect(second.pointsAdded == 0)
        #expect(second.runsUnchanged == expected.count)
    }

    @Test func aCorruptRecordIsAWarningNamingFileAndOffset() throws {
        let corruption = try JSONSerialization.jsonObject(
            with: Data(contentsOf: ImportFixtures.directory.appendingPathComponent("tensorboard-corrupt/corruption.json")))
            as? [String: Any] ?? [:]
        let file = try #require(corruption["file"] as? String)
        let offset = try #require(corruption["flipped_record_offset"] as? Int)
        let store = try Store.inMemory()
        let runs = try TensorBoardReader(root: ImportFixtures.path("tensorboard-corrupt")).readRuns()
        let summary = try RunImporter(store: store).importRuns(runs)
        #expect(summary.runsCreated == 1)
        #expect(summary.pointsAdded > 0)
        #expect(summary.warnings.contains { $0.contains(file) && $0.contains("\(offset)") }, "\(summary.warnings)")
    }
}
