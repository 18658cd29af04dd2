import PostgreSQL

/// Brings a PostgreSQL schema up to the version this binary knows.
///
/// The schema is the connection's current one (the first of its
/// search_path, `public` by default). Each migration and the row that records
/// it run in one transaction: a failure leaves the schema at the previous
/// version, never half-way (PostgreSQL's DDL is transactional). Running it
/// again is a no-op. A schema written by a newer tracker is refused before
/// anything is written to it.
///
/// Many machines may open a new store at once: every transaction first takes
/// a transaction-scoped advisory lock keyed by the schema, so one of them
/// migrates while the others wait, then find the work done. The lock goes
/// with its transaction, even when the process holding it dies.
public struct PostgresMigrator: Sendable {
    public let migrations: [PostgresMigration]

    public init(migrations: [PostgresMigration] = PostgresMigration.all) {
        self.migrations = migrations
    }

    public var latestVersion: Int { migrations.last?.version ?? 0 }

    /// The advisory lock's first key: "trak" in ASCII, so that the tracker's
    /// locks are recognisable in pg_locks. The second is the schema's hash,
    /// so that stores in different schemas of one database do not wait for
    /// each other.
    static let lockClass: Int32 = 0x7472_616B

    /// The highest migration applied to the connection's schema, 0 for a schema without tables.
    public func appliedVersion(on connection: PostgresConnection) throws -> Int {
        // Both counts from one statement, so from one snapshot: a check of
        // schema_migrations by to_regclass (the catalog cache) and of the
        // tables by pg_tables (the statement's snapshot) could disagree for a
        // waiter that another opener's migration just committed under.
        let counts = try connection.query(
            """
            SELECT count(*) FILTER (WHERE tablename = 'schema_migrations'), count(*)
            FROM pg_tables WHERE schemaname = current_schema()
            """)
        let hasMigrationsTable = try counts[0].column(0, as: Int.self) > 0
        guard hasMigrationsTable else {
            if try counts[0].column(1, as: Int.self) > 0 {
                throw PostgresSchemaError.notATrackerSchema(database: connection.redactedURL, schema: try currentSchema(of: connection))
            }
            return 0
        }
        return try connection.scalar("SELECT coalesce(max(version), 0) FROM schema_migrations", as: Int.self) ?? 0
    }

    /// Applies every pending migration; returns the versions this call applied.
    @discardableResult
    public func migrate(_ connection: PostgresConnection) throws -> [Int] {
        // Without the lock: an up-to-date or newer schema, the usual case, needs no transaction.
        let applied = try appliedVersion(on: connection)
        if applied > latestVersion {
            throw PostgresSchemaError.schemaTooNew(
                database: connection.redactedURL, schema: try currentSchema(of: connection), found: applied, known: latestVersion)
        }
        var newlyApplied: [Int] = []
        for migration in migrations where migration.version > applied {
            let didApply = try connection.transaction { () throws -> Bool in
                try lock(connection)
                // Read under the lock: another machine may have migrated while we waited.
                let current = try appliedVersion(on: connection)
                if current > latestVersion {
                    throw PostgresSchemaError.schemaTooNew(
                        database: connection.redactedURL, schema: try currentSchema(of: connection), found: current, known: latestVersion)
                }
                guard current < migration.version else { return false }
                try connection.execute(migration.sql)
                // The same text format as SQLite's applied_at: UTC, milliseconds, 'Z'.
                try connection.execute(
                    """
                    INSERT INTO schema_migrations (version, name, applied_at)
                    VALUES ($1, $2, to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                    """,
                    migration.version, migration.name)
                return true
            }
            if didApply { newlyApplied.append(migration.version) }
        }
        return newlyApplied
    }

    private func lock(_ connection: PostgresConnection) throws {
        try connection.execute("SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))", Self.lockClass)
    }

    private func currentSchema(of connection: PostgresConnection) throws -> String {
        try connection.scalar("SELECT current_schema()", as: String.self) ?? "(none)"
    }
}
