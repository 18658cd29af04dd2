import Foundation
import PostgreSQL
import PostgresTestSupport
import Testing
@testable import PostgresSchema

@Suite("PostgreSQL migrator", .enabled(if: TestServer.shouldRun, Comment(rawValue: TestServer.howToStart)))
struct PostgresMigratorTests {
    let schema: TestSchema

    init() throws {
        schema = try TestSchema()
    }

    private func appliedRows(_ connection: PostgresConnection) throws -> [String] {
        try connection.rows("SELECT version, name FROM schema_migrations ORDER BY version") {
            "\(try $0.column(0, as: Int.self)) \(try $0.column(1, as: String.self))"
        }
    }

    @Test func appliesEveryMigrationOnceAndRecordsEach() throws {
        let migrator = PostgresMigrator()
        let applied = try migrator.migrate(schema.connection)
        #expect(applied == PostgresMigration.all.map(\.version))
        #expect(try migrator.appliedVersion(on: schema.connection) == PostgresMigration.latestVersion)
        #expect(try appliedRows(schema.connection) == PostgresMigration.all.map { "\($0.version) \($0.name)" })

        // applied_at has SQLite's text format, so times compare alike on both backends.
        let stamps = try schema.connection.rows("SELECT applied_at FROM schema_migrations") { try $0.column(0, as: String.self) }
        for stamp in stamps {
            #expect(stamp.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil, "applied_at \(stamp)")
        }

        #expect(try migrator.migrate(schema.connection).isEmpty, "a second run applies nothing")
        #expect(try appliedRows(schema.connection).count == PostgresMigration.all.count)
    }

    /// A migration that fails leaves the schema at the version before it, with nothing of it applied.
    @Test func aFailingMigrationIsRolledBackWhole() throws {
        let first = Array(PostgresMigration.all.prefix(1))
        let broken = PostgresMigration(
            version: 2, name: "0002_broken.sql",
            bytes: Array("CREATE TABLE half_done (id bigint); SELECT no_such_function();".utf8))
        #expect(throws: PostgresError.self) { try PostgresMigrator(migrations: first + [broken]).migrate(schema.connection) }
        #expect(try PostgresMigrator().appliedVersion(on: schema.connection) == 1)
        #expect(try schema.connection.scalar("SELECT to_regclass('half_done') IS NULL", as: Bool.self) == true)
    }

    /// Six machines open a new store at the same moment: the advisory lock
    /// lets one migrate while the others wait, and each migration is applied
    /// exactly once.
    @Test func sixConcurrentFirstOpensApplyOneSet() throws {
        let schemaName = schema.name
        let appliedByEach = Shared<[[Int]]>([])
        let failures = Shared<[String]>([])
        let finished = DispatchGroup()
        for _ in 0..<6 {
            finished.enter()
            // Threads of their own, not a pool of two: all six race for the lock.
            Thread.detachNewThread {
                defer { finished.leave() }
                do {
                    let connection = try TestSchema.connection(toSchema: schemaName)
                    let applied = try PostgresMigrator().migrate(connection)
                    appliedByEach.update { $0.append(applied) }
                } catch {
                    failures.update { $0.append("\(error)") }
                }
            }
        }
        finished.wait()

        #expect(failures.value.isEmpty)
        let applied = appliedByEach.value
        #expect(applied.count == 6)
        #expect(applied.flatMap { $0 }.sorted() == PostgresMigration.all.map(\.version), "each version applied by exactly one opener")
        #expect(try appliedRows(schema.connection) == PostgresMigration.all.map { "\($0.version) \($0.name)" })
        #expect(try schema.connection.scalar("SELECT count(*) FROM metric_keys", as: Int.self) == 15)
    }

    @Test func refusesASchemaFromANewerTracker() throws {
        try PostgresMigrator().migrate(schema.connection)
        let newer = PostgresMigration.latestVersion + 1
        try schema.connection.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
            newer, "from_the_future.sql", "2030-01-01T00:00:00.000Z")

        #expect(throws: PostgresSchemaError.schemaTooNew(
            database: schema.connection.redactedURL, schema: schema.name, found: newer, known: PostgresMigration.latestVersion)) {
            try PostgresMigrator().migrate(schema.connection)
        }
        // The older tracker wrote nothing: the rows are as the newer one left them.
        #expect(try appliedRows(schema.connection).count == PostgresMigration.all.count + 1)
    }

    @Test func refusesASchemaHoldingOtherTables() throws {
        try schema.connection.execute("CREATE TABLE someone_elses (id bigint)")
        #expect(throws: PostgresSchemaError.notATrackerSchema(database: schema.connection.redactedURL, schema: schema.name)) {
            try PostgresMigrator().migrate(schema.connection)
        }
        #expect(try schema.connection.scalar("SELECT to_regclass('runs') IS NULL", as: Bool.self) == true)
    }

    @Test func errorsSayWhatToDo() {
        let tooNew = PostgresSchemaError.schemaTooNew(database: "postgresql://u@h/db", schema: "public", found: 9, known: 5)
        #expect(tooNew.description.contains("upgrade tracker"))
        #expect(!tooNew.description.contains("\n"))
    }
}
