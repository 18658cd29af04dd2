import SQLite

/// Rebuilding `run_summary` from `metrics`, for rows that came in by other
/// means than the store (a script writing SQL, a restore from a dump): the
/// summaries are what `compare`, `show` and `history` read, and without
/// them such a run looks as if it had logged nothing.
extension Store {
    /// Runs among those `filter` picks that have metric points but no
    /// summary at all. Two primary-key seeks a run, never a history scan:
    /// reading commands call it every time.
    public func runsMissingSummaries(_ filter: RunFilter = .all) throws -> [RunID] {
        let (condition, values) = filter.whereClause(for: database.backend)
        let statement = try database.prepare("""
            SELECT r.id FROM runs AS r
            WHERE \(condition)
              AND NOT EXISTS (SELECT 1 FROM run_summary AS s WHERE s.run_id = r.id)
              AND EXISTS (SELECT 1 FROM metrics AS m WHERE m.run_id = r.id)
            ORDER BY r.id
            """)
        try statement.bind(values)
        return try statement.rows { try $0.int64(at: 0) }
    }

    /// Recomputes the summaries of `runs` (nil: every run with metrics) from
    /// their history, exactly as the writer keeps them: ties of the minimum
    /// and maximum go to the earliest step, `value_at_best` is each metric's
    /// value at the epoch of minimum val_loss. Idempotent; one transaction a
    /// run, so a long reindex never holds the write lock for long. Returns
    /// how many runs had summaries that differed from their history.
    @discardableResult
    public func rebuildSummaries(of runs: [RunID]? = nil) throws -> Int {
        let ids = try runs ?? database.rows("SELECT id FROM runs AS r WHERE EXISTS (SELECT 1 FROM metrics WHERE run_id = r.id) ORDER BY id") {
            try $0.column(0, as: RunID.self)
        }
        var changed = 0
        for id in ids {
            let differed = try write { () throws -> Bool in
                let before = try summaryFingerprint(id)
                try database.execute("DELETE FROM run_summary WHERE run_id = ?", id)
                try database.execute("""
                    INSERT INTO run_summary (run_id, key_id, count, last_step, last_value, min_step, min_value, max_step, max_value)
                    SELECT g.run_id, g.key_id, g.count, g.last_step,
                        (SELECT value FROM metrics WHERE run_id = g.run_id AND key_id = g.key_id AND step = g.last_step),
                        (SELECT step FROM metrics WHERE run_id = g.run_id AND key_id = g.key_id AND value = g.min_value ORDER BY step LIMIT 1),
                        g.min_value,
                        (SELECT step FROM metrics WHERE run_id = g.run_id AND key_id = g.key_id AND value = g.max_value ORDER BY step LIMIT 1),
                        g.max_value
                    FROM (
                        SELECT run_id, key_id, count(*) AS count, max(step) AS last_step, min(value) AS min_value, max(value) AS max_value
                        FROM metrics WHERE run_id = ?1 GROUP BY run_id, key_id
                    ) AS g
                    """, id)
                try database.execute("""
                    UPDATE run_summary SET value_at_best = (
                        SELECT m.value FROM metrics AS m
                        WHERE m.run_id = ?1 AND m.key_id = run_summary.key_id AND m.step = (
                            SELECT s.min_step FROM run_summary AS s
                            WHERE s.run_id = ?1 AND s.key_id = (SELECT id FROM metric_keys WHERE name = 'val_loss')))
                    WHERE run_id = ?1
                    """, id)
                return try summaryFingerprint(id) != before
            }
            if differed { changed += 1 }
        }
        summaryCache.forget(ids)
        return changed
    }

    /// A run's summary rows, to tell whether a rebuild changed them.
    private func summaryFingerprint(_ id: RunID) throws -> [[SQLiteValue]] {
        try database.rows(
            """
            SELECT key_id, count, last_step, last_value, min_step, min_value, max_step, max_value, value_at_best
            FROM run_summary WHERE run_id = ? ORDER BY key_id
            """, id) { row in try (0..<9).map { try row.value(at: $0) } }
    }
}
