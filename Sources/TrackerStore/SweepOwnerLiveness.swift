/// Whether a sweep's own process is running its plan right now.
///
/// `tracker sweep` and `--resume` run a plan without claims, so workers
/// joining through the queue must not share that sweep. The sweep row names
/// the process that recorded or resumed it. Here it is judged like a run's
/// writer (`ProcessIdentity`) when it is in this process table; elsewhere
/// by its own runs: one of the sweep's runs still `running` from that host
/// and pid means it is alive. (Joined workers' runs are not the owner's, so
/// they do not count, unlike in `claimSweep`.)
extension Store {
    /// The owner when it is alive and not this process; nil when the sweep
    /// is free to join (recorded with `--workers 0`, or its process ended).
    public func sweepOwnerRunningTrials(_ id: SweepID) throws -> ProcessIdentity? {
        guard let (status, owner) = try database.cachedStatement("""
            SELECT status, host, pid, process_started, boot_id, machine_id, pid_namespace FROM sweeps WHERE id = ?
            """).bound(id).firstRow({ row in
                (try row.column(0, as: String.self),
                 try ProcessIdentity(
                    host: row.column(1, as: String?.self) ?? "", pid: row.column(2, as: Int64?.self) ?? 0,
                    startTime: row.column(3), bootID: row.column(4), machineID: row.column(5), pidNamespace: row.column(6)))
            }) else {
            throw StoreError.notFound("no sweep with id \(id)")
        }
        guard status == SweepStatus.running.rawValue, owner != process else { return nil }
        if let startTime = owner.startTime, process.sharesProcessTable(with: owner) {
            return ProcessIdentity.startTime(of: owner.pid) == startTime ? owner : nil
        }
        let running: Int = try database.scalar(
            "SELECT count(*) FROM runs WHERE sweep_id = ? AND status = 'running' AND host = ? AND pid = ?",
            id, owner.host, owner.pid) ?? 0
        return running > 0 ? owner : nil
    }
}
