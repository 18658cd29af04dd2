import Foundation
import Synchronization
import SQLite
import Testing
@testable import TrackerStore

@Suite("Migrator")
struct MigratorTests {
    /// The project's first migration followed by two made-up ones.
    static let second = Migration(
        version: 2, name: "0002_second.sql",
        bytes: Array("CREATE TABLE b (y INTEGER) STRICT; INSERT INTO b VALUES (2);".utf8))
    static let broken = Migration(
        version: 3, name: "0003_broken.sql",
        bytes: Array("CREATE TABLE c (z INTEGER) STRICT; INSERT INTO nowhere VALUES (1);".utf8))

    func tables(_ database: Database) throws -> [String] {
        try database.rows("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name") { try $0.column(0, as: String.self) }
    }

    @Test func freshDatabaseGetsEveryMigrationAndTheirRecords() throws {
        let database = try Database.inMemory()
        let applied = try Migrator().migrate(database)
        #expect(applied == Migration.all.map(\.version))
        #expect(try Migrator().appliedVersion(of: database) == Migration.latestVersion)
        let recorded = try database.rows("SELECT version, name FROM schema_migrations ORDER BY version") {
            "\(try $0.column(0, as: Int.self)) \(try $0.column(1, as: String.self))"
        }
        #expect(recorded == Migration.all.map { "\($0.version) \($0.name)" })
        for table in ["datasets", "runs", "params", "metric_keys", "metrics", "run_summary", "checkpoints", "blobs", "sweeps", "run_tags"] {
            #expect(try tables(database).contains(table), "missing table \(table)")
        }
        let views = try database.rows("SELECT name FROM sqlite_schema WHERE type = 'view' ORDER BY name") { try $0.column(0, as: String.self) }
        #expect(views == ["metric_history", "run_overview"])
    }

    @Test func migratingTwiceIsANoOp() throws {
        let directory = try TemporaryFolder()
        let path = directory.path("twice.db")
        try Migrator().migrate(Database(path: path))
        let database = try Database(path: path)
        let before = database.totalChanges
        #expect(try Migrator().migrate(database) == [])
        #expect(database.totalChanges == before)
        #expect(try database.scalar("SELECT count(*) FROM schema_migrations", as: Int.self) == Migration.all.count)
    }

    @Test func partiallyMigratedDatabaseGetsOnlyThePendingOnes() throws {
        let database = try Database.inMemory()
        #expect(try Migrator(migrations: [Migration.all[0]]).migrate(database) == [1])
        #expect(try Migrator(migrations: [Migration.all[0], Self.second]).migrate(database) == [2])
        #expect(try database.scalar("SELECT count(*) FROM b", as: Int.self) == 1)
    }

    @Test func failingMigrationRollsBackAndLeavesThePreviousVersion() throws {
        let database = try Database.inMemory()
        let migrator = Migrator(migrations: [Migration.all[0], Self.second, Self.broken])
        let error = #expect(throws: SQLiteError.self) { try migrator.migrate(database) }
        #expect(error?.message == "no such table: nowhere")
        #expect(try migrator.appliedVersion(of: database) == 2)
        #expect(try tables(database).contains("b"))
        #expect(!(try tables(database).contains("c")), "the broken migration's first statement must roll back")
    }

    @Test func newerDatabaseIsRefusedAndNothingIsWritten() throws {
        let directory = try TemporaryFolder()
        let path = directory.path("newer.db")
        let writer = try Database(path: path)
        try Migrator().migrate(writer)
        try writer.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
            Migration.latestVersion + 1, "9999_future.sql", "2030-01-01T00:00:00.000Z")
        writer.close()
        let fileBefore = try Data(contentsOf: URL(fileURLWithPath: path))

        let database = try Database(path: path)
        let before = database.totalChanges
        let error = #expect(throws: StoreError.self) { try Migrator().migrate(database) }
        #expect(error == .schemaTooNew(path: path, found: Migration.latestVersion + 1, known: Migration.latestVersion))
        #expect(error?.description.contains("upgrade tracker") == true)
        #expect(database.totalChanges == before)
        // Nothing reached the file, nor the write-ahead log (opening may create it empty).
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == fileBefore)
        let walSize = (try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? Int ?? 0
        #expect(walSize == 0)
    }

    @Test func foreignDatabaseIsRefused() throws {
        let database = try Database.inMemory()
        try database.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY)")
        let error = #expect(throws: StoreError.self) { try Migrator().migrate(database) }
        #expect(error == .notATrackerDatabase(path: ":memory:"))
    }

    @Test func concurrentFirstOpensMigrateOnce() throws {
        let directory = try TemporaryFolder()
        let path = directory.path("race.db")
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            do {
                try Migrator().migrate(Database(path: path))
            } catch {
                failures.record("\(error)")
            }
        }
        #expect(failures.all == [])
        let database = try Database(path: path)
        #expect(try database.scalar("SELECT count(*) FROM schema_migrations", as: Int.self) == Migration.all.count)
    }
}

private final class TemporaryFolder {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("migrator-\(UUID().uuidString)")

    init() throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// Errors collected from concurrent work.
private final class Failures: Sendable {
    private let messages = Mutex<[String]>([])
    func record(_ message: String) { messages.withLock { $0.append(message) } }
    var all: [String] { messages.withLock { $0 } }
}
