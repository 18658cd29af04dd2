import SQLite

/// The tables and columns an MLflow store has, read from the file itself.
struct MLflowSchema {
    static let requiredColumns: [String: [String]] = [
        "experiments": ["experiment_id", "name"],
        "runs": ["run_uuid", "experiment_id", "status", "start_time", "end_time"],
        "params": ["key", "value", "run_uuid"],
        "tags": ["key", "value", "run_uuid"],
        "metrics": ["key", "value", "timestamp", "run_uuid"],
    ]

    private(set) var columnsByTable: [String: Set<String>] = [:]
    private(set) var revision: String?

    init(_ database: Database) throws {
        for table in Self.requiredColumns.keys {
            let columns = try database.rows("SELECT name FROM pragma_table_info(?)", table) { try $0.string(at: 0) }
            if !columns.isEmpty { columnsByTable[table] = Set(columns) }
        }
        let hasAlembic: Int64? = try database.scalar(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", "alembic_version")
        if hasAlembic == 1 {
            revision = try database.scalar("SELECT version_num FROM alembic_version LIMIT 1", as: String?.self) ?? nil
        }
    }

    func has(_ table: String, _ column: String) -> Bool {
        columnsByTable[table]?.contains(column) == true
    }

    func checkIsMLflow(path: String) throws {
        let missingTables = Self.requiredColumns.keys.filter { columnsByTable[$0] == nil }.sorted()
        guard missingTables.isEmpty else {
            throw ImportError(path: path, problem: "not an MLflow tracking store: expected the tables experiments, runs, params, tags and metrics; missing \(missingTables.joined(separator: ", "))")
        }
        let missingColumns = Self.requiredColumns.sorted { $0.key < $1.key }.flatMap { table, columns in
            columns.filter { !has(table, $0) }.map { "\(table).\($0)" }
        }
        guard missingColumns.isEmpty else {
            throw ImportError(path: path, problem: "not an MLflow tracking store this reader knows: missing the columns \(missingColumns.joined(separator: ", "))")
        }
    }
}
