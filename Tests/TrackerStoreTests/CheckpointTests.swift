import Testing
@testable import TrackerStore

@Suite("Checkpoints in content-addressed blobs")
struct CheckpointTests {
    @Test(arguments: TestBackend.all) func bytesRoundTripAndIdenticalBytesAreStoredOnce(backend: TestBackend) throws {
        let store = try backend.store()
        let first = try store.createRun()
        let second = try store.createRun()
        let weights: [UInt8] = (0..<5000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        let a = try store.saveCheckpoint(first.id, kind: .periodic, step: 10, bytes: weights)
        let b = try store.saveCheckpoint(second.id, kind: .periodic, step: 10, bytes: weights)
        try store.saveCheckpoint(first.id, kind: .manual, step: 11, bytes: [])
        #expect(a.sha256 == SHA256.hex(of: weights))
        #expect(a.sha256 == b.sha256 && a.id != b.id)
        #expect(a.size == 5000)
        #expect(try store.count("blobs") == 2)
        #expect(try store.checkpointBytes(b) == weights)
        #expect(try store.checkpointBytes(try store.checkpoint(first.id, kind: .manual)!) == [])
    }

    @Test(arguments: TestBackend.all) func bestAndLastAreReplacedAndTheirOldBlobsGo(backend: TestBackend) throws {
        let store = try backend.store()
        let run = try store.createRun()
        try store.saveCheckpoint(run.id, kind: .best, step: 3, bytes: [3])
        try store.saveCheckpoint(run.id, kind: .last, step: 3, bytes: [3])
        try store.saveCheckpoint(run.id, kind: .periodic, step: 5, bytes: [5])
        try store.saveCheckpoint(run.id, kind: .periodic, step: 10, bytes: [10])
        try store.saveCheckpoint(run.id, kind: .best, step: 8, bytes: [8])
        try store.saveCheckpoint(run.id, kind: .last, step: 10, bytes: [10])
        let best = try #require(try store.checkpoint(run.id, kind: .best))
        #expect(best.step == 8)
        #expect(try store.checkpointBytes(best) == [8])
        #expect(try store.checkpoint(run.id, kind: .last)?.step == 10)
        #expect(try store.checkpoints(of: run.id).map { "\($0.kind.rawValue)@\($0.step)" } == ["periodic@5", "best@8", "periodic@10", "last@10"])
        // [3] is referenced by nothing now; [10] is shared by periodic and last.
        #expect(try store.count("blobs") == 3)
    }

    @Test(arguments: TestBackend.all) func deletingRunsRemovesOnlyBlobsNobodyReferences(backend: TestBackend) throws {
        let store = try backend.store()
        let a = try store.createRun()
        let b = try store.createRun()
        try store.saveCheckpoint(a.id, kind: .best, step: 1, bytes: [1, 1])
        try store.saveCheckpoint(b.id, kind: .best, step: 1, bytes: [1, 1])
        try store.saveCheckpoint(a.id, kind: .last, step: 2, bytes: [2, 2])
        try store.finishRun(a.id)
        try store.deleteRuns([a.id])
        #expect(try store.count("blobs") == 1)
        #expect(try store.checkpointBytes(try #require(try store.checkpoint(b.id, kind: .best))) == [1, 1])
        #expect(throws: StoreError.self) { try store.saveCheckpoint(a.id, kind: .best, step: 1, bytes: [9]) }
        #expect(try store.count("blobs") == 1, "a failed save leaves no blob behind")
    }
}
