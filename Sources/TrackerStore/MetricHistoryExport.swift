import SQLite

extension Store {
    /// Calls `body` with every metric point of the runs `filter` picks: oldest
    /// run first, then by metric key id and step. `metrics` limits the keys
    /// (empty: all).
    ///
    /// One primary-key range read per run (and key), in the key's own order:
    /// SQLite streams the rows without a sort, so memory stays flat however
    /// long the history. (A single join ordered by run would make SQLite sort
    /// every point in a temporary B-tree first.)
    public func forEachMetricPoint(
        _ filter: RunFilter = .all, metrics: [String] = [],
        _ body: (_ run: String, _ metric: String, _ step: Int, _ value: Double) throws -> Void
    ) throws {
        let runs = try self.runs(filter).sorted { $0.id < $1.id }
        var keyNames: [Int64: String] = [:]
        for (id, name) in try database.cachedStatement("SELECT id, name FROM metric_keys")
            .rows({ (try $0.column(0, as: Int64.self), try $0.column(1, as: String.self)) }) {
            keyNames[id] = name
        }
        if metrics.isEmpty {
            let statement = try database.prepare("SELECT key_id, step, value FROM metrics WHERE run_id = ? ORDER BY key_id, step")
            for run in runs {
                try statement.bind(run.id, at: 1)
                try statement.forEachRow { row in
                    let keyID: Int64 = try row.column(0)
                    try body(run.name, keyNames[keyID] ?? "metric-\(keyID)", row.column(1), row.column(2))
                }
            }
        } else {
            let wanted = Set(metrics)
            let keys = keyNames.filter { wanted.contains($0.value) }.sorted { $0.key < $1.key }
            let statement = try database.prepare("SELECT step, value FROM metrics WHERE run_id = ? AND key_id = ? ORDER BY step")
            for run in runs {
                for (keyID, name) in keys {
                    try statement.bind(run.id, at: 1)
                    try statement.bind(keyID, at: 2)
                    try statement.forEachRow { row in
                        try body(run.name, name, row.column(0), row.column(1))
                    }
                }
            }
        }
    }
}
