import Foundation
import Testing
@testable import TrackerCLI
import TrackerStore

/// Which data a run trained on: versions keyed by content, target and task
/// within a name; a subset is a view of a version; a file is known by its
/// absolute path, and another file of the same base name is no version of
/// it unless named so.
@Suite struct DataVersionTests {
    /// A small CSV with two numeric targets, seeded.
    func writeCSV(_ path: String, rows: Int, seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        var lines = ["x1,x2,y,z"]
        for _ in 0..<rows {
            let x1 = random.symmetric(), x2 = random.symmetric()
            lines.append("\(x1),\(x2),\(x1 + 0.5 * x2 + 0.1 * random.symmetric()),\(x1 * x2)")
        }
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    func train(_ words: [String], _ db: String) -> CLIResult {
        trainInProcess(words + ["--epochs", "1", "--hidden", "4", "--quiet", "--db", db])
    }

    @Test func targetsSubsetsAndSameNamedFilesAreToldApart() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let db = directory.path("t.db")
        let red = directory.path("red/wine.csv"), white = directory.path("white/wine.csv")
        try writeCSV(red, rows: 60, seed: 1)
        try writeCSV(white, rows: 50, seed: 2)

        #expect(train(["--dataset", red, "--target", "y", "--name", "y"], db).exitCode == 0)
        #expect(train(["--dataset", red, "--target", "z", "--name", "z"], db).exitCode == 0)
        #expect(train(["--dataset", red, "--target", "y", "--subset", "0.5", "--name", "half"], db).exitCode == 0)
        let other = train(["--dataset", white, "--name", "white"], db)
        #expect(other.exitCode == 1)
        #expect(other.stderr.contains("another file") && other.stderr.contains("--dataset-name"), "\(other.stderr)")
        #expect(train(["--dataset", white, "--dataset-name", "white-wine", "--name", "white"], db).exitCode == 0)

        let store = try Store(path: db)
        defer { store.close() }
        let y = try store.dataset(id: try #require(try store.run(named: "y").datasetID))
        let z = try store.dataset(id: try #require(try store.run(named: "z").datasetID))
        #expect(y.id != z.id && y.fingerprint == z.fingerprint, "one file, two targets: two versions, never merged")
        #expect((y.target, z.target) == ("y", "z"))
        #expect(y.source == URL(fileURLWithPath: red).standardizedFileURL.path && y.source?.hasPrefix("/") == true)
        let half = try store.run(named: "half")
        #expect(half.datasetID == y.id, "a subset records the whole version")
        #expect(try store.params(of: half.id)["subset"] == .real(0.5))
        #expect(try store.datasetVersions(named: "wine.csv").count == 2)
        #expect(try store.latestDataset(named: "white-wine")?.rows == 50)
    }
}
