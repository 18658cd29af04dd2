import Foundation
import Testing

/// Runs the real `tracker` executable, built next to the test bundle.
private func runTracker(_ arguments: [String], environment: [String: String] = [:]) throws -> (code: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = try trackerExecutable()
    process.arguments = arguments
    var processEnvironment = ProcessInfo.processInfo.environment
    processEnvironment["TRACKER_DB"] = nil
    processEnvironment.merge(environment) { $1 }
    process.environment = processEnvironment
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

private func trackerExecutable() throws -> URL {
    let candidates = [
        Bundle.main.bundleURL,
        Bundle.main.executableURL?.deletingLastPathComponent(),
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
    ].compactMap { $0 }
    for directory in candidates {
        for base in [directory, directory.deletingLastPathComponent()] {
            let url = base.appendingPathComponent("tracker")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return url
            }
        }
    }
    throw BinaryNotFound(searched: candidates.map(\.path))
}

private struct BinaryNotFound: Error, CustomStringConvertible {
    var searched: [String]
    var description: String { "no tracker executable next to the tests; searched \(searched)" }
}

@Suite struct BinaryTests {
    @Test func helpExitsZeroOnStdout() throws {
        let result = try runTracker(["--help"])
        #expect(result.code == 0)
        #expect(result.stdout.hasPrefix("OVERVIEW: "))
        #expect(result.stdout.contains("COMMANDS:"))
        #expect(result.stderr.isEmpty)
    }

    @Test func anUnknownCommandExits64WithASuggestionOnStderr() throws {
        let result = try runTracker(["inti"])
        #expect(result.code == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("Error: Unknown command 'inti'. Did you mean 'init'?\n"))
        #expect(result.stderr.contains("See 'tracker --help' for more information."))
    }

    @Test func initCreatesADatabaseAndIsIdempotent() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("runs.db")
        let first = try runTracker(["init", "--db", path])
        #expect(first.code == 0, "\(first.stderr)")
        #expect(first.stdout.contains("schema version"))
        #expect(FileManager.default.fileExists(atPath: path))
        let second = try runTracker(["init", "--db=\(path)"])
        #expect(second.code == 0)
        #expect(second.stdout.contains("up to date"))
    }

    @Test func theDatabaseComesFromTrackerDBWhenNoOptionIsGiven() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("from-env.db")
        let result = try runTracker(["init"], environment: ["TRACKER_DB": path])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test func sqlIsReadOnlyUnlessWriteIsGiven() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("sql.db")
        #expect(try runTracker(["init", "--db", path]).code == 0)
        let refused = try runTracker(["sql", "--db", path, "DELETE FROM schema_migrations"])
        #expect(refused.code == 1)
        #expect(refused.stderr.contains("pass --write"))
        let count = try runTracker(["sql", "--db", path, "--format", "json", "SELECT count(*) AS n FROM schema_migrations"])
        #expect(count.code == 0)
        let rows = try JSONSerialization.jsonObject(with: Data(count.stdout.utf8)) as? [[String: Any]]
        #expect((rows?.first?["n"] as? Int ?? 0) >= 1)
        let badSQL = try runTracker(["sql", "--db", path, "SELEC 1"])
        #expect(badSQL.code == 1)
        #expect(badSQL.stderr.hasPrefix("Error: SQLite error 1: near \"SELEC\": syntax error"))
    }

    @Test func aMissingDatabaseExits1() throws {
        let result = try runTracker(["sql", "--db", "/nonexistent/dir/x.db", "SELECT 1"])
        #expect(result.code == 1)
        #expect(result.stderr.hasPrefix("Error: no database at '/nonexistent/dir/x.db'"))
    }
}
