import SQLite

/// The hot path: per-epoch metrics, with their summaries kept current in the
/// same transaction so that comparing runs never reads history.
///
/// One call is one IMMEDIATE transaction: the metric rows, one summary upsert
/// per metric, the values at the best epoch when it moved, and (at most every
/// `heartbeatInterval` seconds) the run's heartbeat. A crash loses at most
/// the call being written.
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
        var points = points
        var keyIDs = try metricKeyIDs(of: points)
        if points.count > 64 {
            // A large batch goes in primary-key order, one metric after
            // another: each metric's rows are then appended page after page
            // instead of scattered over one page per metric. A stable
            // grouping (linear, few keys) keeps the caller's step order.
            let order = Self.groupedByKey(keyIDs)
            points = order.map { points[$0] }
            keyIDs = order.map { keyIDs[$0] }
        }
        let valLossKey = try metricKeyIDs[MetricKey.valLoss] ?? internMetricKeys([MetricKey.valLoss])[MetricKey.valLoss]!
        let now = Self.monotonicNow()
        let heartbeatDue = now - (lastHeartbeat[run] ?? -.infinity) >= heartbeatInterval
        let statements = try hotStatements()
        try write {
            let summaries = try insertPoints(points, keyIDs: keyIDs, run: run, statements.insert)
            let bestBefore = try bestStep(run, valLossKey: valLossKey, statements.bestStep)
            try upsert(summaries, run: run, statements.upsertSummary)
            let bestAfter = summaries.contains { $0.keyID == valLossKey }
                ? try bestStep(run, valLossKey: valLossKey, statements.bestStep) : bestBefore
            if let bestAfter {
                try updateValuesAtBest(
                    run: run, best: bestAfter, moved: bestAfter != bestBefore, points: points, keyIDs: keyIDs, statements)
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

    private func insertPoints(
        _ points: [MetricPoint], keyIDs: [Int64], run: RunID, _ insert: Statement
    ) throws -> [(keyID: Int64, summary: MetricSummary)] {
        // Few distinct keys per call: a linear search beats hashing.
        var summaries: [(keyID: Int64, summary: MetricSummary)] = []
        var current = -1
        // Bindings survive a reset: the run is bound once, the key when it changes.
        try insert.bind(run, at: 1)
        for (point, keyID) in zip(points, keyIDs) {
            if current < 0 || summaries[current].keyID != keyID {
                try insert.bind(keyID, at: 2)
                if let index = summaries.firstIndex(where: { $0.keyID == keyID }) {
                    current = index
                } else {
                    summaries.append((keyID, MetricSummary(step: point.step, value: point.value)))
                    current = summaries.count - 1
                    try insert.bind(point.step, at: 3)
                    try insert.bind(point.value, at: 4)
                    try execute(insert, point: point, run: run)
                    continue
                }
            }
            try insert.bind(point.step, at: 3)
            try insert.bind(point.value, at: 4)
            try execute(insert, point: point, run: run)
            summaries[current].summary.add(step: point.step, value: point.value)
        }
        return summaries
    }

    private func execute(_ insert: Statement, point: MetricPoint, run: RunID) throws {
        do {
            try insert.execute()
        } catch let error as SQLiteError where error.isUniqueViolation {
            throw StoreError.invalidArgument(
                "run \(run) already has '\(point.key)' at step \(point.step); each metric is logged once per step")
        } catch let error as SQLiteError where error.isForeignKeyViolation {
            throw StoreError.notFound("no run with id \(run) to log metrics to")
        }
    }

    /// Indices of `keyIDs` grouped by key, in order of first appearance,
    /// keeping the original order within each key.
    static func groupedByKey(_ keyIDs: [Int64]) -> [Int] {
        var keys: [Int64] = []
        var buckets: [[Int]] = []
        var last = -1
        for (index, keyID) in keyIDs.enumerated() {
            if last < 0 || keys[last] != keyID {
                if let found = keys.firstIndex(of: keyID) {
                    last = found
                } else {
                    keys.append(keyID)
                    buckets.append([])
                    last = keys.count - 1
                }
            }
            buckets[last].append(index)
        }
        return buckets.flatMap { $0 }
    }

    private func upsert(_ summaries: [(keyID: Int64, summary: MetricSummary)], run: RunID, _ upsert: Statement) throws {
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
    }

    /// The run's best epoch: the step of its minimum val_loss, if any.
    private func bestStep(_ run: RunID, valLossKey: Int64, _ select: Statement) throws -> Int? {
        try select.bind(run, at: 1)
        try select.bind(valLossKey, at: 2)
        return try select.firstRow { try $0.column(0, as: Int.self) }
    }

    /// Keeps `run_summary.value_at_best` equal to each metric's value at the
    /// best epoch. When the best epoch moved, every metric of the run is
    /// refreshed (a primary-key lookup each, on pages just written); otherwise
    /// only the metrics this call logged at the best epoch are set.
    private func updateValuesAtBest(
        run: RunID, best: Int, moved: Bool, points: [MetricPoint], keyIDs: [Int64], _ statements: HotStatements
    ) throws {
        if moved {
            try statements.refreshValuesAtBest.bind(best, at: 1)
            try statements.refreshValuesAtBest.bind(run, at: 2)
            try statements.refreshValuesAtBest.execute()
            return
        }
        for (point, keyID) in zip(points, keyIDs) where point.step == best {
            try statements.setValueAtBest.bind(point.value, at: 1)
            try statements.setValueAtBest.bind(run, at: 2)
            try statements.setValueAtBest.bind(keyID, at: 3)
            try statements.setValueAtBest.execute()
        }
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

    /// Statements of the hot path, prepared once per store: looking them up
    /// in the statement cache would hash their SQL text on every epoch.
    struct HotStatements {
        let insert: Statement
        let upsertSummary: Statement
        let bestStep: Statement
        let refreshValuesAtBest: Statement
        let setValueAtBest: Statement

        init(_ database: Database) throws {
            insert = try database.prepare(TrackerStore.insertMetricSQL)
            upsertSummary = try database.prepare(TrackerStore.upsertSummarySQL)
            bestStep = try database.prepare("SELECT min_step FROM run_summary WHERE run_id = ? AND key_id = ?")
            refreshValuesAtBest = try database.prepare("""
                UPDATE run_summary SET value_at_best =
                    (SELECT m.value FROM metrics AS m WHERE m.run_id = run_summary.run_id AND m.key_id = run_summary.key_id AND m.step = ?1)
                WHERE run_id = ?2
                """)
            setValueAtBest = try database.prepare("UPDATE run_summary SET value_at_best = ? WHERE run_id = ? AND key_id = ?")
        }
    }

    func hotStatements() throws -> HotStatements {
        if let hot { return hot }
        let statements = try HotStatements(database)
        hot = statements
        return statements
    }

    /// Each point's metric key id, interning names seen for the first time.
    private func metricKeyIDs(of points: [MetricPoint]) throws -> [Int64] {
        var ids: [Int64] = []
        ids.reserveCapacity(points.count)
        var lastKey = ""
        var lastID: Int64 = 0
        for point in points {
            if point.key == lastKey, !ids.isEmpty {
                ids.append(lastID)
            } else if let id = metricKeyIDs[point.key] {
                (lastKey, lastID) = (point.key, id)
                ids.append(id)
            } else {
                let interned = try internMetricKeys(Set(points.map(\.key)))
                return points.map { interned[$0.key]! }
            }
        }
        return ids
    }

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
