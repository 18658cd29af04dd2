import Foundation
import Testing
import TrackerStore

/// The store-backed commands through the real executable: exit codes,
/// stdout and stderr as a shell sees them.
@Suite struct StoreCommandBinaryTests {
    private func tracker(_ arguments: [String]) throws -> (code: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = try Self.executable()
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["TRACKER_DB"] = nil
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    private static func executable() throws -> URL {
        let directories = [Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        for directory in directories {
            for base in [directory, directory.deletingLastPathComponent()] {
                let url = base.appendingPathComponent("tracker")
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue { return url }
            }
        }
        throw CocoaError(.fileNoSuchFile)
    }

    @Test func compareDiagnoseAndExportRoundTrip() throws {
        let fixture = try FixtureDatabase()
        try fixture.addDropoutSweep(seeds: [1, 2], epochs: 30)
        let compare = try tracker(["compare", "--db", fixture.path, "--by", "dropout", "--format", "json"])
        #expect(compare.code == 0, "\(compare.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(compare.stdout.utf8)) as? [[String: Any]])
        #expect(rows.first?["dropout"] as? Double == 0.3)
        let diagnose = try tracker(["diagnose", "--db", fixture.path, "d0-s1"])
        #expect(diagnose.code == 0, "\(diagnose.stderr)")
        #expect(diagnose.stdout.hasPrefix("d0-s1: overfitting"))
        let export = try tracker(["export", "--db", fixture.path, "--metrics", "d3-s1"])
        #expect(export.code == 0)
        #expect(export.stdout.split(separator: "\n").count == 1 + 60)
    }

    @Test func aMissingRunExits1WithASuggestion() throws {
        let fixture = try FixtureDatabase()
        try fixture.addDropoutSweep(seeds: [1], epochs: 3)
        let result = try tracker(["show", "--db", fixture.path, "d3-s"])
        #expect(result.code == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "Error: no run named 'd3-s'; did you mean 'd3-s1'?\n")
    }

    @Test func anInvalidWhereExits64() throws {
        let fixture = try FixtureDatabase()
        let result = try tracker(["compare", "--db", fixture.path, "--where", "dropout"])
        #expect(result.code == 64)
        #expect(result.stderr.hasPrefix("Error: Invalid value for '--where': predicate 'dropout' has no operator"))
        #expect(result.stderr.contains("See 'tracker compare --help' for more information."))
    }

    @Test func deleteRefusesInAPipeWithoutYes() throws {
        let fixture = try FixtureDatabase()
        try fixture.addDropoutSweep(seeds: [1], epochs: 3)
        let refused = try tracker(["delete", "--db", fixture.path, "d0-s1"])
        #expect(refused.code == 64)
        #expect(try fixture.store.runs().count == 5)
        let done = try tracker(["delete", "--db", fixture.path, "d0-s1", "--yes"])
        #expect(done.code == 0)
        #expect(try fixture.store.runs().count == 4)
    }

    @Test func aMissingDatabaseExits1NamingThePath() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("none.db")
        let result = try tracker(["runs", "--db", path])
        #expect(result.code == 1)
        #expect(result.stderr.contains("'\(path)'") && result.stderr.contains("--db"))
    }
}
