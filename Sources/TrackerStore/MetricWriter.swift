import SQLite

/// The hot path: per-epoch metrics, with their summaries kept current in the
/// same transaction so that comparing runs never reads history.
///
/// One call is one IMMEDIATE transaction: the metric rows, the changed
/// `run_summary` rows written with values computed here from the cached ones
/// (see `SummaryCache`), and (at most every `heartbeatInterval` seconds) the
/// run's heartbeat. A crash loses at most the call being written.
extension Store {
    /// Logs one epoch's metrics, e.g. `["train_loss": 0.41, "val_loss": 0.52]`.
    public func logMetrics(_ run: RunID, step: Int, _ values: [String: Double]) throws {
        try logMetrics(run, points: values.map { MetricPoint(key: $0.key, step: step, value: $0.value) })
    }

    /// Logs many points in one transaction: the bulk path for importers and
    /// for callers that buffer epochs. Summaries are folded in memory and
    /// written once per metric. A live writer passes `whileRunning`: the
    /// transaction then first checks (one primary-key lookup) that the run
    /// still exists and is `running`, so it stops instead of writing into a
    /// run that was deleted or ended behind its back.
    ///
    /// `checkpoints` are saved in that same transaction, as
    /// `saveCheckpoint` would save them, and returned in order: a reader,
    /// or a crash, then sees an epoch's metrics and the weights it made
    /// best together or neither.
    @discardableResult
    public func logMetrics(
        _ run: RunID, points: [MetricPoint], checkpoints: [NewCheckpoint] = [], whileRunning: Bool = false
    ) throws -> [StoredCheckpoint] {
        guard !points.isEmpty || !checkpoints.isEmpty else { return [] }
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
        // Hashed outside the transaction, which may run more than once.
        let digests = checkpoints.map { SHA256.hex(of: $0.bytes) }
        let valLossKey = try metricKeyIDs[MetricKey.valLoss] ?? internMetricKeys([MetricKey.valLoss])[MetricKey.valLoss]!
        let now = Self.monotonicNow()
        let heartbeatDue = now - (lastHeartbeat[run] ?? -.infinity) >= heartbeatInterval
        let statements = try hotStatements()
        func attempt(readingSummariesAfresh readAfresh: Bool) throws -> (summaries: RunSummaries, checkpoints: [CheckpointID]) {
            try write {
                if whileRunning { try requireRunning(run) }
                summaryCache.validate(dataVersion: try statements.dataVersion?.firstRow { try $0.column(0, as: Int64.self) })
                let before = try (readAfresh ? nil : summaryCache[run]) ?? readSummaries(of: run, statements.readSummaries)
                let after = try writePoints(points, keyIDs: keyIDs, run: run, summaries: before, valLossKey: valLossKey, statements)
                let checkpointIDs = try zip(checkpoints, digests).map { try insertCheckpoint($0, digest: $1, of: run) }
                if heartbeatDue {
                    try database.execute("UPDATE runs SET heartbeat_at = ? WHERE id = ?", Timestamp.now(), run)
                }
                return (after, checkpointIDs)
            }
        }
        let checkpointIDs: [CheckpointID]
        do {
            let written: (summaries: RunSummaries, checkpoints: [CheckpointID])
            do {
                written = try attempt(readingSummariesAfresh: false)
            } catch is StaleSummaries {
                written = try attempt(readingSummariesAfresh: true)
            }
            summaryCache.store(written.summaries, of: run)
            checkpointIDs = written.checkpoints
        } catch is DuplicatePoint {
            summaryCache.forget(run)
            throw try duplicateError(points, keyIDs: keyIDs, run: run)
        } catch {
            summaryCache.forget(run)
            throw error
        }
        if heartbeatDue { lastHeartbeat[run] = now }
        return try checkpointIDs.map(checkpoint(id:))
    }

