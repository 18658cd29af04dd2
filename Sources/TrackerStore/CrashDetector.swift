import Foundation
import SQLite

/// Finds runs whose process died without finishing and marks them crashed,
/// keeping everything they logged.
///
/// A run on this host is crashed as soon as its recorded process is gone (or
/// is a zombie). A run from another host cannot be checked that way: it is
/// crashed once its heartbeat is older than `staleHeartbeatSeconds`. The end
/// time recorded is the last heartbeat, the last moment the run was known alive.
struct CrashDetector {
    let staleHeartbeatSeconds: Double

    @discardableResult
    func markCrashedRuns(in store: Store) throws -> [RunID] {
        let candidates = try store.database.cachedStatement("""
            SELECT id, host, pid,
                   (julianday('now') - julianday(coalesce(heartbeat_at, started_at, created_at))) * 86400.0
            FROM runs WHERE status = 'running'
            """).rows { row in
                (id: try row.column(0, as: RunID.self), host: try row.column(1, as: String?.self),
                 pid: try row.column(2, as: Int64?.self), silentSeconds: try row.column(3, as: Double?.self))
            }
        let crashed = candidates.filter { run in
            if run.host == store.host, let pid = run.pid {
                return !Self.processIsAlive(pid)
            }
            return (run.silentSeconds ?? 0) > staleHeartbeatSeconds
        }.map(\.id)
        guard !crashed.isEmpty else { return [] }
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

    /// True when a process with this id exists and is not a zombie. A pid the
    /// kernel has since given to another process reads as alive: the run then
    /// stays `running` until that process ends, never wrongly crashed.
    static func processIsAlive(_ pid: Int64) -> Bool {
        guard pid > 0, pid <= Int64(Int32.max) else { return false }
        if kill(pid_t(pid), 0) != 0 && errno == ESRCH { return false }
        #if os(Linux)
        // A killed child its parent has not reaped yet still answers kill(0).
        if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
           let close = stat.lastIndex(of: ")") {
            let state = stat[stat.index(after: close)...].drop(while: { $0 == " " }).first
            if state == "Z" || state == "X" { return false }
        }
        #endif
        return true
    }
}

extension Store {
    /// Marks crashed runs now (opening a store does it too). Returns their ids.
    @discardableResult
    public func detectCrashedRuns(staleHeartbeatSeconds: Double = Options().staleHeartbeatSeconds) throws -> [RunID] {
        try CrashDetector(staleHeartbeatSeconds: staleHeartbeatSeconds).markCrashedRuns(in: self)
    }
}
