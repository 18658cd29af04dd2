import Foundation
import SQLite
import Testing
@testable import TrackerStore

/// Migration 0003 (reserved 0004) on a database written before it: the best
/// and the kept epoch come apart honestly, and the gap is measured in eval mode.
@Suite("Honest measures migration")
struct HonestMeasuresMigrationTests {
    static let version = Migration.all.firstIndex { $0.name.hasSuffix("_honest_measures.sql") }.map { $0 + 1 } ?? 0

    /// A database at the version before, with three finished runs: one that
    /// restored its best weights (early stopping), one that ran to its last
    /// epoch, one whose `early_stop` param says it restored though it ran out.
    static func previousVersionDatabase() throws -> Database {
        let database = try Database.inMemory()
        try Migrator(migrations: Array(Migration.all.prefix(version - 1))).migrate(database)
        let now = "2026-12-01T10:00:00.000Z"
        let runs: [(id: Int, name: String, stop: String, bestStep: Int, earlyStop: Int?)] = [
            (1, "stopped-early", "early_stopping", 3, 2),
            (2, "ran-out", "completed", 3, nil),
            (3, "patient", "completed", 3, 50),
        ]
        for run in runs {
            try database.execute(
                "INSERT INTO runs (id, name, status, created_at, started_at, ended_at, best_step, stop_reason) VALUES (?, ?, 'finished', ?, ?, ?, ?, ?)",
                run.id, run.name, now, now, now, run.bestStep, run.stop)
            if let earlyStop = run.earlyStop {
                try database.execute("INSERT INTO params (run_id, key, value) VALUES (?, 'early_stop', ?)", run.id, earlyStop)
            }
            // train_loss and val_loss for five epochs; val is best at epoch 3.
            let epochs = run.id == 1 ? 5 : 6
            for step in 1...epochs {
                try database.execute("INSERT INTO metrics (run_id, key_id, step, value) VALUES (?, 1, ?, ?)", run.id, step, 1.0 / Double(step))
                try database.execute("INSERT INTO metrics (run_id, key_id, step, value) VALUES (?, 2, ?, ?)", run.id, step, abs(Double(step) - 3) + 0.5)
            }
            for (key, last, min, minStep, max) in [(1, 1.0 / Double(epochs), 1.0 / Double(epochs), epochs, 1.0), (2, Double(epochs) - 2.5, 0.5, 3, Double(epochs) - 2.5)] {
                try database.execute(
                    """
                    INSERT INTO run_summary (run_id, key_id, count, last_step, last_value, min_step, min_value, max_step, max_value)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, run.id, key, epochs, epochs, last, minStep, min, epochs, max)
            }
        }
        return database
    }

    func overview(_ database: Database, _ name: String) throws -> (best: Int?, kept: Int?, restored: Int?, gap: Double?) {
        let statement = try database.prepare("SELECT best_epoch, kept_epoch, restored_epoch, gap FROM run_overview WHERE name = ?")
        try statement.bind([name])
        #expect(try statement.step())
        return (try statement.optionalInt64(at: 0).map(Int.init), try statement.optionalInt64(at: 1).map(Int.init),
                try statement.optionalInt64(at: 2).map(Int.init), try statement.optionalDouble(at: 3))
    }

    @Test func existingRunsGetTheKeptEpochTheirWeightsCameFrom() throws {
        #expect(Self.version > 1)
        let database = try Self.previousVersionDatabase()
        try Migrator().migrate(database)

        let stopped = try overview(database, "stopped-early")
        #expect(stopped.best == 3 && stopped.kept == 3 && stopped.restored == 3)
        let ranOut = try overview(database, "ran-out")
        #expect(ranOut.best == 3 && ranOut.kept == 6, "without early stopping the last epoch's weights were kept")
        #expect(ranOut.restored == nil, "nothing was restored")
        let patient = try overview(database, "patient")
        #expect(patient.best == 3 && patient.kept == 3 && patient.restored == 3)
    }

    @Test func theGapNeedsTrainEvalLossAndIsNullWithoutIt() throws {
        let database = try Self.previousVersionDatabase()
        try Migrator().migrate(database)
        #expect(try overview(database, "ran-out").gap == nil, "train_loss is measured in training mode: no gap from it")

        let trainEvalKey = try #require(try database.scalar("SELECT id FROM metric_keys WHERE name = 'train_eval_loss'", as: Int.self))
        try database.execute("INSERT INTO metrics (run_id, key_id, step, value) VALUES (2, ?, 3, 0.125)", trainEvalKey)
        let gap = try #require(try overview(database, "ran-out").gap)
        #expect(gap == 0.5 - 0.125)
    }

    @Test func datasetsAreRebuiltWithTheirReferencesAndKeyedByTargetToo() throws {
        let database = try Self.previousVersionDatabase()
        try database.execute("PRAGMA foreign_keys = ON")
        let now = "2026-12-01T10:00:00.000Z"
        let fingerprint = String(repeating: "ab", count: 32)
        try database.execute(
            """
            INSERT INTO datasets (id, name, version, fingerprint, rows, features, target, task, source, created_at)
            VALUES (7, 'wine', 1, ?, 178, 13, 'quality', 'regression', 'wine.csv', ?)
            """, fingerprint, now)
        try database.execute("UPDATE runs SET dataset_id = 7 WHERE id IN (1, 3)")
        try database.execute(
            "INSERT INTO sweeps (id, name, method, space, dataset_id, created_at) VALUES (4, 's', 'grid', '{}', 7, ?)", now)
        try Migrator().migrate(database)

        #expect(try database.rows("SELECT id FROM runs WHERE dataset_id = 7 ORDER BY id") { try $0.column(0, as: Int.self) } == [1, 3])
        #expect(try database.scalar("SELECT dataset_id FROM sweeps WHERE id = 4", as: Int.self) == 7)
        #expect(try database.rows("PRAGMA foreign_key_check") { try $0.column(0, as: String.self) }.isEmpty)
        #expect(try database.scalar("SELECT dataset FROM run_overview WHERE run_id = 1", as: String.self) == "wine")
        // The same file predicting another column is another version, never merged...
        try database.execute(
            """
            INSERT INTO datasets (name, version, fingerprint, rows, features, target, task, source, created_at)
            VALUES ('wine', 2, ?, 178, 13, 'class', 'classification', 'wine.csv', ?)
            """, fingerprint, now)
        // ...but the same content, target and task twice is refused.
        #expect(throws: SQLiteError.self) {
            try database.execute(
                """
                INSERT INTO datasets (name, version, fingerprint, rows, features, target, task, source, created_at)
                VALUES ('wine', 3, ?, 178, 13, 'quality', 'regression', 'wine.csv', ?)
                """, fingerprint, now)
        }
        // Foreign keys still guard the rebuilt table.
        #expect(throws: SQLiteError.self) { try database.execute("UPDATE runs SET dataset_id = 99 WHERE id = 1") }
    }
}
