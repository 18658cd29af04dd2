import Foundation
import Testing
import TrackerKit

@Suite("withRun: a run always ends, with the status the body earned")
struct WithRunTests {
    @Test func returningFinishesTheRun() throws {
        let directory = try ScratchDirectory()
        let (tracker, path) = try scratchTracker(directory)
        let id = try tracker.withRun(RunOptions(flushInterval: 3600)) { run in
            for step in 1...3 { try run.log(step: step, ["train_loss": Double(4 - step)]) }
            return run.id
        }
        let store = try reader(path)
        #expect(try store.run(id: id).status == .finished)
        #expect(try store.history(of: id, metric: "train_loss").map(\.value) == [3, 2, 1])
    }

    @Test func throwingFailsTheRunWithTheErrorText() throws {
        let directory = try ScratchDirectory()
        let (tracker, path) = try scratchTracker(directory)
        var id: RunID = 0
        #expect(throws: TrainingLoopFailed.self) {
            try tracker.withRun { run in
                id = run.id
                try run.log(step: 1, ["train_loss": 1])
                throw TrainingLoopFailed()
            }
        }
        let stored = try reader(path).run(id: id)
        #expect(stored.status == .failed)
        #expect(stored.stopReason == .error)
        #expect(stored.error == TrainingLoopFailed().description)
        #expect(try reader(path).history(of: id, metric: "train_loss").count == 1, "steps before the throw are kept")
    }

    @Test func cancellingTheTaskKillsTheRun() async throws {
        let directory = try ScratchDirectory()
        let (tracker, path) = try scratchTracker(directory)
        let started = AsyncStream<RunID>.makeStream()
        let training = Task {
            try await tracker.withRun { run in
                started.continuation.yield(run.id)
                var step = 0
                while true {
                    step += 1
                    try run.log(step: step, ["train_loss": 1 / Double(step)])
                    try await Task.sleep(for: .milliseconds(5))
                }
            }
        }
        var iterator = started.stream.makeAsyncIterator()
        let id = try #require(await iterator.next())
        training.cancel()
        await #expect(throws: CancellationError.self) { try await training.value }
        let stored = try reader(path).run(id: id)
        #expect(stored.status == .killed)
        #expect(stored.stopReason == .interrupted)
    }

    @Test func aRunTheBodyEndedIsLeftAsItIs() throws {
        let directory = try ScratchDirectory()
        let (tracker, path) = try scratchTracker(directory)
        let id = try tracker.withRun { run in
            try run.finish(status: .pruned)
            return run.id
        }
        #expect(try reader(path).run(id: id).status == .pruned)
    }
}
