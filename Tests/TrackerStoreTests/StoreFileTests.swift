import Foundation
import SQLite
import Testing
@testable import TrackerStore

/// What a file is gets decided before anything is written to it; reading
/// never needs write access.
@Suite struct StoreFileTests {
    /// A database file in rollback-journal mode, made by `setUp`.
    func rollbackJournalFile(at path: String, _ setUp: (Database) throws -> Void) throws -> [UInt8] {
        let database = try Database(path: path)
        try setUp(database)
        _ = try database.scalar("PRAGMA journal_mode = DELETE", as: String.self)
        database.close()
        return try bytes(of: path)
    }

    func bytes(of path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    func journalMode(of path: String) throws -> String? {
        try Database(path: path, mode: .readOnly).scalar("PRAGMA journal_mode")
    }

    @Test func aNewerTrackersDatabaseIsRefusedAndLeftByteForByte() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path("newer.db")
        let before = try rollbackJournalFile(at: path) { database in
            try Migrator().migrate(database)
            try database.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'future.sql', 'now')",
                Migration.latestVersion + 1)
        }
        let error = #expect(throws: StoreError.self) { try Store(path: path) }
        #expect("\(error!)".contains("upgrade tracker"))
        #expect(try bytes(of: path) == before)
        #expect(try journalMode(of: path) == "delete")
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func anotherApplicationsSQLiteFileIsRefusedAndUntouched() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path("other.db")
        let before = try rollbackJournalFile(at: path) { database in
            try database.execute("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('ada')")
        }
        let error = #expect(throws: StoreError.self) { try Store(path: path) }
        #expect("\(error!)".contains("not a tracker database"))
        #expect(try bytes(of: path) == before)
        #expect(try journalMode(of: path) == "delete")
    }

    @Test func aFileThatIsNotSQLiteIsRefusedAndUntouched() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path("notes.txt")
        let text = Array("name,score\nada,3\n".utf8)
        try Data(text).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: StoreError.self) { try Store(path: path) }
        #expect("\(error!)".contains("not a tracker database"))
        #expect(try bytes(of: path) == text)
    }

    @Test func anEmptyFileBecomesANewDatabase() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path("empty.db")
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let store = try Store(path: path)
        #expect(try Migrator().appliedVersion(of: store.database.sqlite!) == Migration.latestVersion)
        #expect(try store.database.scalar("PRAGMA journal_mode", as: String.self) == "wal")
    }

    @Test func anEmptyPathIsRefused() throws {
        let error = #expect(throws: StoreError.self) { try Store(path: "") }
        #expect("\(error!)".contains("path is empty"))
    }

    @Test func readingADatabaseWithADeadRunShowsItCrashedAndWritesNothing() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path("dead.db")
        var writing = Store.Options()
        writing.detectCrashes = false
        let store = try Store(path: path, options: writing)
        let dead = try store.createRun()
        try store.logMetrics(dead.id, step: 1, ["val_loss": 0.5])
        // The run's writer was this process table's pid, started at another time: gone.
        try store.database.execute("UPDATE runs SET process_started = process_started + 1 WHERE id = ?", dead.id)
        try store.database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store.close()
        let before = try bytes(of: path)

        var reading = Store.Options()
        reading.readOnly = true
        let reader = try Store(path: path, options: reading)
        #expect(reader.database.isReadOnly)
        #expect(try reader.run(id: dead.id).status == .crashed)
        #expect(try reader.runs().map(\.status) == [.crashed])
        #expect(try reader.comparison().rows.map(\.status) == [.crashed])
        reader.close()
        #expect(try bytes(of: path) == before)
        #expect(try Database(path: path, mode: .readOnly).scalar("SELECT status FROM runs", as: String.self) == "running")
    }
}
