import Foundation
import SQLite
import Testing
import TrackerKit

/// A checkpoint is committed in one transaction with the metrics pending
/// before it: a reader, or a crash, sees an epoch's metrics and the weights
/// they made best together or neither.
@Suite struct CheckpointWithMetricsTests {
    /// Makes every checkpoint write fail inside its transaction, after the
    /// metrics of that transaction were inserted.
    static let refuseCheckpoints = """
        CREATE TRIGGER refuse_checkpoints BEFORE INSERT ON checkpoints
        BEGIN SELECT RAISE(ABORT, 'checkpoints refused by the test'); END
        """

    @Test func aFailingCheckpointWriteRollsBackTheMetricsOfItsTransaction() throws {
        let directory = try ScratchDirectory()
        let (tracker, path) = try scratchTracker(directory)
        let run = try tracker.startRun(RunOptions(flushInterval: 3600))
        let losses = (1...4).map { 1 / Double($0 + 1) }
        for (index, loss) in losses.enumerated() { try run.log(step: index + 1, [MetricKey.valLoss: loss]) }
        let other = try reader(path)
        try other.database.execute(Self.refuseCheckpoints)

        let weights: [UInt8] = (0..<32).map { UInt8($0 * 7 % 256) }
        #expect(throws: (any Error).self) { try run.saveCheckpoint(bytes: weights, step: 4, kind: .best) }
        #expect(try other.history(of: run.id, metric: MetricKey.valLoss).isEmpty, "the metrics went down with their checkpoint")
        #expect(try other.checkpoint(run.id, kind: .best) == nil)

        // Both stayed pending: the next flush writes them together.
        try other.database.execute("DROP TRIGGER refuse_checkpoints")
        try run.flush()
        #expect(try other.history(of: run.id, metric: MetricKey.valLoss).map(\.value) == losses)
        let best = try #require(try other.checkpoint(run.id, kind: .best))
        #expect(best.step == 4)
        #expect(try other.checkpointBytes(best) == weights)
        try run.finish()
    }

    @Test func aStagedCheckpointWaitsForTheFlushOfItsMetrics() throws {
        let directory = try ScratchDirectory()
        let (tracker, path) = try scratchTracker(directory)
        let run = try tracker.startRun(RunOptions(flushInterval: 3600))
        let other = try reader(path)
        try run.stage(step: 1, [MetricKey.valLoss: 0.5])
        try run.stageCheckpoint(bytes: [1, 2, 3], step: 1, kind: .best)
        try run.stage(step: 2, [MetricKey.valLoss: 0.7])
        try run.stageCheckpoint(bytes: [4, 5, 6], step: 2, kind: .periodic)
        #expect(try other.history(of: run.id, metric: MetricKey.valLoss).isEmpty)
        #expect(try other.checkpoints(of: run.id).isEmpty)

        try run.flush()
        #expect(try other.history(of: run.id, metric: MetricKey.valLoss).map(\.step) == [1, 2])
        #expect(try other.checkpoints(of: run.id).map(\.step) == [1, 2])
        #expect(try other.checkpoint(run.id, kind: .best)?.step == 1)
        try run.finish()
    }

    @Test func theEndWritesStagedCheckpoints() throws {
        let directory = try ScratchDirectory()
        let (tracker, path) = try scratchTracker(directory)
        let run = try tracker.startRun(RunOptions(flushInterval: 3600))
        try run.stage(step: 3, [MetricKey.valLoss: 0.25])
        try run.stageCheckpoint(bytes: [9, 8, 7], step: 3, kind: .best)
        try run.finish()
        let store = try reader(path)
        #expect(try store.checkpoint(run.id, kind: .best)?.step == 3)
        #expect(try store.history(of: run.id, metric: MetricKey.valLoss).map(\.step) == [3])
    }
}
