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
}
