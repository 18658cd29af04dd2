import SQLite

/// Reads a `Comparison` in three passes, each over a primary key in order:
/// runs, params, run_summary. Values go straight into their rows as they
/// are read; history is read only for runs whose best epoch is not the one
/// the summaries track (see `run_summary.value_at_best`).
struct ComparisonReader {
    /// A WHERE clause on run_id and its bound values.
    typealias Selection = (condition: String, values: [any StoreBindable])

    let database: StoreDatabase
    let filter: RunFilter
    let objective: String
    let direction: Direction
    /// Runs the store found crashed but could not mark (see `Store.presumedCrashed`).
    var presumedCrashed: Set<RunID> = []

    func read() throws -> Comparison {
        let (condition, values) = filter.whereClause(for: database.backend)
        var rows = try runs(condition, values)
        let ids = rows.map(\.runID)
        let index = RunRowIndex(ids)
        // The filter has picked its runs: params and run_summary are read for
        // those ids (bound as one JSON array), in primary-key order, rather
        // than by evaluating the filter again for each table. Without a
        // filter a plain scan of each table is cheaper still.
        let selected: Selection = condition == "TRUE"
            ? ("", [])
            : ("WHERE run_id IN (\(database.backend.integersOfJSONArray))", ["[" + ids.map(String.init).joined(separator: ",") + "]"])
        let paramKeys = try params(into: &rows, index, selected)
        let metricNames = try summaries(into: &rows, index, selected)
        return Comparison(paramKeys: paramKeys, metricNames: metricNames, objective: objective, direction: direction, rows: rows)
    }

    private func runs(_ condition: String, _ values: [any StoreBindable]) throws -> [Comparison.Row] {
        let statement = try database.prepare("""
            SELECT r.id, r.name, r.status, r.group_name, r.sweep_id, r.trial, r.fold, r.dataset_id, r.best_step, r.kept_step, r.stop_reason
            FROM runs AS r WHERE \(condition) ORDER BY r.id DESC
            """)
        try statement.bind(values)
        var rows: [Comparison.Row] = []
        try statement.forEachRow { cursor in
            let status = try cursor.string(at: 2)
            let runID = try cursor.int64(at: 0)
            rows.append(Comparison.Row(
                runID: runID, name: try cursor.string(at: 1),
                status: presumedCrashed.contains(runID) ? .crashed : try RunStatus(rawValue: status) ?? RunStatus(parsing: status),
                group: try cursor.optionalString(at: 3), sweepID: try cursor.optionalInt64(at: 4),
                trial: try cursor.optionalInt64(at: 5).map(Int.init), fold: try cursor.optionalInt64(at: 6).map(Int.init),
                datasetID: try cursor.optionalInt64(at: 7), bestStep: try cursor.optionalInt64(at: 8).map(Int.init),
                keptStep: try cursor.optionalInt64(at: 9).map(Int.init),
                stopReason: try cursor.optionalString(at: 10).flatMap(RunStopReason.init(rawValue:)),
                params: [], summaries: [], atBest: []))
        }
        return rows
    }

    /// Fills each row's params; returns the keys in the order first met.
    private func params(
        into rows: inout [Comparison.Row], _ index: RunRowIndex, _ selected: Selection
    ) throws -> [String] {
        var keys: [String] = []
        var columnOfKey: [String: Int] = [:]
        // Rows come in (run, key) order, so a run's keys usually follow the
        // previous run's in the same order: try the next column before hashing.
        var expected = 0
        let statement = try database.prepare("SELECT run_id, key, value FROM params \(selected.condition)")
        try statement.bind(selected.values)
        try statement.forEachRow { cursor in
            guard let row = index[try cursor.int64(at: 0)] else { return }
            let key = try cursor.string(at: 1)
            let column: Int
            if expected < keys.count, keys[expected] == key {
                column = expected
            } else if let known = columnOfKey[key] {
                column = known
            } else {
                column = keys.count
                keys.append(key)
                columnOfKey[key] = column
            }
            expected = column + 1 < keys.count ? column + 1 : 0
            let value = try ParamValue(stored: cursor.value(at: 2))
            rows[row].params.padWithNil(toCount: max(keys.count, column + 1))
            rows[row].params[column] = value
        }
        for row in rows.indices { rows[row].params.padWithNil(toCount: keys.count) }
        return keys
    }

