import Foundation
import SQLite

/// Finds runs whose process died without finishing and marks them crashed,
/// keeping everything they logged.
///
/// How a run's writer is judged (see `ProcessIdentity`):
/// - Recorded in this process table (same host, boot, machine and pid
///   namespace) with a start time: alive exactly when a process with that
///   pid exists, is not a zombie and started at that time. A reused pid (pid
///   1, a `sleep`) is therefore not mistaken for the writer.
/// - Anywhere else (another host, container or boot; rows written before the
///   identity was recorded): the heartbeat decides. A heartbeat written
///   within `staleHeartbeatSeconds` is fresh and the run is never crashed,
///   whatever its pid looks like here. A heartbeat that is unreadable, or
///   more than the threshold in the future (a clock that cannot be trusted),
///   is ignored and the run's start time decides instead; when that is
///   unusable too, the run counts as stale.
///
/// The end time recorded is the last heartbeat, the last moment the run was
/// known alive. On a database this process cannot write, the verdict is only
/// kept in memory (`Store.presumedCrashed`): reading never needs write access.
struct CrashDetector {
    let staleHeartbeatSeconds: Double

    struct Candidate {
        var id: RunID
        var writer: ProcessIdentity?
        /// Seconds since the heartbeat; nil when it cannot be read.
        var heartbeatAge: Double?
        /// Seconds since the run started; nil when it cannot be read.
        var startAge: Double?
    }

    @discardableResult
    func markCrashedRuns(in store: Store) throws -> [RunID] {
        let crashed = try candidates(in: store).filter { isCrashed($0, observer: store.process) }.map(\.id)
        guard !crashed.isEmpty else { return [] }
        guard !store.database.isReadOnly else {
            store.presumedCrashed.formUnion(crashed)
            return crashed
        }
        try store.write {
            for id in crashed {
                // The status test makes this safe against a run that finished
                // (or was marked by another opener) since we looked.
                try store.database.execute("""
                    UPDATE runs SET status = 'crashed', stop_reason = 'crashed',
                        ended_at = coalesce(heartbeat_at, started_at, created_at)
                    WHERE id = ? AND status = 'running'
                    """, id)
            }
        }
        return crashed
    }

    func candidates(in store: Store) throws -> [Candidate] {
        try store.database.cachedStatement("""
            SELECT id, host, pid, process_started, boot_id, machine_id, pid_namespace,
                   (julianday('now') - julianday(heartbeat_at)) * 86400.0,
                   (julianday('now') - julianday(coalesce(started_at, created_at))) * 86400.0
            FROM runs WHERE status = 'running'
            """).rows { row in
                let host = try row.column(1, as: String?.self)
                let pid = try row.column(2, as: Int64?.self)
                let writer = try host.flatMap { host in
                    try pid.map { pid in
                        ProcessIdentity(
                            host: host, pid: pid, startTime: try row.column(3), bootID: try row.column(4),
                            machineID: try row.column(5), pidNamespace: try row.column(6))
                    }
                }
                return Candidate(
                    id: try row.column(0), writer: writer, heartbeatAge: try row.column(7), startAge: try row.column(8))
            }
    }

    func isCrashed(_ run: Candidate, observer: ProcessIdentity) -> Bool {
        if let writer = run.writer, let startTime = writer.startTime, observer.sharesProcessTable(with: writer) {
            return ProcessIdentity.startTime(of: writer.pid) != startTime
        }
        return isStale(run)
    }

    /// The heartbeat rule for writers this process cannot look up.
    func isStale(_ run: Candidate) -> Bool {
        if let age = run.heartbeatAge, age >= -staleHeartbeatSeconds {
            return age > staleHeartbeatSeconds
        }
        if let age = run.startAge, age >= -staleHeartbeatSeconds {
            return age > staleHeartbeatSeconds
        }
        return true
    }

    /// True when a process with this id exists and is not a zombie.
    static func processIsAlive(_ pid: Int64) -> Bool {
        ProcessIdentity.startTime(of: pid) != nil
    }
}

extension Store {
    /// Marks crashed runs now (opening a store does it too). Returns their ids.
    @discardableResult
    public func detectCrashedRuns(staleHeartbeatSeconds: Double = Options().staleHeartbeatSeconds) throws -> [RunID] {
        try CrashDetector(staleHeartbeatSeconds: staleHeartbeatSeconds).markCrashedRuns(in: self)
    }
}
