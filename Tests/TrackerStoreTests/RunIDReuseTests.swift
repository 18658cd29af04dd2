import Foundation
import SQLite
import Testing
@testable import TrackerStore

/// A deleted run's id is never given again, a live run cannot be deleted,
/// and a writer whose run is gone or ended stops instead of writing.
@Suite struct RunIDReuseTests {
    @Test(arguments: TestBackend.all) func aDeletedRunsIdIsNeverGivenToANewRun(backend: TestBackend) throws {
        let store = try backend.store()
        let runs = try (0..<3).map { _ in try store.createRun() }
        for run in runs { try store.finishRun(run.id) }
        try store.deleteRuns([runs[2].id])
        let next = try store.createRun()
        #expect(next.id == runs[2].id + 1)

        // Deleting every run does not start the numbering again either.
        try store.finishRun(next.id)
        try store.deleteRuns(try store.runIDs())
        #expect(try store.createRun().id == next.id + 1)
    }

    @Test(arguments: TestBackend.all) func aRunningRunIsNotDeletedAndTheMessageSaysHowToStopIt(backend: TestBackend) throws {
        let store = try backend.store()
        let finished = try store.createRun()
        try store.finishRun(finished.id)
        let live = try store.createRun()
        let error = #expect(throws: StoreError.self) { try store.deleteRuns([finished.id, live.id]) }
        let message = "\(error!)"
        #expect(message.contains(live.name) && message.contains("kill \(store.processID)") && message.contains(store.host))
        #expect(try store.count("runs") == 2, "nothing was deleted")
    }

    @Test(arguments: TestBackend.all) func anOrphanedWriterStopsWithAClearError(backend: TestBackend) throws {
        let store = try backend.store()
        let run = try store.createRun()
        try store.logMetrics(run.id, step: 1, ["val_loss": 1])
        // Another process ends the run (or marks it crashed) behind the writer's back.
        try store.database.execute("UPDATE runs SET status = 'crashed' WHERE id = ?", run.id)
        let error = #expect(throws: StoreError.self) { try store.logMetrics(run.id, points: [MetricPoint(key: "val_loss", step: 2, value: 0.5)], whileRunning: true) }
        #expect("\(error!)".contains("crashed, no longer running"))
        #expect(throws: StoreError.self) { try store.saveCheckpoint(run.id, kind: .last, step: 2, bytes: [1, 2], whileRunning: true) }
        #expect(throws: StoreError.self) { try store.setBestStep(run.id, step: 1, whileRunning: true) }
        #expect(try store.history(of: run.id, metric: "val_loss").map(\.step) == [1])

        try store.database.execute("DELETE FROM runs WHERE id = ?", run.id)
        let gone = #expect(throws: StoreError.self) { try store.logMetrics(run.id, points: [MetricPoint(key: "val_loss", step: 3, value: 0.4)], whileRunning: true) }
        #expect("\(gone!)".contains("no longer exists"))
        #expect(try store.count("metrics") == 0)
    }

    @Test(arguments: TestBackend.all) func withoutTheGuardAnEndedRunCanStillBeAmended(backend: TestBackend) throws {
        // Importers and corrections write to ended runs on purpose.
        let store = try backend.store()
        let run = try store.createRun()
        try store.finishRun(run.id)
        try store.logMetrics(run.id, step: 1, ["test_loss": 0.3])
        #expect(try store.history(of: run.id, metric: "test_loss").map(\.value) == [0.3])
    }
}
