import Foundation
import SQLite
import Testing
@testable import TrackerStore

/// Checkpoint bytes are checked against their SHA-256 on every read.
@Suite struct CheckpointIntegrityTests {
    @Test(arguments: TestBackend.all) func aTruncatedOrAlteredBlobIsAnErrorNamingTheRunAndCheckpoint(backend: TestBackend) throws {
        let store = try backend.store()
        let run = try store.createRun()
        let saved = try store.saveCheckpoint(run.id, kind: .best, step: 7, bytes: (0..<64).map { UInt8($0) })
        #expect(try store.checkpointBytes(saved) == (0..<64).map { UInt8($0) })

        try store.database.execute("UPDATE blobs SET bytes = substr(bytes, 1, 32)")
        let truncated = #expect(throws: StoreError.self) { try store.checkpointBytes(saved) }
        let message = "\(truncated!)"
        #expect(message.contains("best checkpoint (epoch 7) of run \(run.id) is damaged"))
        #expect(message.contains("32 bytes"))

        // Same length, one byte changed.
        var altered = (0..<64).map { UInt8($0) }
        altered[10] ^= 0xFF
        try store.database.execute("UPDATE blobs SET bytes = ?", altered)
        #expect(throws: StoreError.self) { try store.checkpointBytes(saved) }
    }
}
