import SQLite

/// The queries a running sweep needs: what its runs reached (for resuming)
/// and what they logged at an epoch (for pruning).
///
/// Each is one statement outside any transaction, so on a WAL database it
/// reads the last committed snapshot: a worker never sees another worker's
/// epoch before that worker's transaction commits.
extension Store {
    /// Every run of a sweep with its plan coordinates, oldest first.
    public func sweepRuns(_ sweep: SweepID) throws -> [SweepRunRecord] {
        try database.cachedStatement("""
            SELECT id, trial, seed, fold, status FROM runs WHERE sweep_id = ? ORDER BY id
            """).bound(sweep).rows { row in
            SweepRunRecord(
                runID: try row.column(0), trial: try row.column(1), seed: try row.column(2),
                fold: try row.column(3), status: try RunStatus(parsing: row.column(4)))
        }
    }

    /// The value of `metric` at `step` in each run of `sweep` whose status is
    /// one of `statuses` (any status when empty), leaving out `excluded`:
    /// what earlier trials reached at this epoch. Runs that never logged the
    /// metric at that step are absent. Ordered by run id.
    public func sweepMetricValues(
        _ sweep: SweepID, metric: String, step: Int, statuses: [RunStatus] = [], excluding excluded: RunID? = nil
    ) throws -> [Double] {
        // The statuses travel as one bound JSON array, so the statement text never changes.
        let statusList = "[" + statuses.map { "\"\($0.rawValue)\"" }.joined(separator: ",") + "]"
        return try database.cachedStatement("""
            SELECT m.value
            FROM runs AS r
            JOIN metrics AS m ON m.run_id = r.id AND m.step = ?2
                AND m.key_id = (SELECT id FROM metric_keys WHERE name = ?3)
            WHERE r.sweep_id = ?1
              AND (?4 = '[]' OR r.status IN (\(database.backend.textsOfJSONArray(parameter: 4))))
              AND r.id IS DISTINCT FROM ?5
            ORDER BY r.id
            """).bound(sweep, step, metric, statusList, excluded).rows { try $0.column(0, as: Double.self) }
    }
}
