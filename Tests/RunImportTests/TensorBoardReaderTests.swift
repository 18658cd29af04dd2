import Foundation
import Testing
@testable import RunImport

@Suite struct TensorBoardReaderTests {
    @Test func readsBothRunsAsWritten() throws {
        let expected = try #require(try Fixture.json("tensorboard-expected.json") as? [String: [String: Any]])
        let runs = try TensorBoardReader(root: Fixture.path("tensorboard")).readRuns()

        #expect(runs.map(\.externalID) == expected.keys.sorted())
        for run in runs {
            let want = try #require(expected[run.externalID])
            #expect(run.source == .tensorboard)
            #expect(run.status == .finished)
            #expect(run.params == Expected.params(want["params"]))
            #expect(run.warnings.isEmpty)
            // hparam/val_loss carries the clock's wall time, not a seeded one.
            let wantMetrics = Expected.metrics(want["metrics"], timeUnit: 1)
            #expect(run.metrics.map(\.key) == wantMetrics.map(\.key))
            #expect(run.metrics.map(\.step) == wantMetrics.map(\.step))
            #expect(run.metrics.map(\.value) == wantMetrics.map(\.value))
            for (got, want) in zip(run.metrics, wantMetrics) where want.timestamp != nil {
                #expect(got.timestamp == want.timestamp)
            }
        }
    }

    @Test func groupAndNameComeFromTheDirectory() throws {
        let runs = try TensorBoardReader(root: Fixture.path("tensorboard")).readRuns()
        #expect(runs.map(\.group) == [nil, "sweep"])
        #expect(runs.map(\.name) == ["run-a", "run-b"])
    }

    /// PyTorch's add_hparams writes into a time-stamped subdirectory of the
    /// run: the reader folds it into run-a instead of making a third run.
    @Test func addHParamsSubdirectoryFoldsIntoItsRun() throws {
        let runA = try #require(try TensorBoardReader(root: Fixture.path("tensorboard")).readRuns().first)
        let subdirectories = try FileManager.default.contentsOfDirectory(atPath: Fixture.path("tensorboard/run-a"))
            .filter { !$0.hasPrefix("events.out.tfevents.") }
        #expect(subdirectories.count == 1)
        #expect(runA.externalID == "run-a")
        #expect(runA.params["optimizer"] == .text("sgd"))
        #expect(runA.metrics.contains { $0.key == "hparam/val_loss" })
    }

    @Test func aCorruptRecordIsAWarningAndTheRestIsRead() throws {
        let manifest = try #require(try Fixture.json("tensorboard-corrupt/corruption.json") as? [String: Any])
        let file = try #require(manifest["file"] as? String)
        let flipped = try #require(manifest["flipped_record_offset"] as? Int)
        let truncated = try #require(manifest["truncated_record_offset"] as? Int)
        let records = try #require(manifest["records"] as? Int)

        let corrupt = try #require(try TensorBoardReader(root: Fixture.path("tensorboard-corrupt")).readRuns().first)
        #expect(corrupt.warnings == [
            "corrupt record in \(file) at offset \(flipped): data CRC mismatch; record skipped",
            "corrupt record in \(file) at offset \(truncated): truncated record (\(try Self.announcedLength(file: file, offset: truncated)) data bytes announced, file ends first); rest of file skipped",
        ])
        // Every record but the file_version one holds one scalar; two are lost.
        #expect(corrupt.metrics.count == records - 1 - 2)
        let clean = try #require(try TensorBoardReader(root: Fixture.path("tensorboard")).readRuns().first)
        let cleanPoints = clean.metrics.filter { !$0.key.hasPrefix("hparam/") }
        #expect(corrupt.metrics.filter { !cleanPoints.contains($0) } == [])
    }

    @Test func notADirectoryAndNoEventFilesAreErrors() throws {
        let missing = try #require(throws: ImportError.self) { try TensorBoardReader(root: "/nonexistent/logs").readRuns() }
        #expect(missing.description == "/nonexistent/logs: not a directory; expected a TensorBoard log directory")
        let empty = try TemporaryDirectory()
        let none = try #require(throws: ImportError.self) { try TensorBoardReader(root: empty.url.path).readRuns() }
        #expect(none.description.contains("no TensorBoard event files"))
    }

    @Test func eventsInTheRootItselfAreRunDot() throws {
        let directory = try TemporaryDirectory()
        let source = Fixture.path("tensorboard/sweep/run-b")
        for file in try FileManager.default.contentsOfDirectory(atPath: source) {
            try FileManager.default.copyItem(atPath: source + "/" + file, toPath: directory.path(file))
        }
        let runs = try TensorBoardReader(root: directory.url.path).readRuns()
        #expect(runs.map(\.externalID) == ["."])
        #expect(runs.first?.group == nil)
        #expect(runs.first?.metrics.count == 12)
    }

    /// The length field of the record at `offset`, read from the file.
    static func announcedLength(file: String, offset: Int) throws -> UInt64 {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Fixture.path("tensorboard-corrupt/" + file))))
        return (0..<8).reduce(0) { $0 | UInt64(bytes[offset + $1]) << (8 * $1) }
    }
}
