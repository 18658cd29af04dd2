import Foundation
import Testing



@Suite struct BinaryTests {
    @Test func helpExitsZeroOnStdout() throws {
        let result = try runTrackerBinary(["--help"])
        #expect(result.exitCode == 0)
        #expect(result.stdout.hasPrefix("OVERVIEW: "))
        #expect(result.stdout.contains("COMMANDS:"))
        #expect(result.stderr.isEmpty)
    }

    @Test func anUnknownCommandExits64WithASuggestionOnStderr() throws {
        let result = try runTrackerBinary(["inti"])
        #expect(result.exitCode == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("Error: Unknown command 'inti'. Did you mean 'init'?\n"))
        #expect(result.stderr.contains("See 'tracker --help' for more information."))
    }

    @Test func initCreatesADatabaseAndIsIdempotent() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("runs.db")
        let first = try runTrackerBinary(["init", "--db", path])
        #expect(first.exitCode == 0, "\(first.stderr)")
        #expect(first.stdout.contains("schema version"))
        #expect(FileManager.default.fileExists(atPath: path))
        let second = try runTrackerBinary(["init", "--db=\(path)"])
        #expect(second.exitCode == 0)
        #expect(second.stdout.contains("up to date"))
    }

    @Test func theDatabaseComesFromTrackerDBWhenNoOptionIsGiven() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("from-env.db")
        let result = try runTrackerBinary(["init"], environment: ["TRACKER_DB": path])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test func sqlIsReadOnlyUnlessWriteIsGiven() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("sql.db")
        #expect(try runTrackerBinary(["init", "--db", path]).exitCode == 0)
        let refused = try runTrackerBinary(["sql", "--db", path, "DELETE FROM schema_migrations"])
        #expect(refused.exitCode == 1)
        #expect(refused.stderr.contains("pass --write"))
        let count = try runTrackerBinary(["sql", "--db", path, "--format", "json", "SELECT count(*) AS n FROM schema_migrations"])
        #expect(count.exitCode == 0)
        let rows = try JSONSerialization.jsonObject(with: Data(count.stdout.utf8)) as? [[String: Any]]
        #expect((rows?.first?["n"] as? Int ?? 0) >= 1)
        let badSQL = try runTrackerBinary(["sql", "--db", path, "SELEC 1"])
        #expect(badSQL.exitCode == 1)
        #expect(badSQL.stderr.hasPrefix("Error: SQLite error 1: near \"SELEC\": syntax error"))
    }

    @Test func aMissingDatabaseExits1() throws {
        let result = try runTrackerBinary(["sql", "--db", "/nonexistent/dir/x.db", "SELECT 1"])
        #expect(result.exitCode == 1)
        #expect(result.stderr.hasPrefix("Error: no database at '/nonexistent/dir/x.db'"))
    }
}
