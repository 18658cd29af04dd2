import Foundation
import SQLite

/// Reads runs from an MLflow SQLite tracking store (`mlflow.db`, MLflow 2.x
/// and 3.x schemas), opened read-only: the file's bytes are never changed.
///
/// Columns are looked up with `PRAGMA table_info`, not assumed: `runs.name`,
/// `runs.lifecycle_stage`, `metrics.step` and `metrics.is_nan` came and may
/// go with schema revisions, and 3.x adds tables (logged models, traces)
/// that a run import does not need.
///
/// Every read returns every run and every point: MLflow has no
/// "changed since" marker that is reliable across versions, so the caller
/// makes imports idempotent by keying runs on `externalID` (the run id) and
/// points on (externalID, key, step).
///
/// Where MLflow holds several values at one step (it allows that, with
/// different timestamps) the one with the latest timestamp is kept; on equal
/// timestamps the larger value, the order MLflow's own `latest_metrics` uses.
public final class MLflowStoreReader {
    public let path: String
    private let database: Database
    private let schema: MLflowSchema

    /// Opens the store and checks that it is one.
    /// - Throws: `ImportError` naming the file when it cannot be opened or
    ///   does not hold MLflow's tables and columns.
    public init(path: String) throws {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else {
            throw ImportError(path: path, problem: "no such file; expected an MLflow SQLite tracking store (mlflow.db)")
        }
        do {
            database = try Database(path: path, mode: .readOnly)
            schema = try MLflowSchema(database)
        } catch let error as SQLiteError {
            throw ImportError(path: path, problem: "not an MLflow tracking store: SQLite cannot read it (\(error.message)); expected an mlflow.db written by MLflow's SQLite backend")
        }
        try schema.checkIsMLflow(path: path)
    }

    /// The store's alembic revision (e.g. "0584bdc529eb"), nil when absent.
    public var schemaRevision: String? { schema.revision }

    /// Every run with its params, tags and metric history, oldest first.
    /// - Parameter includeDeleted: also runs (and experiments) in MLflow's
    ///   trash, i.e. with lifecycle_stage "deleted".
    public func readRuns(includeDeleted: Bool = false) throws -> [ImportedRun] {
        do {
            return try database.transaction(.deferred) {
                var runs = try readRunRows(includeDeleted: includeDeleted)
                let wanted = Set(runs.map(\.externalID))
                let params = try readKeyValues(table: "params", for: wanted)
                let tags = try readKeyValues(table: "tags", for: wanted)
                let metrics = try readMetrics(for: wanted)
                for index in runs.indices {
                    let id = runs[index].externalID
                    for (key, value) in params[id] ?? [:] { runs[index].params[key] = ImportedValue(parsing: value) }
                    apply(tags: tags[id] ?? [:], to: &runs[index])
                    runs[index].metrics = metrics[id] ?? []
                }
                return runs
            }
        } catch let error as SQLiteError {
            throw ImportError(path: path, problem: "reading the MLflow store failed: \(error)")
        }
    }

    private func readRunRows(includeDeleted: Bool) throws -> [ImportedRun] {
        // Identifiers come from our own fixed lists, never from the file.
        let name = schema.has("runs", "name") ? "r.name" : "NULL"
        let runStage = schema.has("runs", "lifecycle_stage") ? "r.lifecycle_stage" : "'active'"
        let experimentStage = schema.has("experiments", "lifecycle_stage") ? "e.lifecycle_stage" : "'active'"
        let sql = """
            SELECT r.run_uuid, e.name, \(name), r.status, r.start_time, r.end_time
            FROM runs r LEFT JOIN experiments e ON e.experiment_id = r.experiment_id
            WHERE ? OR (coalesce(\(runStage), 'active') <> 'deleted' AND coalesce(\(experimentStage), 'active') <> 'deleted')
            ORDER BY r.start_time, r.run_uuid
            """
        return try database.rows(sql, includeDeleted) { row in
            let id = try row.string(at: 0)
            let statusText = try row.optionalString(at: 3) ?? ""
            var run = ImportedRun(
                source: .mlflow, externalID: id, group: try row.optionalString(at: 1),
                name: try row.optionalString(at: 2).flatMap { $0.isEmpty ? nil : $0 },
                status: .finished,
                startTime: try row.optionalInt64(at: 4).map(Self.date(milliseconds:)),
                endTime: try row.optionalInt64(at: 5).map(Self.date(milliseconds:)))
            if let status = Self.status(statusText) {
                run.status = status
            } else {
                run.status = .failed
                run.warnings.append("run \(id) in \(path) has the unknown status '\(statusText)'; imported as failed")
            }
            return run
        }
    }

