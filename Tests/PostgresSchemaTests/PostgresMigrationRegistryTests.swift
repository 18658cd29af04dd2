import Foundation
import Testing
import TrackerStore
@testable import PostgresSchema

/// The binary carries migrations/postgresql embedded at build time; these
/// tests keep the registry, the files and SQLite's migrations in step.
@Suite("PostgreSQL migration registry matches migrations/postgresql/")
struct PostgresMigrationRegistryTests {
    @Test func everyFileIsRegisteredInOrderWithIdenticalBytes() throws {
        let files = try RepositoryFiles.migrationFiles(in: "migrations/postgresql")
        #expect(files.map(\.lastPathComponent) == PostgresMigration.all.map(\.name))
        for (file, migration) in zip(files, PostgresMigration.all) {
            let bytes = try Data(contentsOf: file)
            #expect(Array(bytes) == Array(migration.sql.utf8), "\(migration.name) differs from the embedded copy")
        }
    }

    /// Every SQLite migration has its PostgreSQL translation under the same
    /// number and name: one schema version means one schema on both backends.
    @Test func eachSQLiteMigrationHasItsTranslation() {
        #expect(PostgresMigration.all.map(\.version) == Migration.all.map(\.version))
        #expect(PostgresMigration.all.map(\.name) == Migration.all.map(\.name))
    }
}
