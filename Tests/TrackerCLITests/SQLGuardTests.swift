import Foundation
import SQLite
import Testing
import TrackerStore
@testable import TrackerCLI

/// `tracker sql` without --write cannot change the database or create a
/// file, streams its rows, and bounds a query's time and memory.
@Suite(.serialized) struct SQLGuardTests {
    func fixture() throws -> FixtureDatabase {
        let fixture = try FixtureDatabase()
        try fixture.addRun("a", curves: .decaying(epochs: 5, trainFloor: 0.1, valFloor: 0.2))
        try fixture.store.database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return fixture
    }

    func bytes(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }

    @Test func statementsThatWriteOrReachFilesAreRefusedAndCreateNothing() throws {
        let fixture = try fixture()
        let before = try bytes(fixture.path)
        let copy = fixture.directory.path("copy.db")
        let refused = [
            "VACUUM INTO '\(copy)'",
            "VACUUM",
            "ATTACH DATABASE '\(copy)' AS other",
            "SELECT load_extension('/tmp/nothing')",
            "PRAGMA user_version = 7",
            "PRAGMA journal_mode = DELETE",
            "PRAGMA query_only = 0",
            "CREATE TEMP TABLE scratch (x)",
            "DELETE FROM runs",
            "INSERT INTO runs (name, created_at) VALUES ('x', 'now')",
        ]
        for query in refused {
            let result = runCLI(["sql", "--db", fixture.path, query])
            #expect(result.exitCode == 1, "\(query): \(result.stdout)")
            #expect(result.stderr.contains("only reads"), "\(query): \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: copy))
        #expect(try bytes(fixture.path) == before)
    }

    @Test func readingPragmasAndQueriesStillWork() throws {
        let fixture = try fixture()
        for query in ["PRAGMA journal_mode", "PRAGMA table_info(runs)", "PRAGMA integrity_check", "SELECT count(*) FROM metric_history"] {
            let result = runCLI(["sql", "--db", fixture.path, "--format", "csv", query])
            #expect(result.exitCode == 0, "\(query): \(result.stderr)")
            #expect(!result.stderr.contains("disk I/O"), "\(query)")
        }
        #expect(runCLI(["sql", "--db", fixture.path, "--format", "csv", "PRAGMA journal_mode"]).stdout == "journal_mode\nwal\n")
    }

    @Test func severalStatementsAreAUsageErrorInPlainWords() throws {
        let fixture = try fixture()
        let result = runCLI(["sql", "--db", fixture.path, "SELECT 1; SELECT 2"])
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains("more than one SQL statement"))
        #expect(!result.stderr.contains("Database.execute"))
    }

    @Test func aRunawayRecursiveQueryEndsWithTheTimeoutError() throws {
        let fixture = try fixture()
        let result = runCLI([
            "sql", "--db", fixture.path, "--timeout", "1",
            "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n",
        ])
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("ran longer than 1 s"), "\(result.stderr)")
    }

    @Test func aQueryNeedingTooMuchMemoryEndsWithAClearError() throws {
        let fixture = try fixture()
        // Each row is a 1 MB blob, all held by the sort: more than the limit.
        let rows = (SQLCommand.heapLimitBytes >> 20) * 2
        let result = runCLI([
            "sql", "--db", fixture.path, "--timeout", "0",
            "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < \(rows)) "
                + "SELECT length(b) FROM (SELECT zeroblob(1048576) || x AS b FROM n ORDER BY random()) LIMIT 1",
        ])
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("more than \(SQLCommand.heapLimitBytes >> 20) MB"), "\(result.stderr)")
    }

    @Test func rowsStreamInTheStreamingFormats() throws {
        let fixture = try fixture()
        let count = SQLCommand.tableRowLimit + 5
        let query = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < \(count)) SELECT x FROM n"
        let csv = runCLI(["sql", "--db", fixture.path, "--format", "csv", query])
        #expect(csv.exitCode == 0)
        #expect(csv.stdout.split(separator: "\n").count == count + 1)
        let table = runCLI(["sql", "--db", fixture.path, query])
        #expect(table.exitCode == 1)
        #expect(table.stderr.contains("--format csv or jsonl"))
    }
}
