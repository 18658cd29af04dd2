/// Reading a whole run out of the store, in one snapshot, for `RunTransfer`.
extension Store {
    /// The run `id` with everything it owns, as one consistent snapshot.
    func runCopy(of id: RunID) throws -> RunCopy {
        try reading {
            let run = try self.run(id: id)
            guard let extras = try database.cachedStatement("""
                SELECT process_started, boot_id, machine_id, pid_namespace, resumed_at_step, source, external_id
                FROM runs WHERE id = ?
                """).bound(id).firstRow({ row in
                    (processStarted: try row.column(0, as: Int64?.self), bootID: try row.column(1, as: String?.self),
                     machineID: try row.column(2, as: String?.self), pidNamespace: try row.column(3, as: String?.self),
                     resumedAtStep: try row.column(4, as: Int?.self), origin: try row.column(5, as: String?.self),
                     externalID: try row.column(6, as: String?.self))
                }) else {
                throw StoreError.notFound("run \(id) was deleted while it was being read; push again")
            }
            return RunCopy(
                run: run, processStarted: extras.processStarted, bootID: extras.bootID, machineID: extras.machineID,
                pidNamespace: extras.pidNamespace, resumedAtStep: extras.resumedAtStep,
                origin: extras.origin.flatMap(RunSource.init(rawValue:)), externalID: extras.externalID,
                params: try params(of: id), tags: try tags(of: id), points: try allPoints(of: id),
                summaries: try summaryCopies(of: id),
                checkpoints: try checkpoints(of: id).map { CheckpointCopy(checkpoint: $0, bytes: try checkpointBytes($0)) },
                sourceRecord: try sourceRecord(of: id),
                dataset: try run.datasetID.map(dataset(id:)),
                sweep: try run.sweepID.map(sweepCopy(of:)))
        }
    }

    private func allPoints(of id: RunID) throws -> [MetricPoint] {
        try database.cachedStatement("""
            SELECT k.name, m.step, m.value FROM metrics AS m JOIN metric_keys AS k ON k.id = m.key_id
            WHERE m.run_id = ? ORDER BY m.key_id, m.step
            """).bound(id).rows { row in
                MetricPoint(key: try row.column(0), step: try row.column(1), value: try row.column(2))
            }
    }

    private func summaryCopies(of id: RunID) throws -> [SummaryCopy] {
        try database.cachedStatement("""
            SELECT k.name, s.count, s.last_step, s.last_value, s.min_step, s.min_value, s.max_step, s.max_value, s.value_at_best
            FROM run_summary AS s JOIN metric_keys AS k ON k.id = s.key_id
            WHERE s.run_id = ? ORDER BY s.key_id
            """).bound(id).rows { row in
                SummaryCopy(key: try row.column(0), summary: try MetricSummary(row: row, from: 1), valueAtBest: try row.column(8))
            }
    }

    private func sweepCopy(of id: SweepID) throws -> SweepCopy {
        let sweep = try self.sweep(id: id)
        guard let owner = try database.cachedStatement("""
            SELECT s.host, s.pid, s.process_started, s.boot_id, s.machine_id, s.pid_namespace, p.uuid
            FROM sweeps AS s LEFT JOIN sweeps AS p ON p.id = s.parent_sweep_id WHERE s.id = ?
            """).bound(id).firstRow({ row in
                (host: try row.column(0, as: String?.self), pid: try row.column(1, as: Int64?.self),
                 processStarted: try row.column(2, as: Int64?.self), bootID: try row.column(3, as: String?.self),
                 machineID: try row.column(4, as: String?.self), pidNamespace: try row.column(5, as: String?.self),
                 parentUUID: try row.column(6, as: String?.self))
            }) else {
            throw StoreError.notFound("sweep \(id) was deleted while it was being read; push again")
        }
        let children = try database.cachedStatement(
            "SELECT uuid FROM sweeps WHERE parent_sweep_id = ? AND uuid IS NOT NULL ORDER BY id"
        ).bound(id).rows { try $0.column(0, as: String.self) }
        return SweepCopy(
            sweep: sweep, dataset: try sweep.datasetID.map(dataset(id:)), parentUUID: owner.parentUUID, childUUIDs: children,
            host: owner.host, pid: owner.pid, processStarted: owner.processStarted, bootID: owner.bootID,
            machineID: owner.machineID, pidNamespace: owner.pidNamespace)
    }
}
