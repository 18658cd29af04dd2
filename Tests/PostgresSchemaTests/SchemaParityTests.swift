import PostgreSQL
import PostgresTestSupport
import SQLite
import Testing
import TrackerStore
@testable import PostgresSchema

/// The PostgreSQL migrations give the schema the SQLite migrations give:
/// the same tables and views, each with the same columns in the same order,
/// of corresponding types, and the same standard metric keys. SQL written
/// against schema.sql therefore runs on both.
@Suite("PostgreSQL schema equals SQLite's", .enabled(if: TestServer.shouldRun, Comment(rawValue: TestServer.howToStart)))
struct SchemaParityTests {
    let schema: TestSchema
    let sqlite: Store

    init() throws {
        schema = try TestSchema()
        try PostgresMigrator().migrate(schema.connection)
        sqlite = try Store.inMemory()
    }

    /// "runs (table)", "run_overview (view)", ... sorted by name.
    private func sqliteRelations() throws -> [String] {
        try sqlite.database.rows(
            "SELECT name, type FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name"
        ) { "\(try $0.column(0, as: String.self)) (\(try $0.column(1, as: String.self)))" }
    }

    private func postgresRelations() throws -> [String] {
        try schema.connection.rows(
            """
            SELECT table_name, CASE table_type WHEN 'VIEW' THEN 'view' ELSE 'table' END
            FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name COLLATE "C"
            """
        ) { "\(try $0.column(0, as: String.self)) (\(try $0.column(1, as: String.self)))" }
    }

    /// Each column as "name type", in order; SQLite gives a view's columns no type.
    private func sqliteColumns(of relation: String) throws -> [String] {
        try sqlite.database.rows("SELECT name, type FROM pragma_table_info(?) ORDER BY cid", relation) {
            "\(try $0.column(0, as: String.self)) \(try $0.column(1, as: String.self))"
        }
    }

    private func postgresColumns(of relation: String) throws -> [String] {
        try schema.connection.rows(
            """
            SELECT column_name, data_type FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position
            """, relation
        ) { "\(try $0.column(0, as: String.self)) \(try $0.column(1, as: String.self))" }
    }

    /// The PostgreSQL type each SQLite declared type is translated to (0001's header says why).
    private static let translatedTypes = [
        "INTEGER": "bigint", "REAL": "double precision", "TEXT": "text", "BLOB": "bytea", "ANY": "jsonb",
    ]

    @Test func sameTablesAndViews() throws {
        let expected = try sqliteRelations()
        #expect(expected.contains("run_overview (view)") && expected.contains("params (table)"))
        #expect(try postgresRelations() == expected)
    }

    @Test func sameColumnsInTheSameOrderWithTranslatedTypes() throws {
        for relation in try sqliteRelations() {
            let name = String(relation.prefix { $0 != " " })
            let isView = relation.hasSuffix("(view)")
            let sqliteColumns = try sqliteColumns(of: name)
            let postgresColumns = try postgresColumns(of: name)
            let columnName = { (column: String) in String(column.prefix { $0 != " " }) }
            #expect(postgresColumns.map(columnName) == sqliteColumns.map(columnName), "columns of \(name)")
            guard !isView else { continue }
            let translated = sqliteColumns.map { column -> String in
                let type = String(column.drop { $0 != " " }.dropFirst())
                return "\(columnName(column)) \(Self.translatedTypes[type] ?? "untranslated \(type)")"
            }
            #expect(postgresColumns == translated, "types of \(name)")
        }
    }

    @Test func sameMetricKeys() throws {
        let sqliteKeys = try sqlite.database.rows("SELECT id, name FROM metric_keys ORDER BY id") {
            "\(try $0.column(0, as: Int64.self)) \(try $0.column(1, as: String.self))"
        }
        let postgresKeys = try schema.connection.rows("SELECT id, name FROM metric_keys ORDER BY id") {
            "\(try $0.column(0, as: Int64.self)) \(try $0.column(1, as: String.self))"
        }
        #expect(!sqliteKeys.isEmpty)
        #expect(postgresKeys == sqliteKeys)
        // The identity continues past the keys the migrations inserted with explicit ids.
        let next = try schema.connection.scalar("INSERT INTO metric_keys (name) VALUES ($1) RETURNING id", "custom_metric", as: Int64.self)
        #expect(next == Int64(sqliteKeys.count + 1))
    }

    /// Indexes that users and the store's queries rely on exist under the
    /// same names (PostgreSQL adds its own for primary keys and UNIQUE
    /// constraints, as SQLite adds its sqlite_autoindex_ ones).
    @Test func sameNamedIndexes() throws {
        let sqliteIndexes = try sqlite.database.rows(
            "SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name"
        ) { try $0.column(0, as: String.self) }
        let postgresIndexes = Set(try schema.connection.rows(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()") { try $0.column(0, as: String.self) })
        #expect(!sqliteIndexes.isEmpty)
        for index in sqliteIndexes {
            #expect(postgresIndexes.contains(index), "index \(index)")
        }
    }
}
