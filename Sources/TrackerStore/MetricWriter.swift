import SQLite

/// The hot path: per-epoch metrics, with their summaries kept current in the
/// same transaction so that comparing runs never scans history.
///
/// One epoch is one IMMEDIATE transaction: the metric rows, one summary upsert
/// per metric, and (at most every `heartbeatInterval` seconds) the run's
/// heartbeat. A crash loses at most the epoch being written.
extension TrackerStore {
    /// Logs one epoch's metrics, e.g. `["train_loss": 0.41, "val_loss": 0.52]`.
    public func logMetrics(_ run: RunID, step: Int, _ values: [String: Double]) throws {
        try logMetrics(run, points: values.map { MetricPoint(key: $0.key, step: step, value: $0.value) })
    }

    /// Logs many points in one transaction: the bulk path for importers and
    /// for callers that buffer epochs. Summaries are folded in memory and
    /// written once per metric.
    public func logMetrics(_ run: RunID, points: [MetricPoint]) throws {
        guard !points.isEmpty else { return }
        for point in points where point.value.isNaN {
            throw StoreError.invalidArgument(
                "metric '\(point.key)' at step \(point.step) is NaN; stop the run (status failed, stop reason diverged) instead of logging it")
        }
        let keyIDs = try internMetricKeys(Set(points.map(\.key)))
        let now = Self.monotonicNow()
        let heartbeatDue = now - (lastHeartbeat[run] ?? -.infinity) >= heartbeatInterval
        try write {
            let insert = try database.cachedStatement(Self.insertMetricSQL)
            var summaries: [Int64: MetricSummary] = [:]
            for point in points {
                let keyID = keyIDs[point.key]!
                try insert.bind(run, at: 1)
                try insert.bind(keyID, at: 2)
                try insert.bind(point.step, at: 3)
                try insert.bind(point.value, at: 4)
                do {
                    try insert.execute()
                } catch let error as SQLiteError where error.isUniqueViolation {
                    throw StoreError.invalidArgument(
                        "run \(run) already has '\(point.key)' at step \(point.step); each metric is logged once per step")
                } catch let error as SQLiteError where error.isForeignKeyViolation {
                    throw StoreError.notFound("no run with id \(run) to log metrics to")
                }
                if summaries[keyID] == nil {
                    summaries[keyID] = MetricSummary(step: point.step, value: point.value)
                } else {
                    summaries[keyID]!.add(step: point.step, value: point.value)
                }
            }
            let upsert = try database.cachedStatement(Self.upsertSummarySQL)
            for (keyID, summary) in summaries {
                try upsert.bind(run, at: 1)
                try upsert.bind(keyID, at: 2)
                try upsert.bind(summary.count, at: 3)
                try upsert.bind(summary.lastStep, at: 4)
                try upsert.bind(summary.lastValue, at: 5)
                try upsert.bind(summary.minStep, at: 6)
                try upsert.bind(summary.minValue, at: 7)
                try upsert.bind(summary.maxStep, at: 8)
                try upsert.bind(summary.maxValue, at: 9)
                try upsert.execute()
            }
            if heartbeatDue {
                try database.execute("UPDATE runs SET heartbeat_at = ? WHERE id = ?", Timestamp.now(), run)
            }
        }
        if heartbeatDue { lastHeartbeat[run] = now }
    }

    /// Records that a run is alive without logging anything (for long epochs).
    public func heartbeat(_ run: RunID) throws {
        try write {
            try database.execute("UPDATE runs SET heartbeat_at = ? WHERE id = ?", Timestamp.now(), run)
        }
        lastHeartbeat[run] = Self.monotonicNow()
    }

    /// The SQL of the hot path; public so that the benchmark's C baseline runs the very same statements.
    public static let insertMetricSQL = "INSERT INTO metrics (run_id, key_id, step, value) VALUES (?, ?, ?, ?)"

    /// Merges a batch's summary into the stored one. In an UPDATE every
    /// right-hand side sees the row as it was, so the CASEs compare with the
    /// old values. Ties keep the earlier step.
    public static let upsertSummarySQL = """
        INSERT INTO run_summary (run_id, key_id, count, last_step, last_value, min_step, min_value, max_step, max_value)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
        ON CONFLICT (run_id, key_id) DO UPDATE SET
            count = count + excluded.count,
            last_step = CASE WHEN excluded.last_step >= last_step THEN excluded.last_step ELSE last_step END,
            last_value = CASE WHEN excluded.last_step >= last_step THEN excluded.last_value ELSE last_value END,
            min_step = CASE WHEN excluded.min_value < min_value OR (excluded.min_value = min_value AND excluded.min_step < min_step)
                            THEN excluded.min_step ELSE min_step END,
            min_value = min(min_value, excluded.min_value),
            max_step = CASE WHEN excluded.max_value > max_value OR (excluded.max_value = max_value AND excluded.max_step < max_step)
                            THEN excluded.max_step ELSE max_step END,
            max_value = max(max_value, excluded.max_value)
        """

    /// The ids of metric names, adding the new ones in their own small
    /// transaction: an id is cached only once committed, so a rolled-back
    /// epoch can never leave a cached id that does not exist.
    func internMetricKeys(_ names: Set<String>) throws -> [String: Int64] {
        var ids: [String: Int64] = [:]
        var missing: [String] = []
        for name in names {
            if let id = metricKeyIDs[name] { ids[name] = id } else { missing.append(name) }
        }
        guard !missing.isEmpty else { return ids }
        for name in missing where name.isEmpty {
            throw StoreError.invalidArgument("a metric has an empty name; use keys such as 'val_loss'")
        }
        let interned: [String: Int64] = try write {
            var interned: [String: Int64] = [:]
            for name in missing.sorted() {
                try database.execute("INSERT OR IGNORE INTO metric_keys (name) VALUES (?)", name)
                interned[name] = try database.scalar("SELECT id FROM metric_keys WHERE name = ?", name)
            }
            return interned
        }
        for (name, id) in interned {
            metricKeyIDs[name] = id
            ids[name] = id
        }
        return ids
    }
}