    /// Inserts the points and writes the summary rows they change; returns
    /// the run's summaries as they now stand in the transaction.
    func writePoints(
        _ points: [MetricPoint], keyIDs: [Int64], run: RunID, summaries before: RunSummaries, valLossKey: Int64,
        _ statements: HotStatements
    ) throws -> RunSummaries {
        let batch = try insertPointRows(points, keyIDs: keyIDs, run: run, statements)
        var after = before
        let changes = after.fold(batch, points: points, keyIDs: keyIDs, valLossKey: valLossKey)
        if let best = after.bestStep(valLossKey: valLossKey) {
            for index in changes.valueAtBestFromHistory {
                after.rows[index].valueAtBest = try value(of: run, keyID: after.rows[index].keyID, at: best, statements.valueAtStep)
            }
        }
        if database.backend == .postgresql {
            try upsertSummaries(changes.written.map { after.rows[$0] }, run: run)
            return after
        }
        // Bindings survive a reset: the run is bound once per statement.
        try statements.updateSummary.bind(run, at: 1)
        try statements.insertSummary.bind(run, at: 1)
        for index in changes.written {
            if index < before.rows.count {
                try update(after.rows[index], run: run, statements.updateSummary)
            } else {
                try insert(after.rows[index], run: run, statements.insertSummary)
            }
        }
        return after
    }

    /// Inserts the points the fastest way the backend has; returns each
    /// metric's summary of them.
    func insertPointRows(
        _ points: [MetricPoint], keyIDs: [Int64], run: RunID, _ statements: HotStatements
    ) throws -> [(keyID: Int64, summary: MetricSummary)] {
        guard database.backend == .postgresql else { return try insertPoints(points, keyIDs: keyIDs, run: run, statements) }
        try insertPointsAsArrays(points, keyIDs: keyIDs, run: run)
        return Self.summaries(of: points, keyIDs: keyIDs)
    }

    /// SQLite's path: inserts the points and returns each metric's summary
    /// of them. Runs of `chunkRows` points go in one multi-row INSERT each: a bulk
    /// call then runs the statement 64 times less often, and its fixed cost
    /// (opening cursors, the foreign-key lookups' setup, reset) is shared.
    private func insertPoints(
        _ points: [MetricPoint], keyIDs: [Int64], run: RunID, _ statements: HotStatements
    ) throws -> [(keyID: Int64, summary: MetricSummary)] {
        let rows = HotStatements.chunkRows
        var start = 0
        if points.count >= rows {
            let chunk = statements.insertChunk
            // Bindings survive a reset: the run is bound once.
            try chunk.bind(run, at: 1)
            while points.count - start >= rows {
                for offset in 0..<rows {
                    let parameter = 2 + 3 * offset
                    try chunk.bind(keyIDs[start + offset], at: parameter)
                    try chunk.bind(points[start + offset].step, at: parameter + 1)
                    try chunk.bind(points[start + offset].value, at: parameter + 2)
                }
                do {
                    try chunk.execute()
                } catch let error where error.isUniqueViolation {
                    // The failed statement left none of its rows: insert
                    // them one by one to name the point that is a duplicate.
                    try insertOneByOne(points, keyIDs: keyIDs, start..<(start + rows), run: run, statements.insert)
                    throw error
                } catch let error where error.isForeignKeyViolation {
                    throw StoreError.notFound("no run with id \(run) to log metrics to")
                }
                start += rows
            }
        }
        try insertOneByOne(points, keyIDs: keyIDs, start..<points.count, run: run, statements.insert)
        return Self.summaries(of: points, keyIDs: keyIDs)
    }

    private func insertOneByOne(
        _ points: [MetricPoint], keyIDs: [Int64], _ range: Range<Int>, run: RunID, _ insert: StoreStatement
    ) throws {
        guard !range.isEmpty else { return }
        try insert.bind(run, at: 1)
        for index in range {
            let point = points[index]
            try insert.bind(keyIDs[index], at: 2)
            try insert.bind(point.step, at: 3)
            try insert.bind(point.value, at: 4)
            do {
                try insert.execute()
            } catch let error where error.isUniqueViolation {
                throw StoreError.invalidArgument(
                    "run \(run) already has '\(point.key)' at step \(point.step); each metric is logged once per step")
            } catch let error where error.isForeignKeyViolation {
                throw StoreError.notFound("no run with id \(run) to log metrics to")
            }
        }
    }