    /// Fills each row's summaries, its values at the best epoch and, when the
    /// run recorded none, its best step; returns the metric names in key-id order.
    private func summaries(
        into rows: inout [Comparison.Row], _ index: RunRowIndex, _ selected: Selection
    ) throws -> [String] {
        // A column for each key as the summaries reveal it: asking
        // metric_keys which keys some run logged would scan run_summary once
        // per key nobody logged (no index leads from a key to its runs).
        // Rows come in (run, key) order, so columns usually appear in key-id
        // order already; they are put in that order at the end.
        var keyIDs: [Int64] = []
        var names: [String] = []
        var nameOfKeyID: [Int64: String] = [:]
        let keys = try database.cachedStatement("SELECT id, name FROM metric_keys")
        try keys.forEachRow { cursor in nameOfKeyID[try cursor.int64(at: 0)] = try cursor.string(at: 1) }
        var columnOfKeyID: [Int64: Int] = [:]
        let objectiveKeyID = nameOfKeyID.first { $0.value == objective }?.key
        let valLossKeyID = nameOfKeyID.first { $0.value == MetricKey.valLoss }?.key
        // The summaries carry each metric's value at the epoch of minimum
        // val_loss. Rows whose best epoch is another one (a recorded best
        // step that differs, or another objective's best) look their values up.
        let storedBestIsOurs = objective == MetricKey.valLoss && direction == .min
        var bestMatchesStored = [Bool](repeating: storedBestIsOurs, count: rows.count)
        var valLossBestStep = [Int?](repeating: nil, count: rows.count)

        let statement = try database.prepare("""
            SELECT run_id, key_id, count, last_step, last_value, min_step, min_value, max_step, max_value, value_at_best
            FROM run_summary \(selected.condition)
            """)
        try statement.bind(selected.values)
        try statement.forEachRow { cursor in
            guard let row = index[try cursor.int64(at: 0)] else { return }
            let keyID = try cursor.int64(at: 1)
            let column = columnOfKeyID[keyID] ?? {
                keyIDs.append(keyID)
                // Not in metric_keys: only a hand-edited file without foreign keys has that.
                names.append(nameOfKeyID[keyID] ?? "metric-\(keyID)")
                columnOfKeyID[keyID] = keyIDs.count - 1
                return keyIDs.count - 1
            }()
            let summary = MetricSummary(
                count: Int(try cursor.int64(at: 2)), lastStep: Int(try cursor.int64(at: 3)), lastValue: try cursor.double(at: 4),
                minStep: Int(try cursor.int64(at: 5)), minValue: try cursor.double(at: 6),
                maxStep: Int(try cursor.int64(at: 7)), maxValue: try cursor.double(at: 8))
            rows[row].summaries.padWithNil(toCount: keyIDs.count)
            rows[row].atBest.padWithNil(toCount: keyIDs.count)
            rows[row].summaries[column] = summary
            rows[row].atBest[column] = try cursor.optionalDouble(at: 9)
            if keyID == valLossKeyID { valLossBestStep[row] = summary.minStep }
            if keyID == objectiveKeyID {
                let objectiveBest = summary.best(direction).step
                if let recorded = rows[row].bestStep, recorded != objectiveBest { bestMatchesStored[row] = false }
                if rows[row].bestStep == nil { rows[row].bestStep = objectiveBest }
            }
        }

        // Another objective's best epoch is often val_loss's too: then the
        // stored values are the ones history would give.
        for row in rows.indices where !bestMatchesStored[row] {
            if let best = rows[row].bestStep, best == valLossBestStep[row] { bestMatchesStored[row] = true }
        }

        // Columns in key-id order.
        let kept = keyIDs.indices.sorted { keyIDs[$0] < keyIDs[$1] }
        let keepsAll = kept == Array(keyIDs.indices)
        for row in rows.indices {
            if !bestMatchesStored[row] { rows[row].atBest = [] }
            rows[row].summaries.padWithNil(toCount: keyIDs.count)
            rows[row].atBest.padWithNil(toCount: keyIDs.count)
            if !keepsAll {
                rows[row].summaries = kept.map { [summaries = rows[row].summaries] in summaries[$0] }
                rows[row].atBest = kept.map { [atBest = rows[row].atBest] in atBest[$0] }
            }
        }
        let columnOfKept = Dictionary(uniqueKeysWithValues: kept.enumerated().map { (keyIDs[$1], $0) })
        try lookUpValuesAtBest(&rows, bestMatchesStored, columnOfKept)
        return kept.map { names[$0] }
    }

    /// Each metric's value at the best step, for rows whose best step is not
    /// the one `value_at_best` was kept for: one primary-key lookup per
    /// (run, metric), since each run has its own best step.
    private func lookUpValuesAtBest(_ rows: inout [Comparison.Row], _ bestMatchesStored: [Bool], _ columnOfKeyID: [Int64: Int]) throws {
        let lookUp = rows.indices.filter { !bestMatchesStored[$0] && rows[$0].bestStep != nil }
        guard !lookUp.isEmpty else { return }
        // CROSS JOIN keeps this order, one seek per metric: left to choose
        // (without statistics), SQLite walks the run's whole history instead.
        let statement = try database.cachedStatement("""
            SELECT s.key_id, m.value
            FROM run_summary AS s
            \(database.backend == .sqlite ? "CROSS JOIN" : "JOIN") metrics AS m ON m.run_id = s.run_id AND m.key_id = s.key_id AND m.step = ?2
            WHERE s.run_id = ?1
            """)
        for index in lookUp {
            try statement.bind([rows[index].runID, rows[index].bestStep!])
            try statement.forEachRow { cursor in
                guard let column = columnOfKeyID[try cursor.int64(at: 0)] else { return }
                rows[index].atBest[column] = try cursor.double(at: 1)
            }
        }
    }
}

extension Array {
    /// Appends nils until the array holds `count` elements.
    mutating func padWithNil<Wrapped>(toCount count: Int) where Element == Wrapped? {
        if self.count < count { append(contentsOf: repeatElement(nil, count: count - self.count)) }
    }
}
