import Foundation
import SQLite

/// Runs: create, finish, read, tag, annotate, delete.
extension Store {
    /// Records a new run as `running` on this host and process, with its
    /// params and tags, in one transaction. Its id is past every id ever
    /// given, deleted runs' included (`run_id_high_water`), so a writer still
    /// holding a deleted run's id can never write into a new run.
    @discardableResult
    public func createRun(_ spec: RunSpec = RunSpec()) throws -> Run {
        for key in spec.params.keys where key.isEmpty {
            throw StoreError.invalidArgument("a param has an empty name; give every param a key such as 'wd'")
        }
        if let name = spec.name { try NameRules.check(name, as: "run name") }
        if let group = spec.group { try NameRules.check(group, as: "group name") }
        for tag in spec.tags { try NameRules.check(tag, as: "tag") }
        let now = Timestamp.now()
        let id: RunID = try write {
            let id = try insertRun(spec, now: now)
            for (key, value) in spec.params.sorted(by: { $0.key < $1.key }) {
                try database.execute("INSERT INTO params (run_id, key, value) VALUES (?, ?, ?)", id, key, value)
            }
            for tag in Set(spec.tags) {
                try insertTag(tag, run: id)
            }
            return id
        }
        lastHeartbeat[id] = Self.monotonicNow()
        return try run(id: id)
    }

    private func insertRun(_ spec: RunSpec, now: String) throws -> RunID {
        let sql = """
            INSERT INTO runs (id, name, status, group_name, sweep_id, trial, fold, dataset_id, seed, command,
                              host, pid, process_started, boot_id, machine_id, pid_namespace,
                              created_at, started_at, heartbeat_at, notes, uuid)
            VALUES ((SELECT coalesce(max(id), 0) + 1 FROM (
                        SELECT max(id) AS id FROM runs UNION ALL SELECT max_id FROM run_id_high_water) AS ids),
                    ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            RETURNING id
            """
        var attempt = 0
        while true {
            let name = spec.name ?? names.next(attempt: attempt)
            do {
                // In a savepoint: PostgreSQL's transaction would not outlive a failed statement.
                let id: RunID? = try database.savepoint {
                    try database.scalar(
                        sql, name, spec.group, spec.sweepID, spec.trial, spec.fold, spec.datasetID, spec.seed,
                        spec.command, host, Int64(processID), process.startTime, process.bootID, process.machineID,
                        process.pidNamespace, now, now, now, spec.notes, spec.uuid ?? UUID().uuidString.lowercased())
                }
                return id!
            } catch let error where error.isUniqueViolation && error.violationText.contains("name") {
                // A statement-level failure leaves the transaction open: draw again.
                if spec.name != nil {
                    throw StoreError.invalidArgument("a run named '\(name)' already exists; choose another name")
                }
                attempt += 1
                if attempt > 20 { throw error }
            } catch let error where error.isForeignKeyViolation {
                throw StoreError.invalidArgument(
                    "run refers to a dataset or sweep that does not exist (dataset \(spec.datasetID.map(String.init) ?? "none"), sweep \(spec.sweepID.map(String.init) ?? "none")); register it first")
            } catch let error where error.isCheckViolation {
                throw StoreError.invalidArgument("invalid run field (\(error.violationText)); names must not be empty, trial and fold must be >= 0")
            }
        }
    }

    public func run(id: RunID) throws -> Run {
        guard let run = try database.cachedStatement("SELECT \(Run.columns) FROM runs WHERE id = ?")
            .bound(id).firstRow(Run.init(row:)) else {
            throw StoreError.notFound("no run with id \(id); list runs to find its id")
        }
        return presented(run)
    }

    public func run(named name: String) throws -> Run {
        guard let run = try database.cachedStatement("SELECT \(Run.columns) FROM runs WHERE name = ?")
            .bound(name).firstRow(Run.init(row:)) else {
            throw StoreError.notFound("no run named '\(name)'; list runs to see their names")
        }
        return presented(run)
    }

