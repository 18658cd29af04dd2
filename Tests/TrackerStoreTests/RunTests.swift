import Foundation
import SQLite
import Testing
@testable import TrackerStore

@Suite("Runs: create, name, finish, tag, annotate, delete")
struct RunTests {
    @Test(arguments: TestBackend.all) func createRecordsEverythingAsRunningOnThisHostAndProcess(backend: TestBackend) throws {
        let store = try backend.store()
        let dataset = try store.registerDataset(DatasetSpec(
            name: "digits", fingerprint: SHA256.hex(of: [1, 2, 3]), rows: 1797, features: 64,
            task: .classification, classes: 10)).dataset
        let run = try store.createRun(RunSpec(
            group: "baseline", tags: ["a", "b", "a"], notes: "first try", seed: 42, datasetID: dataset.id,
            command: "tracker train --wd 1e-3", params: ["wd": .real(1e-3), "batch_size": .integer(32)]))
        #expect(run.status == .running)
        #expect(run.group == "baseline")
        #expect(run.seed == 42)
        #expect(run.datasetID == dataset.id)
        #expect(run.command == "tracker train --wd 1e-3")
        #expect(run.host == store.host)
        #expect(run.pid == Int64(getpid()))
        #expect(run.startedAt != nil && run.heartbeatAt != nil && run.endedAt == nil)
        #expect(run.notes == "first try")
        #expect(try store.tags(of: run.id) == ["a", "b"])
        #expect(try store.params(of: run.id) == ["wd": .real(1e-3), "batch_size": .integer(32)])
        #expect(try store.run(named: run.name) == run)
    }

    @Test(arguments: TestBackend.all) func generatedNamesAreAdjectiveNounNumberAndUnique(backend: TestBackend) throws {
        let store = try backend.store(seed: 7)
        let names = try (0..<300).map { _ in try store.createRun().name }
        #expect(Set(names).count == 300)
        for name in names {
            let parts = name.split(separator: "-")
            #expect(parts.count == 3, "\(name)")
            #expect(RunNameGenerator.adjectives.contains(String(parts[0])))
            #expect(RunNameGenerator.nouns.contains(String(parts[1])))
            #expect(Int(parts[2]).map { $0 >= 1 } == true)
        }
    }

    /// Two stores with the same name seed draw the same names, so the second
    /// collides on every early draw and must retry until it finds free ones.
    @Test func collidingGeneratedNamesAreRetried() throws {
        let scratch = try ScratchDirectory()
        var options = Store.Options()
        options.nameSeed = 99
        let first = try Store(path: scratch.path("names.db"), options: options)
        let firstNames = try (0..<50).map { _ in try first.createRun().name }
        let second = try Store(path: scratch.path("names.db"), options: options)
        let secondNames = try (0..<50).map { _ in try second.createRun().name }
        #expect(Set(firstNames + secondNames).count == 100)
        #expect(try second.count("runs") == 100)
    }

    @Test(arguments: TestBackend.all) func aGivenNameThatExistsIsAClearError(backend: TestBackend) throws {
        let store = try backend.store()
        try store.createRun(RunSpec(name: "brave-otter-17"))
        let error = #expect(throws: StoreError.self) { try store.createRun(RunSpec(name: "brave-otter-17")) }
        #expect(error?.description == "a run named 'brave-otter-17' already exists; choose another name")
        #expect(try store.count("runs") == 1)
    }

    @Test(arguments: TestBackend.all) func missingDatasetIsRefusedAndNothingIsWritten(backend: TestBackend) throws {
        let store = try backend.store()
        #expect(throws: StoreError.self) { try store.createRun(RunSpec(datasetID: 5, params: ["wd": .real(0)])) }
        #expect(try store.count("runs") == 0)
        #expect(try store.count("params") == 0)
    }

    @Test(arguments: TestBackend.all) func finishSetsStatusReasonBestStepAndEnd(backend: TestBackend) throws {
        let store = try backend.store()
        let run = try store.createRun()
        try store.finishRun(run.id, status: .finished, stopReason: .earlyStopping, bestStep: 37)
        let finished = try store.run(id: run.id)
        #expect(finished.status == .finished)
        #expect(finished.stopReason == .earlyStopping)
        #expect(finished.bestStep == 37)
        #expect(finished.endedAt != nil)

        let failed = try store.createRun()
        try store.finishRun(failed.id, status: .failed, stopReason: .diverged, error: "loss became NaN at epoch 3")
        #expect(try store.run(id: failed.id).error == "loss became NaN at epoch 3")
        #expect(throws: StoreError.self) { try store.finishRun(failed.id, status: .running) }
        #expect(throws: StoreError.self) { try store.finishRun(12345) }
    }

    @Test(arguments: TestBackend.all) func tagsAndNotesCanBeChanged(backend: TestBackend) throws {
        let store = try backend.store()
        let run = try store.createRun(RunSpec(tags: ["x"]))
        try store.addTags(["y", "z", "x"], to: run.id)
        try store.removeTags(["x"], from: run.id)
        #expect(try store.tags(of: run.id) == ["y", "z"])
        try store.setNotes(run.id, "wd too high")
        try store.setGroup(run.id, "g1")
        let changed = try store.run(id: run.id)
        #expect(changed.notes == "wd too high")
        #expect(changed.group == "g1")
        #expect(throws: StoreError.self) { try store.addTags([""], to: run.id) }
        #expect(throws: StoreError.self) { try store.addTags(["t"], to: 999) }
    }

    @Test(arguments: TestBackend.all) func deletingARunRemovesEverythingItOwns(backend: TestBackend) throws {
        let store = try backend.store()
        let doomed = try store.createRun(RunSpec(tags: ["t"], params: ["wd": .real(0.1)]))
        let kept = try store.createRun(RunSpec(tags: ["t"], params: ["wd": .real(0.2)]))
        for run in [doomed, kept] {
            try store.logMetrics(run.id, step: 1, ["train_loss": 1, "val_loss": 2])
            try store.saveCheckpoint(run.id, kind: .best, step: 1, bytes: Array("weights of \(run.name)".utf8))
        }
        try store.finishRun(doomed.id)
        #expect(try store.deleteRuns([doomed.id, 4242]) == 1)
        for table in ["runs", "params", "run_tags", "checkpoints", "blobs"] {
            #expect(try store.count(table) == 1, "\(table)")
        }
        #expect(try store.count("metrics") == 2)
        #expect(try store.count("run_summary") == 2)
        #expect(try store.database.scalar("SELECT count(*) FROM metrics WHERE run_id = ?", doomed.id, as: Int.self) == 0)
        #expect(throws: StoreError.self) { try store.run(id: doomed.id) }
        #expect(try store.run(id: kept.id).name == kept.name)
    }
}
