import Foundation
import Testing
import TrackerKit

/// A handle whose run was ended (or deleted) by another process stops at its
/// next write with a clear error instead of writing into the run.
@Suite struct OrphanedHandleTests {
    @Test func aHandleStopsWhenAnotherProcessEndedItsRun() throws {
        let directory = try ScratchDirectory()
        let (tracker, path) = try scratchTracker(directory)
        let run = try tracker.startRun(RunOptions(flushInterval: 0))
        try run.log(step: 1, ["val_loss": 0.5])
        let other = try reader(path)
        try other.finishRun(run.id, status: .killed, stopReason: .interrupted)

        let error = #expect(throws: StoreError.self) { try run.log(step: 2, ["val_loss": 0.4]) }
        #expect("\(error!)".contains("killed, no longer running"))
        #expect(throws: StoreError.self) { try run.saveCheckpoint(bytes: [1], step: 2, kind: .last) }
        #expect(throws: StoreError.self) { try run.setParams(["wd": .real(0.1)]) }
        #expect(try other.history(of: run.id, metric: "val_loss").map(\.step) == [1])
        #expect(try other.run(id: run.id).status == .killed, "the other process's verdict stands")
    }
}
