import SQLite

/// Continuing a killed or crashed run in its own record (`tracker train --resume`).
extension Store {
    /// Reopens run `id` to be continued from the end of epoch `step` (its
    /// last checkpoint's) by this process, in one transaction: the metrics
    /// logged after `step` are removed (they are trained again and logged
    /// anew), the summaries are rebuilt from what is kept, and the run is
    /// `running` again on this process, with `resumed_at_step` recording
    /// where it continued. Only a killed or crashed run can be continued.
    public func reopenRun(_ id: RunID, fromStep step: Int) throws {
        let run = try run(id: id)
        guard run.status == .killed || run.status == .crashed else {
            throw StoreError.invalidArgument(
                "run \(run.name) is \(run.status.rawValue); only a killed or crashed run can be resumed")
        }
        let kept = try database.rows(
            "SELECT k.name, m.step, m.value FROM metrics AS m JOIN metric_keys AS k ON k.id = m.key_id WHERE m.run_id = ? AND m.step <= ? ORDER BY m.key_id, m.step",
            id, step) { row in
                MetricPoint(key: try row.column(0, as: String.self), step: try row.column(1), value: try row.column(2))
            }
        let keyIDs = try metricKeyIDs(of: kept)
        let valLossKey = try metricKeyIDs[MetricKey.valLoss] ?? internMetricKeys([MetricKey.valLoss])[MetricKey.valLoss]!
        let statements = try hotStatements()
        let now = Timestamp.now()
        summaryCache.forget(id)
        try write {
            guard try database.scalar("SELECT status FROM runs WHERE id = ?", id, as: String.self) == run.status.rawValue else {
                throw StoreError.invalidArgument("run \(run.name) changed while it was being resumed; try again")
            }
            // The summaries are folded again from the kept history, exactly as logging them did.
            try database.execute("DELETE FROM run_summary WHERE run_id = ?", id)
            try database.execute("DELETE FROM metrics WHERE run_id = ?", id)
            if !kept.isEmpty {
                _ = try writePoints(kept, keyIDs: keyIDs, run: id, summaries: RunSummaries(rows: []), valLossKey: valLossKey, statements)
            }
            try database.execute("""
                UPDATE runs SET status = 'running', stop_reason = NULL, ended_at = NULL, error = NULL, kept_step = NULL, resumed_at_step = ?,
                    host = ?, pid = ?, process_started = ?, boot_id = ?, machine_id = ?, pid_namespace = ?, heartbeat_at = ?
                WHERE id = ?
                """, step, process.host, process.pid, process.startTime, process.bootID, process.machineID, process.pidNamespace,
                now, id)
        }
        summaryCache.forget(id)
        presumedCrashed.remove(id)
        lastHeartbeat[id] = Self.monotonicNow()
    }

    /// The epoch a resumed run continued from, or nil when it never was.
    public func resumedAtStep(of id: RunID) throws -> Int? {
        try database.scalar("SELECT resumed_at_step FROM runs WHERE id = ?", id, as: Int?.self) ?? nil
    }
}
