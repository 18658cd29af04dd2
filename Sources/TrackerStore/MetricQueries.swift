import SQLite

/// Reading metrics back: history and summaries.
extension Store {
    /// A run's summaries by metric name.
    public func summaries(of run: RunID) throws -> [String: MetricSummary] {
        let statement = try database.cachedStatement("""
            SELECT k.name, s.count, s.last_step, s.last_value, s.min_step, s.min_value, s.max_step, s.max_value
            FROM run_summary AS s JOIN metric_keys AS k ON k.id = s.key_id
            WHERE s.run_id = ?
            """).bound(run)
        var summaries: [String: MetricSummary] = [:]
        for (name, summary) in try statement.rows({ (try $0.column(0, as: String.self), try MetricSummary(row: $0, from: 1)) }) {
            summaries[name] = summary
        }
        return summaries
    }

    /// One metric's history for a run, in step order.
    public func history(of run: RunID, metric: String) throws -> [(step: Int, value: Double)] {
        try database.cachedStatement("""
            SELECT m.step, m.value FROM metrics AS m
            WHERE m.run_id = ? AND m.key_id = (SELECT id FROM metric_keys WHERE name = ?)
            ORDER BY m.step
            """).bound(run, metric).rows { (try $0.column(0, as: Int.self), try $0.column(1, as: Double.self)) }
    }

    /// One metric's points after `step`, in step order: what a live page
    /// that already has everything up to `step` asks for.
    public func history(of run: RunID, metric: String, after step: Int) throws -> [(step: Int, value: Double)] {
        try database.cachedStatement("""
            SELECT m.step, m.value FROM metrics AS m
            WHERE m.run_id = ? AND m.key_id = (SELECT id FROM metric_keys WHERE name = ?) AND m.step > ?
            ORDER BY m.step
            """).bound(run, metric, step).rows { (try $0.column(0, as: Int.self), try $0.column(1, as: Double.self)) }
    }

    /// Every metric name ever logged, in id order (standard keys first).
    public func metricNames() throws -> [String] {
        try database.cachedStatement("SELECT name FROM metric_keys ORDER BY id").rows { try $0.column(0, as: String.self) }
    }
}

extension MetricSummary {
    /// Reads the seven summary columns starting at `first`.
    init(row: StoreRow, from first: Int) throws {
        self.init(
            count: try row.column(first), lastStep: try row.column(first + 1), lastValue: try row.column(first + 2),
            minStep: try row.column(first + 3), minValue: try row.column(first + 4),
            maxStep: try row.column(first + 5), maxValue: try row.column(first + 6))
    }
}