    /// The error naming the first point, in insertion order, that the run
    /// already had or that the call held twice: what inserting one by one
    /// names on SQLite. Read after the failed call was rolled back.
    private func duplicateError(_ points: [MetricPoint], keyIDs: [Int64], run: RunID) throws -> Error {
        let steps = points.map(\.step)
        let logged = try database.rows(
            "SELECT key_id, step FROM metrics WHERE run_id = ? AND step BETWEEN ? AND ?",
            run, steps.min() ?? 0, steps.max() ?? 0
        ) { LoggedPoint(keyID: try $0.int64(at: 0), step: Int(try $0.int64(at: 1))) }
        var seen = Set(logged)
        for (point, keyID) in zip(points, keyIDs) where !seen.insert(LoggedPoint(keyID: keyID, step: point.step)).inserted {
            return StoreError.invalidArgument(
                "run \(run) already has '\(point.key)' at step \(point.step); each metric is logged once per step")
        }
        return StoreError.invalidArgument("run \(run) already has one of these points; each metric is logged once per step")
    }

    private struct LoggedPoint: Hashable {
        let keyID: Int64
        let step: Int
    }

    /// Each metric's summary of the points, in order of first appearance.
    static func summaries(of points: [MetricPoint], keyIDs: [Int64]) -> [(keyID: Int64, summary: MetricSummary)] {
        // Few distinct keys per call: a linear search beats hashing.
        var summaries: [(keyID: Int64, summary: MetricSummary)] = []
        summaries.reserveCapacity(min(points.count, 16))
        var current = -1
        for (point, keyID) in zip(points, keyIDs) {
            if current < 0 || summaries[current].keyID != keyID {
                if let index = summaries.firstIndex(where: { $0.keyID == keyID }) {
                    current = index
                } else {
                    summaries.append((keyID, MetricSummary(step: point.step, value: point.value)))
                    current = summaries.count - 1
                    continue
                }
            }
            summaries[current].summary.add(step: point.step, value: point.value)
        }
        return summaries
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

    private func readSummaries(of run: RunID, _ select: StoreStatement) throws -> RunSummaries {
        try select.bind(run, at: 1)
        return RunSummaries(rows: try select.rows { row in
            RunSummaries.Row(
                keyID: try row.column(0), summary: try MetricSummary(row: row, from: 1), valueAtBest: try row.column(8))
        })
    }

    private func insert(_ row: RunSummaries.Row, run: RunID, _ insert: StoreStatement) throws {
        try bindSummary(row, to: insert)
        do {
            try insert.execute()
        } catch let error where error.isUniqueViolation {
            throw StaleSummaries(run: run)
        }
    }

    private func update(_ row: RunSummaries.Row, run: RunID, _ update: StoreStatement) throws {
        try bindSummary(row, to: update)
        try update.execute()
        guard database.changes == 1 else { throw StaleSummaries(run: run) }
    }

    /// Binds parameters 2-10; the caller has bound the run (?1).
    private func bindSummary(_ row: RunSummaries.Row, to statement: StoreStatement) throws {
        let summary = row.summary
        try statement.bind(row.keyID, at: 2)
        try statement.bind(summary.count, at: 3)
        try statement.bind(summary.lastStep, at: 4)
        try statement.bind(summary.lastValue, at: 5)
        try statement.bind(summary.minStep, at: 6)
        try statement.bind(summary.minValue, at: 7)
        try statement.bind(summary.maxStep, at: 8)
        try statement.bind(summary.maxValue, at: 9)
        try statement.bind(row.valueAtBest, at: 10)
    }

    /// A metric's value at one step, if it was logged there.
    private func value(of run: RunID, keyID: Int64, at step: Int, _ select: StoreStatement) throws -> Double? {
        try select.bind(run, at: 1)
        try select.bind(keyID, at: 2)
        try select.bind(step, at: 3)
        return try select.firstRow { try $0.column(0, as: Double.self) }
    }

    /// The SQL of the hot path; public so that the benchmark's C baseline runs the very same statements.
    public static let insertMetricSQL = "INSERT INTO metrics (run_id, key_id, step, value) VALUES (?, ?, ?, ?)"

    /// A metric's first summary row in a run. A plain INSERT: if the row
    /// exists, the cache that said it did not is stale.
    public static let insertSummarySQL = """
        INSERT INTO run_summary (run_id, key_id, count, last_step, last_value, min_step, min_value, max_step, max_value, value_at_best)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
        """

    /// A summary row with the values computed from the cached one; it must
    /// exist, or the cache that said so is stale.
    public static let updateSummarySQL = """
        UPDATE run_summary SET count = ?3, last_step = ?4, last_value = ?5, min_step = ?6, min_value = ?7,
            max_step = ?8, max_value = ?9, value_at_best = ?10
        WHERE run_id = ?1 AND key_id = ?2
        """

    /// Statements of the hot path, prepared once per store: looking them up
    /// in the statement cache would hash their SQL text on every epoch. A
    /// class: passing it around is one reference, not eight.
    final class HotStatements {
        let insert: StoreStatement
        /// `insertMetricSQL` for `chunkRows` points, sharing the run (?1).
        let insertChunk: StoreStatement
        let readSummaries: StoreStatement
        let insertSummary: StoreStatement
        let updateSummary: StoreStatement
        let valueAtStep: StoreStatement
        /// SQLite's count of commits by other connections; PostgreSQL has none.
        let dataVersion: StoreStatement?

        init(_ database: StoreDatabase) throws {
            insert = try database.prepare(Store.insertMetricSQL)
            let rows = (0..<Self.chunkRows).map { "(?1, ?\(2 + 3 * $0), ?\(3 + 3 * $0), ?\(4 + 3 * $0))" }
            insertChunk = try database.prepare("INSERT INTO metrics (run_id, key_id, step, value) VALUES " + rows.joined(separator: ", "))
            readSummaries = try database.prepare("""
                SELECT key_id, count, last_step, last_value, min_step, min_value, max_step, max_value, value_at_best
                FROM run_summary WHERE run_id = ?
                """)
            insertSummary = try database.prepare(Store.insertSummarySQL)
            updateSummary = try database.prepare(Store.updateSummarySQL)
            valueAtStep = try database.prepare("SELECT value FROM metrics WHERE run_id = ? AND key_id = ? AND step = ?")
            dataVersion = database.backend == .sqlite ? try database.prepare("PRAGMA data_version") : nil
        }

        static let chunkRows = 64
    }

    func hotStatements() throws -> HotStatements {
        if let hot { return hot }
        let statements = try HotStatements(database)
        hot = statements
        return statements
    }

    /// Each point's metric key id, interning names seen for the first time.
    func metricKeyIDs(of points: [MetricPoint]) throws -> [Int64] {
        var ids: [Int64] = []
        ids.reserveCapacity(points.count)
        // A call has few names, usually in turn (an epoch's metrics, epoch
        // after epoch): comparing with the few already seen is cheaper than
        // hashing every point's name.
        var seen: [(name: String, id: Int64)] = []
        seen.reserveCapacity(8)
        for point in points {
            if let known = seen.first(where: { $0.name == point.key }) {
                ids.append(known.id)
            } else if let id = metricKeyIDs[point.key] {
                if seen.count < 8 { seen.append((point.key, id)) }
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
                try database.execute("INSERT INTO metric_keys (name) VALUES (?) ON CONFLICT DO NOTHING", name)
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

/// A summary row was not where this store's cache said: the call is rolled
/// back and run again with the rows read afresh (see `SummaryCache`).
struct StaleSummaries: Error, CustomStringConvertible {
    let run: RunID

    var description: String {
        "the summaries of run \(run) changed while this store was logging to it; log each run from one process only"
    }
}

/// A multi-row INSERT on PostgreSQL met a point that exists: the call is
/// rolled back, then the point is named (see `duplicateError`).
struct DuplicatePoint: Error, CustomStringConvertible {
    let run: RunID

    var description: String { "run \(run) already has one of these points; each metric is logged once per step" }
}
