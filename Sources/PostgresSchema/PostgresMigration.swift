/// One numbered SQL file from `migrations/postgresql/`, carried inside the binary.
public struct PostgresMigration: Sendable {
    public let version: Int
    /// The file name, e.g. "0001_initial.sql".
    public let name: String
    public let sql: String

    init(version: Int, name: String, bytes: [UInt8]) {
        self.version = version
        self.name = name
        self.sql = String(decoding: bytes, as: UTF8.self)
    }
}

extension PostgresMigration {
    /// Every migration, in order. SwiftPM embeds each file of
    /// `migrations/postgresql/` (through the `Migrations` symlink in this
    /// target) as a byte array named after the file; adding a migration means
    /// adding the file and one line here. `PostgresMigrationRegistryTests`
    /// fails if this list and the folder differ, or if the versions differ
    /// from SQLite's `migrations/`.
    public static let all: [PostgresMigration] = [
        PostgresMigration(version: 1, name: "0001_initial.sql", bytes: PackageResources._001_initial_sql),
        PostgresMigration(version: 2, name: "0002_drop_run_summary_by_key.sql", bytes: PackageResources._002_drop_run_summary_by_key_sql),
        PostgresMigration(version: 3, name: "0003_durability.sql", bytes: PackageResources._003_durability_sql),
        PostgresMigration(version: 4, name: "0004_honest_measures.sql", bytes: PackageResources._004_honest_measures_sql),
        PostgresMigration(version: 5, name: "0005_external_runs.sql", bytes: PackageResources._005_external_runs_sql),
        PostgresMigration(version: 6, name: "0006_global_ids.sql", bytes: PackageResources._006_global_ids_sql),
        PostgresMigration(version: 7, name: "0007_sweep_trials.sql", bytes: PackageResources._007_sweep_trials_sql),
    ]

    public static var latestVersion: Int { all.last?.version ?? 0 }
}
