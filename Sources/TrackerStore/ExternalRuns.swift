import Foundation
import SQLite

/// Runs recorded from outside the engine: their origin (`runs.source`,
/// `runs.external_id`), the process that owns them, and what that process
/// left behind (`run_sources`).
extension Store {
    /// Marks where a run came from; `externalID` is its id in that source
    /// (unique per source: a second run with the same id is refused).
    public func setOrigin(of id: RunID, source: RunSource, externalID: String? = nil) throws {
        try write {
            do {
                try database.execute(
                    "UPDATE runs SET source = ?, external_id = ? WHERE id = ?", source.rawValue, externalID, id)
            } catch let error where error.isUniqueViolation {
                throw StoreError.invalidArgument(
                    "another run already has \(source.rawValue) id '\(externalID ?? "")'; import updates that run instead")
            }
            guard database.changes == 1 else { throw StoreError.notFound("no run with id \(id)") }
        }
    }

    /// The run's source and external id; (nil, nil) for an engine run.
    public func origin(of id: RunID) throws -> (source: RunSource?, externalID: String?) {
        let row = try database.cachedStatement("SELECT source, external_id FROM runs WHERE id = ?").bound(id)
            .firstRow { (try $0.column(0, as: String?.self), try $0.column(1, as: String?.self)) }
        guard let row else { throw StoreError.notFound("no run with id \(id)") }
        return (row.0.flatMap(RunSource.init(rawValue:)), row.1)
    }

    /// The run imported from `source` under `externalID`, if any.
    public func run(source: RunSource, externalID: String) throws -> Run? {
        try database.cachedStatement("SELECT \(Run.columns) FROM runs WHERE source = ? AND external_id = ?")
            .bound(source.rawValue, externalID).firstRow(Run.init(row:))
    }

    /// Hands a running run to another process on this host: crash detection
    /// then watches that process instead of the one that created the run.
    /// `tracker run start` gives the run to the shell script that called it,
    /// so the run is crashed when the script dies, not when the command exits.
    /// nil leaves only the heartbeat to judge (imported runs, which no local
    /// process owns).
    public func setOwner(of id: RunID, pid: Int64?) throws {
        // The owner's own start time, not this process's: crash detection
        // knows a process by its pid and start time together, and the
        // script that owns a run started before the `tracker` it called.
        let started = pid.flatMap(ProcessIdentity.startTime(of:))
        try write {
            try database.execute("UPDATE runs SET pid = ?, process_started = ? WHERE id = ?", pid, started, id)
            guard database.changes == 1 else { throw StoreError.notFound("no run with id \(id)") }
        }
    }

    /// Writes "still alive" now, outside the batching of `logMetrics`.
    public func touchHeartbeat(of id: RunID) throws {
        try write {
            try database.execute("UPDATE runs SET heartbeat_at = ? WHERE id = ?", Timestamp.now(), id)
            guard database.changes == 1 else { throw StoreError.notFound("no run with id \(id)") }
        }
        lastHeartbeat[id] = Self.monotonicNow()
    }

    /// Sets the life of a run recorded elsewhere as that source saw it: its
    /// status, times (nil keeps the current one) and error. Used by imports,
    /// whose runs started and ended before the import did.
    public func setImportedLife(
        of id: RunID, status: RunStatus, stopReason: RunStopReason?, startedAt: Date?, endedAt: Date?, error: String?
    ) throws {
        let started = startedAt.map(Timestamp.string(from:))
        let ended = endedAt.map(Timestamp.string(from:))
        try write {
            try database.execute(
                """
                UPDATE runs SET status = ?, stop_reason = ?, error = ?,
                    created_at = coalesce(?, created_at), started_at = coalesce(?, started_at),
                    ended_at = coalesce(?, ended_at, started_at), heartbeat_at = coalesce(?, heartbeat_at)
                WHERE id = ?
                """, status.rawValue, stopReason?.rawValue, error, started, started, ended, ended ?? started, id)
            guard database.changes == 1 else { throw StoreError.notFound("no run with id \(id)") }
        }
        lastHeartbeat[id] = nil
    }

    /// The (metric, step) pairs a run already has, for imports that add only
    /// what is new.
    public func loggedSteps(of id: RunID) throws -> Set<MetricStepKey> {
        let pairs = try database.cachedStatement("""
            SELECT k.name, m.step FROM metrics AS m JOIN metric_keys AS k ON k.id = m.key_id WHERE m.run_id = ?
            """).bound(id).rows { MetricStepKey(key: try $0.column(0), step: try $0.column(1)) }
        return Set(pairs)
    }

    /// Creates or replaces the run's `run_sources` row.
    public func saveSourceRecord(_ record: RunSourceRecord, for id: RunID) throws {
        try write {
            try database.execute(
                """
                INSERT INTO run_sources (run_id, git_commit, git_dirty, git_diff, git_diff_truncated,
                    stdout_tail, stderr_tail, exit_code, malformed_lines, rejected_points, missing_checkpoints)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (run_id) DO UPDATE SET git_commit = excluded.git_commit, git_dirty = excluded.git_dirty,
                    git_diff = excluded.git_diff, git_diff_truncated = excluded.git_diff_truncated,
                    stdout_tail = excluded.stdout_tail, stderr_tail = excluded.stderr_tail,
                    exit_code = excluded.exit_code, malformed_lines = excluded.malformed_lines,
                    rejected_points = excluded.rejected_points, missing_checkpoints = excluded.missing_checkpoints
                """,
                id, record.gitCommit, record.gitDirty, record.gitDiff, record.gitDiffTruncated,
                record.stdoutTail, record.stderrTail, record.exitCode.map(Int64.init),
                Int64(record.malformedLines), Int64(record.rejectedPoints), Int64(record.missingCheckpoints))
        }
    }

    /// The run's `run_sources` row; nil for an engine run.
    public func sourceRecord(of id: RunID) throws -> RunSourceRecord? {
        try database.cachedStatement("""
            SELECT git_commit, git_dirty, git_diff, git_diff_truncated, stdout_tail, stderr_tail, exit_code,
                   malformed_lines, rejected_points, missing_checkpoints
            FROM run_sources WHERE run_id = ?
            """).bound(id).firstRow { row in
                RunSourceRecord(
                    gitCommit: try row.column(0), gitDirty: try row.column(1, as: Int64?.self).map { $0 != 0 },
                    gitDiff: try row.column(2), gitDiffTruncated: try row.column(3, as: Int64.self) != 0,
                    stdoutTail: try row.column(4), stderrTail: try row.column(5),
                    exitCode: try row.column(6, as: Int64?.self).map(Int.init),
                    malformedLines: Int(try row.column(7, as: Int64.self)),
                    rejectedPoints: Int(try row.column(8, as: Int64.self)),
                    missingCheckpoints: Int(try row.column(9, as: Int64.self)))
            }
    }
}

/// One (metric, step) of a run's history.
public struct MetricStepKey: Hashable, Sendable {
    public var key: String
    public var step: Int

    public init(key: String, step: Int) {
        self.key = key
        self.step = step
    }
}
