import Foundation
import SQLite

/// Brings a database's schema up to the version this binary knows.
///
/// Each migration and the row that records it run in one IMMEDIATE
/// transaction: a crash leaves the schema at the previous version, never
/// half-way. Running it again is a no-op. A database written by a newer
/// tracker is refused before anything is written to it.
public struct Migrator: Sendable {
    public let migrations: [Migration]

    public init(migrations: [Migration] = Migration.all) {
        self.migrations = migrations
    }

    public var latestVersion: Int { migrations.last?.version ?? 0 }

    /// The highest migration applied to `database`, 0 for an empty database.
    public func appliedVersion(of database: Database) throws -> Int {
        let hasMigrationsTable: Int? = try database.scalar(
            "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'")
        guard hasMigrationsTable != nil else {
            let otherTables: Int? = try database.scalar(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            if let otherTables, otherTables > 0 {
                throw StoreError.notATrackerDatabase(path: database.path)
            }
            return 0
        }
        return try database.scalar("SELECT coalesce(max(version), 0) FROM schema_migrations") ?? 0
    }

    /// Applies every pending migration; returns the versions applied.
    @discardableResult
    public func migrate(_ database: Database) throws -> [Int] {
        let applied = try appliedVersion(of: database)
        if applied > latestVersion {
            throw StoreError.schemaTooNew(path: database.path, found: applied, known: latestVersion)
        }
        var newlyApplied: [Int] = []
        for migration in migrations where migration.version > applied {
            let didApply = try database.transaction(.immediate) { () throws -> Bool in
                // Another process may have migrated while we waited for the lock.
                let current = try appliedVersion(of: database)
                if current > latestVersion {
                    throw StoreError.schemaTooNew(path: database.path, found: current, known: latestVersion)
                }
                guard current < migration.version else { return false }
                try database.execute(migration.sql)
                try database.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    migration.version, migration.name, Timestamp.now())
                return true
            }
            if didApply { newlyApplied.append(migration.version) }
        }
        return newlyApplied
    }
}
