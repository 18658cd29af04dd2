import Foundation
import Testing
import TrackerKit

@Suite("RunHandle: batched metrics, params, checkpoints, kept step, ending")
struct RunHandleTests {
    @Test func stepsWaitForTheFlushIntervalThenAllArrive() throws {
        let directory = try ScratchDirectory()
        let (tracker, path) = try scratchTracker(directory)
        let run = try tracker.startRun(RunOptions(flushInterval: 3600))
        for step in 1...5 { try run.log(step: step, ["train_loss": 1 / Double(step), "val_loss": 2 / Double(step)]) }

        let other = try reader(path)
        #expect(try other.history(of: run.id, metric: "train_loss").isEmpty, "an hour's interval: nothing committed yet")
        try run.flush()
        let history = try other.history(of: run.id, metric: "train_loss")
        #expect(history.map(\.step) == [1, 2, 3, 4, 5])
        #expect(history.map(\.value) == (1...5).map { 1 / Double($0) })
        try run.finish()
    }

    @Test func aZeroIntervalCommitsEveryStep() throws {
        let directory = try ScratchDirectory()
        let (tracker, path) = try scratchTracker(directory)
        let run = try tracker.startRun(RunOptions(flushInterval: 0))
        let other = try reader(path)
        for step in 1...3 {
            try run.log(step: step, ["val_loss": Double(10 - step)])
            #expect(try other.history(of: run.id, metric: "val_loss").count == step)
        }
        try run.finish()
    }

    @Test func finishWritesWhatIsPending() throws {
        let directory = try ScratchDirectory()
        let (tracker, path) = try scratchTracker(directory)
        let run = try tracker.startRun(RunOptions(flushInterval: 3600))
        try run.log(step: 1, ["train_loss": 0.5])
        try run.finish()
        let summaries = try reader(path).summaries(of: run.id)
        #expect(summaries["train_loss"]?.lastValue == 0.5)
    }

    @Test func checkpointsAreContentAddressedAndTheKeptStepIsStored() throws {
        let directory = try ScratchDirectory()
        let (tracker, path) = try scratchTracker(directory)
        let bytes: [UInt8] = (0..<64).map { UInt8($0 * 3 % 256) }
        let first = try tracker.startRun()
        let second = try tracker.startRun()
        let a = try first.saveCheckpoint(bytes: bytes, step: 4, kind: .best)
        let b = try second.saveCheckpoint(bytes: bytes, step: 6, kind: .manual)
        #expect(a.sha256 == b.sha256)
        try first.markBest(step: 4)
        try first.markKept(step: 6)
        try first.finish()
        try second.finish()

        let store = try reader(path)
        #expect(try store.run(id: first.id).bestStep == 4)
        #expect(try store.run(id: first.id).keptStep == 6, "markKept writes the kept step, not the best one")
        let stored = try #require(try store.checkpoint(first.id, kind: .best))
        #expect(try store.checkpointBytes(stored) == bytes)
        let shared = try #require(try store.checkpoint(second.id, kind: .manual))
        #expect(try store.checkpointBytes(shared) == bytes)
    }

    @Test func paramsTagsAndNotesCanBeAddedWhileRunning() throws {
        let directory = try ScratchDirectory()
        let (tracker, path) = try scratchTracker(directory)
        let run = try tracker.startRun(RunOptions(params: ["lr": .real(0.1)]))
        try run.setParams(["epochs": .integer(30)])
        try run.addTags(["late"])
        try run.setNotes("added after start")
        try run.finish()
        let store = try reader(path)
        #expect(try store.params(of: run.id) == ["lr": .real(0.1), "epochs": .integer(30)])
        #expect(try store.tags(of: run.id) == ["late"])
        #expect(try store.run(id: run.id).notes == "added after start")
    }

    @Test func anEndedRunRefusesMoreSteps() throws {
        let directory = try ScratchDirectory()
        let (tracker, _) = try scratchTracker(directory)
        let run = try tracker.startRun()
        try run.finish(status: .killed)
        #expect(throws: TrackerError.runAlreadyEnded(name: run.name, status: .killed)) {
            try run.log(step: 1, ["train_loss": 1])
        }
        #expect(throws: TrackerError.self) { try run.finish() }
    }

    @Test func runningIsNotAFinalStatus() throws {
        let directory = try ScratchDirectory()
        let (tracker, _) = try scratchTracker(directory)
        let run = try tracker.startRun()
        #expect(throws: TrackerError.runningIsNotAnEnd(name: run.name)) { try run.finish(status: .running) }
        try run.finish()
    }

    @Test func aReleasedHandleNeverLeavesTheRunRunning() throws {
        let directory = try ScratchDirectory()
        let (tracker, path) = try scratchTracker(directory)
        var id: RunID = 0
        do {
            let run = try tracker.startRun(RunOptions(flushInterval: 3600))
            try run.log(step: 1, ["train_loss": 0.25])
            id = run.id
        }
        let stored = try reader(path).run(id: id)
        #expect(stored.status == .failed)
        #expect(stored.error?.contains("without finish()") == true)
        #expect(try reader(path).history(of: id, metric: "train_loss").map(\.value) == [0.25])
    }

    @Test func stepsLoggedFromSeveralThreadsAreAllWritten() async throws {
        let directory = try ScratchDirectory()
        let (tracker, path) = try scratchTracker(directory)
        let run = try tracker.startRun(RunOptions(flushInterval: 0.001))
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    for step in 1...25 { try? run.log(step: step, ["loss_\(worker)": Double(step)]) }
                }
            }
        }
        try run.finish()
        let store = try reader(path)
        for worker in 0..<4 {
            #expect(try store.history(of: run.id, metric: "loss_\(worker)").map(\.step) == Array(1...25))
        }
    }
}
