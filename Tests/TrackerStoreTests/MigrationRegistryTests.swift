import Foundation
import Testing
@testable import TrackerStore

/// The binary carries the migrations embedded at build time; these tests keep
/// the ordered registry and the files of migrations/ identical.
@Suite("Migration registry matches migrations/")
struct MigrationRegistryTests {
    @Test func everyFileIsRegisteredInOrderWithIdenticalBytes() throws {
        let files = try RepositoryFiles.migrationFiles()
        #expect(files.map(\.lastPathComponent) == Migration.all.map(\.name))
        for (file, migration) in zip(files, Migration.all) {
            let bytes = try Data(contentsOf: file)
            #expect(Array(bytes) == Array(migration.sql.utf8), "\(migration.name) differs from the embedded copy")
        }
    }

    @Test func versionsAreTheFileNumbersCountingUpFromOne() throws {
        for (offset, migration) in Migration.all.enumerated() {
            #expect(migration.version == offset + 1)
            #expect(migration.name.hasPrefix(String(format: "%04d_", migration.version)))
        }
        // SwiftPM mangles the leading digit of embedded names: 1000 would collide with 0000.
        #expect(Migration.latestVersion < 1000)
    }
}
