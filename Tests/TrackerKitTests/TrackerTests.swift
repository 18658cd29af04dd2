import Foundation
import Testing
import TrackerKit

@Suite("Tracker: opening a store and starting runs")
struct TrackerTests {
    @Test func databasePathFollowsTheCLIRule() {
        #expect(DatabaseLocation.resolve(explicit: "a.db", environment: ["TRACKER_DB": "b.db"]) == "a.db")
        #expect(DatabaseLocation.resolve(explicit: nil, environment: ["TRACKER_DB": "b.db"]) == "b.db")
        #expect(DatabaseLocation.resolve(explicit: nil, environment: ["TRACKER_DB": ""]) == "./tracker.db")
        #expect(DatabaseLocation.resolve(explicit: nil, environment: [:]) == "./tracker.db")
    }

    @Test func anEmptyPathIsRefusedWithTheFix() {
        let error = #expect(throws: TrackerError.self) { try Tracker.open(path: "", environment: [:]) }
        #expect(error?.description.contains("database path is empty") == true)
    }

    @Test func theEnvironmentChoosesTheFileWhenNoPathIsGiven() throws {
        let directory = try ScratchDirectory()
        let path = directory.path("from-env.db")
        let tracker = try Tracker.open(environment: ["TRACKER_DB": path])
        #expect(tracker.path == path)
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test func startRunRecordsWhatTrackerTrainRecords() throws {
        let directory = try ScratchDirectory()
        let (tracker, path) = try scratchTracker(directory)
        let dataset = DatasetSpec(
            name: "blobs", fingerprint: String(repeating: "ab", count: 32), rows: 120, features: 2,
            task: .classification, classes: 3, target: "label", source: "generated")
        let run = try tracker.startRun(RunOptions(
            name: "first", group: "baselines", tags: ["a", "b"], notes: "hand-written loop",
            params: ["lr": .real(0.05), "hidden": .integer(16), "optimizer": .text("sgd")], seed: 42,
            dataset: dataset, commandLine: "swift run my-loop"))
        try run.finish()

        let store = try reader(path)
        let stored = try store.run(named: "first")
        #expect(stored.status == .finished)
        #expect(stored.stopReason == .completed)
        #expect(stored.group == "baselines")
        #expect(stored.seed == 42)
        #expect(stored.command == "swift run my-loop")
        #expect(stored.notes == "hand-written loop")
        #expect(try store.tags(of: stored.id) == ["a", "b"])
        #expect(try store.params(of: stored.id) == ["lr": .real(0.05), "hidden": .integer(16), "optimizer": .text("sgd")])
        let version = try #require(try store.latestDataset(named: "blobs"))
        #expect(stored.datasetID == version.id)
        #expect(run.dataset == version)
    }

    @Test func aRunWithoutANameGetsOne() throws {
        let directory = try ScratchDirectory()
        let (tracker, _) = try scratchTracker(directory)
        let first = try tracker.startRun()
        let second = try tracker.startRun()
        #expect(!first.name.isEmpty)
        #expect(first.name != second.name)
        try first.finish()
        try second.finish()
    }
}
