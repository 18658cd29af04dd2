import Foundation
import Testing
import TrackerStore
@testable import TrackerCLI

/// Commands never destroy or silently replace the database: a running run
/// is not deleted, an empty --db is refused, an output file that is the
/// database is refused, and reading needs no write access.
@Suite struct DatabaseSafetyTests {
    func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test func deletingARunningRunIsRefusedWithHowToStopIt() throws {
        let fixture = try FixtureDatabase()
        let live = try fixture.addRun("live", curves: .decaying(epochs: 3, trainFloor: 0.1, valFloor: 0.2), status: .running)
        let result = runCLI(["delete", "live", "--yes", "--db", fixture.path])
        #expect(result.exitCode != 0)
        #expect(result.stderr.contains("kill \(fixture.store.processID)"))
        #expect(try fixture.store.run(id: live.id).status == .running)
    }

    @Test func anExplicitEmptyDatabasePathIsAUsageError() throws {
        for words in [["runs"], ["train", "--dataset", "sine", "--epochs", "1"], ["init"], ["sql", "SELECT 1"]] {
            let result = runCLI(words + ["--db", ""])
            #expect(result.exitCode == 64, "\(words)")
            #expect(result.stderr.contains("--db is empty"), "\(words)")
        }
        // An empty TRACKER_DB means "not set": the default applies.
        guard case .arguments(let none) = try ArgumentParser.parse([], for: RunsCommand.spec) else {
            Issue.record("no arguments parsed")
            return
        }
        #expect(try CommonOptions.databasePath(none, environment: ["TRACKER_DB": ""]) == CommonOptions.defaultDatabasePath)
    }

    @Test func anOutputThatIsTheDatabaseIsRefusedHoweverItIsSpelled() throws {
        let fixture = try FixtureDatabase()
        let run = try fixture.addRun("a", curves: .decaying(epochs: 4, trainFloor: 0.1, valFloor: 0.2), status: .running)
        try fixture.store.saveCheckpoint(run.id, kind: .best, step: 2, bytes: [1, 2, 3])
        try fixture.store.finishRun(run.id)
        try fixture.store.database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        let before = try bytes(fixture.path)
        let directory = fixture.directory
        try FileManager.default.createDirectory(atPath: directory.path("sub"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: directory.path("link.db"), withDestinationPath: fixture.path)
        let spellings = [
            fixture.path, directory.path("sub/../fixture.db"), directory.path("link.db"),
            fixture.path + "-wal", fixture.path + "-shm", fixture.path + "-journal",
        ]
        for output in spellings {
            for words in [
                ["export", "-o", output], ["export", "--metrics", "-o", output],
                ["report", "-o", output], ["checkpoint", "export", "a", "--kind", "best", "-o", output],
            ] {
                let result = runCLI(words + ["--db", fixture.path])
                #expect(result.exitCode != 0, "\(words)")
                #expect(result.stderr.contains("would destroy it"), "\(words): \(result.stderr)")
            }
        }
        #expect(try bytes(fixture.path) == before)
        #expect(try fixture.store.runs().count == 1)
    }

    @Test func readingCommandsWorkOnADatabaseWithADeadRunAndWriteNothing() throws {
        let fixture = try FixtureDatabase()
        let dead = try fixture.addRun("dead", curves: .decaying(epochs: 4, trainFloor: 0.1, valFloor: 0.2), status: .running)
        // Its writer's process is gone (same pid, another start time).
        try fixture.store.database.execute("UPDATE runs SET process_started = process_started + 1 WHERE id = ?", dead.id)
        try fixture.store.database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        let before = try bytes(fixture.path)
        for words in [["runs"], ["show", "dead"], ["compare"], ["export"], ["history", "dead"]] {
            let result = runCLI(words + ["--db", fixture.path])
            #expect(result.exitCode == 0, "\(words): \(result.stderr)")
            if words == ["runs"] || words == ["show", "dead"] {
                #expect(result.stdout.contains("crashed"), "\(words)")
            }
        }
        #expect(try bytes(fixture.path) == before)
        #expect(try fixture.store.database.scalar("SELECT status FROM runs", as: String.self) == "running")
    }
}