    /// Ends a run: its final status (not `running`), why it stopped, the
    /// epoch of its best monitored value, and the error for a failed run.
    public func finishRun(
        _ id: RunID, status: RunStatus = .finished, stopReason: RunStopReason? = .completed,
        bestStep: Int? = nil, error: String? = nil
    ) throws {
        guard status != .running else {
            throw StoreError.invalidArgument("finishRun needs a final status (finished, failed, killed, pruned), not running")
        }
        let now = Timestamp.now()
        try write {
            try requireRunning(id)
            try database.execute(
                """
                UPDATE runs SET status = ?, stop_reason = ?, best_step = coalesce(?, best_step), error = ?,
                    ended_at = ?, heartbeat_at = ?,
                    -- Nobody said otherwise: the final weights are the last epoch's.
                    kept_step = coalesce(kept_step, (
                        SELECT max(s.last_step) FROM run_summary AS s JOIN metric_keys AS k ON k.id = s.key_id
                        WHERE s.run_id = runs.id AND k.name IN ('train_loss', 'val_loss', 'train_acc', 'val_acc')))
                WHERE id = ?
                """, status.rawValue, stopReason?.rawValue, bestStep, error, now, now, id)
            guard database.changes == 1 else { throw StoreError.notFound("no run with id \(id) to finish") }
        }
        lastHeartbeat[id] = nil
    }

    /// Records the epoch of the run's best monitored value. `whileRunning`
    /// is a live writer's guard (see `requireRunning`).
    public func setBestStep(_ id: RunID, step: Int, whileRunning: Bool = false) throws {
        try write {
            if whileRunning { try requireRunning(id) }
            try database.execute("UPDATE runs SET best_step = ? WHERE id = ?", step, id)
            guard database.changes == 1 else { throw StoreError.notFound("no run with id \(id)") }
        }
    }

    /// Records the epoch whose weights the final model holds. `whileRunning`
    /// is a live writer's guard (see `requireRunning`).
    public func setKeptStep(_ id: RunID, step: Int, whileRunning: Bool = false) throws {
        try write {
            if whileRunning { try requireRunning(id) }
            try database.execute("UPDATE runs SET kept_step = ? WHERE id = ?", step, id)
            guard database.changes == 1 else { throw StoreError.notFound("no run with id \(id)") }
        }
    }

    public func setNotes(_ id: RunID, _ notes: String?) throws {
        try write {
            try database.execute("UPDATE runs SET notes = ? WHERE id = ?", notes, id)
            guard database.changes == 1 else { throw StoreError.notFound("no run with id \(id) to annotate") }
        }
    }

    /// Moves a run into a group (nil removes it from its group).
    public func setGroup(_ id: RunID, _ group: String?) throws {
        if let group { try NameRules.check(group, as: "group name") }
        try write {
            try database.execute("UPDATE runs SET group_name = ? WHERE id = ?", group, id)
            guard database.changes == 1 else { throw StoreError.notFound("no run with id \(id)") }
        }
    }

    // MARK: Tags

    public func addTags(_ tags: [String], to id: RunID) throws {
        for tag in tags { try NameRules.check(tag, as: "tag") }
        try write {
            _ = try run(id: id)
            for tag in Set(tags) { try insertTag(tag, run: id) }
        }
    }

    public func removeTags(_ tags: [String], from id: RunID) throws {
        try write {
            for tag in tags {
                try database.execute("DELETE FROM run_tags WHERE run_id = ? AND tag = ?", id, tag)
            }
        }
    }

    public func tags(of id: RunID) throws -> [String] {
        try database.cachedStatement("SELECT tag FROM run_tags WHERE run_id = ? ORDER BY tag").bound(id)
            .rows { try $0.column(0, as: String.self) }
    }

    private func insertTag(_ tag: String, run id: RunID) throws {
        guard !tag.isEmpty else { throw StoreError.invalidArgument("a tag is empty; give tags some text") }
        try database.execute("INSERT INTO run_tags (run_id, tag) VALUES (?, ?) ON CONFLICT DO NOTHING", id, tag)
    }

    // MARK: Deleting

    /// Deletes runs and everything they own (params, tags, metrics, summaries,
    /// checkpoints), then the blobs no remaining checkpoint references.
    /// Returns how many runs were deleted. A run still `running` is refused
    /// (nothing is deleted): its process would go on writing to a run that
    /// is gone. Stop it first; a dead one is marked crashed when the store opens.
    @discardableResult
    public func deleteRuns(_ ids: [RunID]) throws -> Int {
        defer { summaryCache.forget(ids) }
        return try write {
            var deleted = 0
            for id in Set(ids).sorted() {
                if let live = try database.cachedStatement(
                    "SELECT name, host, pid FROM runs WHERE id = ? AND status = 'running'").bound(id).firstRow({ row in
                        (name: try row.column(0, as: String.self), host: try row.column(1, as: String?.self),
                         pid: try row.column(2, as: Int64?.self))
                    }) {
                    throw StoreError.runIsLive(name: live.name, host: live.host, pid: live.pid)
                }
                try database.execute("DELETE FROM runs WHERE id = ?", id)
                deleted += database.changes
            }
            try removeUnreferencedBlobs()
            return deleted
        }
    }

    static func monotonicNow() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }
}
