import Foundation
import SQLite
import Testing
import TrackerStore
@testable import TrackerCLI

/// `checkpoint export` and `eval` use only checkpoints that are what their
/// rows say: the right bytes, the right epoch, finite weights.
@Suite struct CheckpointIntegrityCommandTests {
    /// A finished sine run with best and last checkpoints at different epochs.
    func trainedRun(_ directory: TemporaryDirectory) throws -> String {
        let db = directory.path("t.db")
        let trained = trainInProcess([
            "--dataset", "sine", "--epochs", "12", "--hidden", "8", "--early-stop", "50", "--lr", "0.3",
            "--name", "r", "--db", db,
        ])
        #expect(trained.exitCode == 0, "\(trained.stderr)")
        return db
    }

    @Test func exportOfATruncatedBlobFailsAndWritesNoFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let db = try trainedRun(directory)
        let database = try Database(path: db)
        try database.execute("UPDATE blobs SET bytes = substr(bytes, 1, length(bytes) / 2)")
        database.close()
        let output = directory.path("best.ckpt")
        let result = runCLI(["checkpoint", "export", "r", "--kind", "last", "-o", output, "--db", db])
        #expect(result.exitCode != 0)
        #expect(result.stderr.contains("last checkpoint") && result.stderr.contains("is damaged"))
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func evalRefusesARowThatPointsAtAnotherEpochsWeights() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let db = try trainedRun(directory)
        let best: Int = try #require(try queryScalar(db, "SELECT step FROM checkpoints WHERE kind = 'best'"))
        let last: Int = try #require(try queryScalar(db, "SELECT step FROM checkpoints WHERE kind = 'last'"))
        try #require(best != last, "the run must keep two different epochs")
        let database = try Database(path: db)
        try database.execute(
            "UPDATE checkpoints SET blob_id = (SELECT blob_id FROM checkpoints WHERE kind = 'last') WHERE kind = 'best'")
        database.close()
        let result = runCLI(["eval", "r", "--kind", "best", "--db", db])
        #expect(result.exitCode != 0)
        #expect(result.stderr.contains("holds the weights of epoch \(last)"), "\(result.stderr)")
    }

    @Test func evalRefusesNonFiniteWeightsWhoseChecksumsAreValid() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let db = try trainedRun(directory)
        let store = try Store(path: db)
        defer { store.close() }
        let run = try store.run(named: "r")
        let last = try #require(try store.checkpoint(run.id, kind: .last))
        var bytes = try store.checkpointBytes(last)
        // After the magic (8), version (4), header length (8) and header, the
        // parameters: a count (8), then f32 values. Poison the first one and
        // seal the file again with its FNV-1a trailer.
        let headerLength = bytes[12..<20].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        let firstValue = 20 + headerLength + 8
        withUnsafeBytes(of: Float.nan.bitPattern.littleEndian) { bytes.replaceSubrange(firstValue..<firstValue + 4, with: $0) }
        bytes.removeLast(8)
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        withUnsafeBytes(of: hash.littleEndian) { bytes.append(contentsOf: $0) }
        try store.saveCheckpoint(run.id, kind: .last, step: last.step, bytes: bytes)

        let result = runCLI(["eval", "r", "--kind", "last", "--db", db])
        #expect(result.exitCode != 0)
        #expect(result.stderr.contains("non-finite weights"), "\(result.stderr)")
    }
}
