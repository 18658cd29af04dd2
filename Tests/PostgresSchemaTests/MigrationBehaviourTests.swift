import Foundation
import PostgreSQL
import PostgresTestSupport
import SQLite
import Testing
import TrackerStore
@testable import PostgresSchema

/// What the migrations do to data, compared with SQLite's migrations doing
/// it to the same rows: 0004's kept_step backfill and dataset change, 0003's
/// high-water trigger, and the CHECKs that SQLite spells with functions.
@Suite("PostgreSQL migrations treat data as SQLite's do", .enabled(if: TestServer.shouldRun, Comment(rawValue: TestServer.howToStart)))
struct MigrationBehaviourTests {
    let schema: TestSchema
    let sqlite: Database

    init() throws {
        schema = try TestSchema()
        sqlite = try Database(path: ":memory:")
        try sqlite.execute("PRAGMA foreign_keys = ON")
    }

    private func migrate(upTo version: Int) throws {
        try Migrator(migrations: Migration.all.filter { $0.version <= version }).migrate(sqlite)
        try PostgresMigrator(migrations: PostgresMigration.all.filter { $0.version <= version }).migrate(schema.connection)
    }

    private func migrateToLatest() throws {
        try Migrator().migrate(sqlite)
        try PostgresMigrator().migrate(schema.connection)
    }

    private func expectSameRows(_ query: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expected = try ResultCell.rows(of: query, in: sqlite)
        #expect(!expected.isEmpty, "\(query) returns rows", sourceLocation: sourceLocation)
        #expect(try ResultCell.rows(of: query, in: schema.connection) == expected, "\(query)", sourceLocation: sourceLocation)
    }

    /// Runs written before 0004 get the kept epoch 0004 derives: the best
    /// step where the best weights were restored (early stopping configured,
    /// or diverged), else the last epoch logged; running runs get none.
    @Test func keptStepBackfillMatchesSQLite() throws {
        try migrate(upTo: 3)
        let time = SQLiteValue.text("2026-11-21T19:50:13.123Z")
        try RowCopy.insert("datasets", ["id", "name", "version", "fingerprint", "rows", "features", "task", "created_at"], [
            [.integer(1), .text("digits"), .integer(1), .text("ab12"), .integer(10), .integer(4), .text("classification"), time],
        ], sqlite: sqlite, postgres: schema.connection)
        let runs: [(id: Int64, status: String, bestStep: Int64?, stopReason: String?)] = [
            (1, "finished", 5, "completed"),   // early_stop = 10: restored, kept 5
            (2, "finished", 5, "completed"),   // no early_stop: kept the last, 20
            (3, "failed", 3, "diverged"),      // diverged: restored, kept 3
            (4, "running", 2, nil),            // still running: NULL
            (5, "finished", 4, "completed"),   // early_stop is text: read as 0, kept the last, 12
            (6, "killed", nil, "interrupted"), // no best step: kept the last, 7
        ]
        try RowCopy.insert("runs", ["id", "name", "status", "dataset_id", "created_at", "best_step", "stop_reason"], runs.map {
            [.integer($0.id), .text("run-\($0.id)"), .text($0.status), .integer(1), time,
             $0.bestStep.map(SQLiteValue.integer) ?? .null, $0.stopReason.map(SQLiteValue.text) ?? .null]
        }, sqlite: sqlite, postgres: schema.connection)
        try RowCopy.insert("params", ["run_id", "key", "value"], [
            [.integer(1), .text("early_stop"), .integer(10)],
            [.integer(2), .text("wd"), .real(0.001)],
            [.integer(5), .text("early_stop"), .text("never")],
        ], sqlite: sqlite, postgres: schema.connection)
        let lastSteps: [(run: Int64, key: Int64, step: Int64)] = [(1, 1, 20), (1, 2, 20), (2, 2, 20), (3, 1, 9), (4, 1, 2), (5, 3, 12), (6, 4, 7)]
        try RowCopy.insert(
            "run_summary", ["run_id", "key_id", "count", "last_step", "last_value", "min_step", "min_value", "max_step", "max_value"],
            lastSteps.map { [.integer($0.run), .integer($0.key), .integer($0.step), .integer($0.step), .real(0.5),
                             .integer(1), .real(0.25), .integer(1), .real(0.75)] },
            sqlite: sqlite, postgres: schema.connection)

        try migrateToLatest()

        try expectSameRows("SELECT id, kept_step FROM runs ORDER BY id")
        try expectSameRows("SELECT run_id, best_epoch, kept_epoch, restored_epoch, epochs FROM run_overview ORDER BY run_id")
        // The dataset survives 0004 (SQLite rebuilt the table; PostgreSQL dropped a constraint), and so do the references.
        try expectSameRows("SELECT d.id, d.name, d.version, count(r.id) FROM datasets AS d LEFT JOIN runs AS r ON r.dataset_id = d.id GROUP BY d.id, d.name, d.version")
    }