    /// `params` and `tags` share a shape: (key, value, run_uuid).
    private func readKeyValues(table: String, for runs: Set<String>) throws -> [String: [String: String]] {
        precondition(table == "params" || table == "tags", "only MLflow's key-value tables")
        var byRun: [String: [String: String]] = [:]
        let statement = try database.prepare("SELECT run_uuid, key, value FROM \(table)")
        while try statement.step() {
            let run = try statement.string(at: 0)
            guard runs.contains(run) else { continue }
            byRun[run, default: [:]][try statement.string(at: 1)] = try statement.optionalString(at: 2) ?? ""
        }
        return byRun
    }

    private func readMetrics(for runs: Set<String>) throws -> [String: [ImportedMetricPoint]] {
        let step = schema.has("metrics", "step") ? "step" : "0"
        let isNaN = schema.has("metrics", "is_nan") ? "is_nan" : "0"
        // Sorted so that the point to keep for a (run, key, step) comes last.
        let statement = try database.prepare("""
            SELECT run_uuid, key, \(step), timestamp, value, \(isNaN) FROM metrics
            ORDER BY run_uuid, key, \(step), timestamp, value
            """)
        var byRun: [String: [ImportedMetricPoint]] = [:]
        var currentRun = ""
        var points: [ImportedMetricPoint] = []
        func finishRun() {
            if runs.contains(currentRun) { byRun[currentRun] = points }
            points.removeAll(keepingCapacity: true)
        }
        while try statement.step() {
            let run = try statement.string(at: 0)
            if run != currentRun {
                finishRun()
                currentRun = run
            }
            let key = try statement.string(at: 1)
            // MLflow stores NaN as 0 with is_nan = 1; SQLite itself turns NaN into NULL.
            let stored = try statement.optionalDouble(at: 4)
            let value = (try statement.int64(at: 5)) != 0 ? Double.nan : (stored ?? .nan)
            let point = ImportedMetricPoint(
                key: key, step: try statement.int64(at: 2), value: value,
                timestamp: try statement.optionalInt64(at: 3).map(Self.date(milliseconds:)))
            if let last = points.last, last.key == point.key, last.step == point.step {
                points[points.count - 1] = point
            } else {
                points.append(point)
            }
        }
        finishRun()
        return byRun
    }

    /// MLflow's system tags carry the note, the commit and the run name; the
    /// rest of `mlflow.*` is kept apart from the user's tags.
    private func apply(tags: [String: String], to run: inout ImportedRun) {
        for (key, value) in tags {
            switch key {
            case "mlflow.note.content": run.notes = value
            case "mlflow.source.git.commit": run.gitCommit = value
            case "mlflow.runName": if run.name == nil { run.name = value }
            case _ where key.hasPrefix("mlflow."): run.systemTags[key] = value
            default: run.tags[key] = value
            }
        }
    }

    static func status(_ text: String) -> ImportedStatus? {
        switch text {
        case "RUNNING", "SCHEDULED": .running
        case "FINISHED": .finished
        case "FAILED": .failed
        case "KILLED": .killed
        default: nil
        }
    }

    static func date(milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
