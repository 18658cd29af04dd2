/// The hot path's PostgreSQL form: what SQLite does with prepared
/// statements stepped per row (cheap in-process calls) would here be a round
/// trip per row, so the points and the changed summaries each go as one
/// statement with arrays bound (see `PostgresArrayText`).
extension Store {
    /// Points per statement: bounds the text a single parameter holds.
    static let postgresPointsPerStatement = 50_000

    func insertPointsAsArrays(_ points: [MetricPoint], keyIDs: [Int64], run: RunID) throws {
        var start = 0
        while start < points.count {
            let range = start..<min(start + Self.postgresPointsPerStatement, points.count)
            do {
                try database.cachedStatement("""
                    INSERT INTO metrics (run_id, key_id, step, value)
                    SELECT ?, p.key_id, p.step, p.value
                    FROM unnest(CAST(? AS bigint[]), CAST(? AS bigint[]), CAST(? AS double precision[])) AS p(key_id, step, value)
                    """).bound(
                        run, PostgresArrayText.integers(keyIDs[range]), PostgresArrayText.integers(points[range].lazy.map(\.step)),
                        PostgresArrayText.doubles(points[range].lazy.map { Optional($0.value) })
                    ).execute()
            } catch let error where error.isUniqueViolation {
                throw DuplicatePoint(run: run)
            } catch let error where error.isForeignKeyViolation {
                throw StoreError.notFound("no run with id \(run) to log metrics to")
            }
            start = range.upperBound
        }
    }

    /// Writes the changed summary rows in one statement. The rows were read
    /// in this transaction, under the write turn (PostgreSQL's summaries are
    /// never cached across calls), so they cannot be stale: an upsert is exact.
    func upsertSummaries(_ rows: [RunSummaries.Row], run: RunID) throws {
        guard !rows.isEmpty else { return }
        let summaries = rows.map(\.summary)
        try database.cachedStatement("""
            INSERT INTO run_summary (run_id, key_id, count, last_step, last_value, min_step, min_value, max_step, max_value, value_at_best)
            SELECT ?, s.* FROM unnest(
                CAST(? AS bigint[]), CAST(? AS bigint[]), CAST(? AS bigint[]), CAST(? AS double precision[]),
                CAST(? AS bigint[]), CAST(? AS double precision[]), CAST(? AS bigint[]), CAST(? AS double precision[]),
                CAST(? AS double precision[])) AS s
            ON CONFLICT (run_id, key_id) DO UPDATE SET
                count = excluded.count, last_step = excluded.last_step, last_value = excluded.last_value,
                min_step = excluded.min_step, min_value = excluded.min_value,
                max_step = excluded.max_step, max_value = excluded.max_value, value_at_best = excluded.value_at_best
            """).bound(
                run, PostgresArrayText.integers(rows.map(\.keyID)), PostgresArrayText.integers(summaries.map(\.count)),
                PostgresArrayText.integers(summaries.map(\.lastStep)), PostgresArrayText.doubles(summaries.map { Optional($0.lastValue) }),
                PostgresArrayText.integers(summaries.map(\.minStep)), PostgresArrayText.doubles(summaries.map { Optional($0.minValue) }),
                PostgresArrayText.integers(summaries.map(\.maxStep)), PostgresArrayText.doubles(summaries.map { Optional($0.maxValue) }),
                PostgresArrayText.doubles(rows.map(\.valueAtBest))
            ).execute()
    }
}
