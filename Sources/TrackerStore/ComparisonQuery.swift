import SQLite

extension Store {
    /// The comparison behind `tracker compare`, over the runs `filter` picks:
    /// three queries (runs, params, summaries), each one pass over a primary
    /// key, read in one snapshot so that a run committed meanwhile is in all
    /// of them or in none (see `ComparisonReader`).
    public func comparison(
        _ filter: RunFilter = .all, objective: String = MetricKey.valLoss, direction: Direction = .min
    ) throws -> Comparison {
        let reader = ComparisonReader(
            database: database, filter: filter, objective: objective, direction: direction, presumedCrashed: presumedCrashed)
        return try reading { try reader.read() }
    }

    /// The best run among those `filter` picks by an objective metric's best
    /// value, with that value and its step; nil when no run logged it.
    /// Ties go to the older run.
    public func bestRun(
        _ filter: RunFilter = .all, objective: String = MetricKey.valLoss, direction: Direction = .min
    ) throws -> (run: Run, value: Double, step: Int)? {
        let (condition, values) = filter.whereClause(for: database.backend)
        let order = direction == .min ? "s.min_value ASC" : "s.max_value DESC"
        let chosen = direction == .min ? "s.min_value, s.min_step" : "s.max_value, s.max_step"
        let statement = try database.prepare("""
            SELECT \(Run.columns(alias: "r")), \(chosen)
            FROM runs AS r JOIN run_summary AS s ON s.run_id = r.id
            WHERE s.key_id = (SELECT id FROM metric_keys WHERE name = ?) AND \(condition)
            ORDER BY \(order), r.id LIMIT 1
            """)
        try statement.bind([objective] + values)
        return try statement.firstRow { row in
            (presented(try Run(row: row)), try row.column(Run.columnCount, as: Double.self), try row.column(Run.columnCount + 1, as: Int.self))
        }
    }
}
