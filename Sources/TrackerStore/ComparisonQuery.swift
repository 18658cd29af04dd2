import SQLite

extension TrackerStore {
    /// The comparison behind `tracker compare`, over the runs `filter` picks.
    /// Three queries (runs, params, summaries), each one pass over an index;
    /// history is read only for runs whose best epoch is not the one the
    /// summaries track (see `run_summary.value_at_best`).
    public func comparison(
        _ filter: RunFilter = .all, objective: String = MetricKey.valLoss, direction: Direction = .min
    ) throws -> Comparison {
        let (condition, values) = filter.whereClause
        func query(_ sql: String, extra: [any SQLiteBindable] = [], _ each: (Statement) throws -> Void) throws {
            let statement = try database.prepare(sql)
            try statement.bind(extra + values)
            while try statement.step() { try each(statement) }
            statement.reset()
        }

        var rows: [Comparison.Row] = []
        var rowIndex: [RunID: Int] = [:]
        try query("""
            SELECT r.id, r.name, r.status, r.group_name, r.sweep_id, r.trial, r.fold, r.dataset_id, r.best_step
            FROM runs AS r WHERE \(condition) ORDER BY r.id DESC
            """) { row in
            let id = try row.integer(0)
            rowIndex[id] = rows.count
            rows.append(Comparison.Row(
                runID: id, name: try row.column(1), status: try RunStatus(parsing: row.column(2)),
                group: try row.column(3), sweepID: row.optionalInteger(4), trial: row.optionalInteger(5).map(Int.init),
                fold: row.optionalInteger(6).map(Int.init), datasetID: row.optionalInteger(7),
                bestStep: row.optionalInteger(8).map(Int.init), params: [], summaries: [], atBest: []))
        }

        var paramKeys: [String] = []
        var paramColumn: [String: Int] = [:]
        var params: [(row: Int, column: Int, value: ParamValue)] = []
        // "run_id IN (the filtered ids)" makes SQLite collect the ids first and
        // then walk params and run_summary in primary-key order: sequential
        // pages, where a join would seek through a secondary index.
        // Without a filter a plain scan of the table is cheaper still.
        let selected = condition == "1" ? "" : "WHERE run_id IN (SELECT r.id FROM runs AS r WHERE \(condition))"
        try query("SELECT run_id, key, value FROM params \(selected)") { row in
            guard let index = rowIndex[try row.integer(0)] else { return }
            let key: String = try row.column(1)
            let column = paramColumn[key] ?? {
                paramKeys.append(key)
                paramColumn[key] = paramKeys.count - 1
                return paramKeys.count - 1
            }()
            params.append((index, column, try ParamValue(stored: row.value(at: 2))))
        }

        let keyNames = Dictionary(uniqueKeysWithValues: try database.cachedStatement("SELECT id, name FROM metric_keys")
            .rows { (try $0.column(0, as: Int64.self), try $0.column(1, as: String.self)) })
        var summaries: [(row: Int, keyID: Int64, summary: MetricSummary, valueAtBest: Double?)] = []
        try query("""
            SELECT run_id, key_id, count, last_step, last_value, min_step, min_value, max_step, max_value, value_at_best
            FROM run_summary \(selected)
            """) { row in
            guard let index = rowIndex[try row.integer(0)] else { return }
            let summary = MetricSummary(
                count: Int(try row.integer(2)), lastStep: Int(try row.integer(3)), lastValue: try row.real(4),
                minStep: Int(try row.integer(5)), minValue: try row.real(6),
                maxStep: Int(try row.integer(7)), maxValue: try row.real(8))
            summaries.append((index, try row.integer(1), summary, row.optionalReal(9)))
        }
        let usedKeyIDs = Set(summaries.map(\.keyID)).sorted()
        let metricNames = usedKeyIDs.map { keyNames[$0] ?? "metric-\($0)" }
        let metricColumn = Dictionary(uniqueKeysWithValues: usedKeyIDs.enumerated().map { ($1, $0) })
        let objectiveKeyID = keyNames.first { $0.value == objective }?.key

        for index in rows.indices {
            rows[index].params = Array(repeating: nil, count: paramKeys.count)
            rows[index].summaries = Array(repeating: nil, count: metricNames.count)
            rows[index].atBest = Array(repeating: nil, count: metricNames.count)
        }
        for (row, column, value) in params { rows[row].params[column] = value }
        // The summaries carry each metric's value at the epoch of minimum
        // val_loss. Rows whose best epoch is another one (a recorded best
        // step that differs, or another objective) look their values up.
        let storedBestIsOurs = objective == MetricKey.valLoss && direction == .min
        var bestMatchesStored = Array(repeating: storedBestIsOurs, count: rows.count)
        for (row, keyID, summary, _) in summaries where keyID == objectiveKeyID {
            let objectiveBest = summary.best(direction).step
            if let recorded = rows[row].bestStep, recorded != objectiveBest { bestMatchesStored[row] = false }
            if rows[row].bestStep == nil { rows[row].bestStep = objectiveBest }
        }
        for (row, keyID, summary, valueAtBest) in summaries {
            rows[row].summaries[metricColumn[keyID]!] = summary
            if bestMatchesStored[row] { rows[row].atBest[metricColumn[keyID]!] = valueAtBest }
        }
        let lookUp = rows.indices.filter { !bestMatchesStored[$0] && rows[$0].bestStep != nil }
        if !lookUp.isEmpty {
            // One lookup per (run, metric): each run has its own best step.
            let statement = try database.cachedStatement("""
                SELECT s.key_id, m.value
                FROM run_summary AS s
                JOIN metrics AS m ON m.run_id = s.run_id AND m.key_id = s.key_id AND m.step = ?2
                WHERE s.run_id = ?1
                """)
            for index in lookUp {
                try statement.bind([rows[index].runID, rows[index].bestStep!])
                while try statement.step() {
                    guard let column = metricColumn[try statement.column(0)] else { continue }
                    rows[index].atBest[column] = try statement.column(1)
                }
                statement.reset()
            }
        }
        return Comparison(paramKeys: paramKeys, metricNames: metricNames, objective: objective, direction: direction, rows: rows)
    }

    /// The best run among those `filter` picks by an objective metric's best
    /// value, with that value and its step; nil when no run logged it.
    /// Ties go to the older run.
    public func bestRun(
        _ filter: RunFilter = .all, objective: String = MetricKey.valLoss, direction: Direction = .min
    ) throws -> (run: Run, value: Double, step: Int)? {
        let (condition, values) = filter.whereClause
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
            (try Run(row: row), try row.column(20, as: Double.self), try row.column(21, as: Int.self))
        }
    }
}

extension Statement {
    // Non-generic column reads for the loops over ten thousand runs: the
    // generic `column(_:as:)` is not specialized across modules and pays a
    // metadata lookup per call, which dominated the comparison's time.

    func optionalInteger(_ index: Int32) -> Int64? {
        if case .integer(let value) = value(at: index) { return value }
        return nil
    }

    func optionalReal(_ index: Int32) -> Double? {
        switch value(at: index) {
        case .real(let value): value
        case .integer(let value): Double(value)
        default: nil
        }
    }

    func integer(_ index: Int32) throws -> Int64 {
        guard let value = optionalInteger(index) else { return try column(Int(index), as: Int64.self) }
        return value
    }

    func real(_ index: Int32) throws -> Double {
        guard let value = optionalReal(index) else { return try column(Int(index), as: Double.self) }
        return value
    }
}
