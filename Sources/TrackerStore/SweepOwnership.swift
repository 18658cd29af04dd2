import SQLite

/// Which process runs a sweep, so that two never run the same trials.
///
/// A sweep records the process that started it (or last resumed it). Before
/// another process takes it over (`sweep --resume`), that owner must be
/// gone: judged like a run's writer (`ProcessIdentity`) when it is in this
/// process table, and otherwise by the sweep's runs: one still `running`
/// after crash detection (its heartbeat is fresh) means the sweep is alive.
extension Store {
    /// Takes over sweep `id` for this process and marks it running, or
    /// throws `StoreError.sweepIsLive` naming the process that runs it.
    public func claimSweep(_ id: SweepID) throws {
        try write {
            guard let row = try database.cachedStatement("""
                SELECT name, status, host, pid, process_started, boot_id, machine_id, pid_namespace FROM sweeps WHERE id = ?
                """).bound(id).firstRow({ row in
                    (name: try row.column(0, as: String.self), status: try row.column(1, as: String.self),
                     host: try row.column(2, as: String?.self), pid: try row.column(3, as: Int64?.self),
                     owner: try ProcessIdentity(
                        host: row.column(2, as: String?.self) ?? "", pid: row.column(3, as: Int64?.self) ?? 0,
                        startTime: row.column(4), bootID: row.column(5), machineID: row.column(6), pidNamespace: row.column(7)))
                }) else {
                throw StoreError.notFound("no sweep with id \(id)")
            }
            if row.status == SweepStatus.running.rawValue, row.owner != process, try ownerIsAlive(row.owner, sweep: id) {
                throw StoreError.sweepIsLive(name: row.name, host: row.host, pid: row.pid)
            }
            try database.execute("""
                UPDATE sweeps SET status = 'running', ended_at = NULL,
                    host = ?, pid = ?, process_started = ?, boot_id = ?, machine_id = ?, pid_namespace = ?
                WHERE id = ?
                """, process.host, process.pid, process.startTime, process.bootID, process.machineID, process.pidNamespace, id)
        }
    }

    private func ownerIsAlive(_ owner: ProcessIdentity, sweep id: SweepID) throws -> Bool {
        if let startTime = owner.startTime, process.sharesProcessTable(with: owner) {
            return ProcessIdentity.startTime(of: owner.pid) == startTime
        }
        let running: Int = try database.scalar(
            "SELECT count(*) FROM runs WHERE sweep_id = ? AND status = 'running'", id) ?? 0
        return running > 0
    }
}