    /// 0003's trigger remembers the highest id ever deleted, on both.
    @Test func deletingRunsRaisesTheHighWaterMark() throws {
        try migrateToLatest()
        let time = SQLiteValue.text("2026-11-21T19:50:13.123Z")
        try RowCopy.insert("runs", ["id", "name", "created_at"], (1...4).map { [.integer($0), .text("run-\($0)"), time] },
                           sqlite: sqlite, postgres: schema.connection)
        try sqlite.execute("DELETE FROM runs WHERE id IN (2, 4)")
        try sqlite.execute("DELETE FROM runs WHERE id = 1")
        try schema.connection.execute("DELETE FROM runs WHERE id IN (2, 4)")
        try schema.connection.execute("DELETE FROM runs WHERE id = 1")
        try expectSameRows("SELECT singleton, max_id FROM run_id_high_water")
        try expectSameRows("SELECT id, name FROM runs")
    }

    /// Sweeps' JSON is checked as in SQLite (a check violation, 23514) and kept byte for byte.
    @Test func sweepJSONIsCheckedAndKeptAsWritten() throws {
        try migrateToLatest()
        let space = #"{"wd":  [0, 1e-3],  "dropout": [0.5]}"#
        let insert = "INSERT INTO sweeps (name, method, space, created_at) VALUES ($1, $2, $3, $4) RETURNING space"
        let stored = try schema.connection.scalar(insert, "s1", "grid", space, "2026-11-21T19:50:13.123Z", as: String.self)
        #expect(stored == space)
        do {
            _ = try schema.connection.query(insert, ["s2", "grid", "{\"wd\": [", "2026-11-21T19:50:13.123Z"])
            Issue.record("a sweep with malformed JSON was accepted")
        } catch let error as PostgresError {
            #expect(error.isCheckViolation, "\(error)")
        }
    }

    /// julianday() reads the tracker's times as SQLite's does, to the same
    /// millisecond, and gives NULL for text that is not a time.
    @Test func juliandayGivesSQLitesNumbers() throws {
        try migrateToLatest()
        let moments = ["2026-11-21T19:50:13.123Z", "2000-02-29T23:59:59.999Z", "1970-01-01T00:00:00.000Z", "not a time"]
        let seconds = "round((julianday(%@) - 2440587.5) * 86400.0, 3)"
        for moment in moments {
            let statement = try sqlite.prepare("SELECT " + seconds.replacingOccurrences(of: "%@", with: "?"))
            try statement.bind(moment, at: 1)
            let fromSQLite = try statement.rows { ResultCell($0.value(at: 0)) }
            let fromPostgres = try schema.connection.query("SELECT " + seconds.replacingOccurrences(of: "%@", with: "$1::text"), [moment]).map {
                $0.isNull(0) ? ResultCell.null : ResultCell(postgres: try $0.column(0, as: String.self))
            }
            #expect(fromPostgres == fromSQLite, "\(moment)")
        }
        #expect(try schema.connection.scalar("SELECT julianday($1) IS NULL", "not a time", as: Bool.self) == true)
    }
}
