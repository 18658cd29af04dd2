/// Writing a run read from another store (`RunCopy`) into this one, whole,
/// in one transaction: a push that stops half-way leaves whole runs only.
extension Store {
    /// Stores `copy` as a new run, or in place of this store's older copy
    /// of the same run (which keeps its id and name), with its data set and
    /// sweep found or made here. Decided under the write turn, so that two
    /// pushes of one run at once store it once: the later finds it there.
    func storeRunCopy(_ copy: RunCopy) throws -> RunCopyOutcome {
        guard let uuid = copy.run.uuid else {
            throw StoreError.invalidArgument("run \(copy.run.name) has no uuid; it cannot be pushed")
        }
        // Interned first, in their own small transactions (see
        // `internMetricKeys`); a push stopped after it leaves only names.
        let keyIDs = try internMetricKeys(copy.metricNames)
        let pointKeyIDs = copy.points.map { keyIDs[$0.key]! }
        let statements = try hotStatements()
        let outcome: RunCopyOutcome = try write {
            let existing = try copyState(ofRun: uuid)
            if let existing, !existing.isOlder(than: copy.run) { return .alreadyThere }
            let datasetID = try copy.dataset.map(copiedDataset)
            let sweepID = try copy.sweep.map(copiedSweep)
            let id: RunID
            if let existing {
                try clearCopiedRun(existing.id)
                try updateRunRow(existing.id, from: copy, datasetID: datasetID, sweepID: sweepID)
                id = existing.id
            } else {
                id = try insertRunRow(copy, datasetID: datasetID, sweepID: sweepID)
            }
            for (key, value) in copy.params.sorted(by: { $0.key < $1.key }) {
                try database.execute("INSERT INTO params (run_id, key, value) VALUES (?, ?, ?)", id, key, value)
            }
            for tag in copy.tags {
                try database.execute("INSERT INTO run_tags (run_id, tag) VALUES (?, ?)", id, tag)
            }
            if !copy.points.isEmpty {
                _ = try insertPointRows(copy.points, keyIDs: pointKeyIDs, run: id, statements)
            }
            for row in copy.summaries {
                let summary = row.summary
                try database.execute(
                    Self.insertSummarySQL, id, keyIDs[row.key]!, summary.count, summary.lastStep, summary.lastValue,
                    summary.minStep, summary.minValue, summary.maxStep, summary.maxValue, row.valueAtBest)
            }
            for checkpoint in copy.checkpoints {
                try insertCopiedCheckpoint(checkpoint, of: id)
            }
            if let record = copy.sourceRecord {
                try insertSourceRecord(record, of: id)
            }
            // A replaced copy's checkpoints may have held the only reference to a blob.
            if existing != nil { try removeUnreferencedBlobs() }
            return existing == nil ? .inserted(id) : .replaced(id)
        }
        switch outcome {
        case .inserted(let id), .replaced(let id): summaryCache.forget(id)
        case .alreadyThere: break
        }
        return outcome
    }

    private func insertRunRow(_ copy: RunCopy, datasetID: DatasetID?, sweepID: SweepID?) throws -> RunID {
        let run = copy.run
        // Numbered as createRun numbers runs: past every id ever given here.
        guard let id: RunID = try database.scalar(
            """
            SELECT coalesce(max(id), 0) + 1 FROM (
                SELECT max(id) AS id FROM runs UNION ALL SELECT max_id FROM run_id_high_water) AS ids
            """) else {
            throw StoreError.notFound("the runs table could not be read; check the target store")
        }
        try database.execute(
            """
            INSERT INTO runs (id, name, status, group_name, sweep_id, trial, fold, dataset_id, seed, command, host, pid,
                              created_at, started_at, ended_at, heartbeat_at, best_step, stop_reason, notes, error,
                              process_started, boot_id, machine_id, pid_namespace, resumed_at_step, kept_step,
                              source, external_id, uuid)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            id, try freeName(run.name, in: .runs), run.status.rawValue, run.group, sweepID, run.trial, run.fold, datasetID,
            run.seed, run.command, run.host, run.pid, run.createdAt, run.startedAt, run.endedAt, run.heartbeatAt,
            run.bestStep, run.stopReason?.rawValue, run.notes, run.error, copy.processStarted, copy.bootID,
            copy.machineID, copy.pidNamespace, copy.resumedAtStep, run.keptStep, copy.origin?.rawValue,
            copy.externalID, run.uuid)
        return id
    }

    private func updateRunRow(_ id: RunID, from copy: RunCopy, datasetID: DatasetID?, sweepID: SweepID?) throws {
        let run = copy.run
        try database.execute(
            """
            UPDATE runs SET status = ?, group_name = ?, sweep_id = ?, trial = ?, fold = ?, dataset_id = ?, seed = ?,
                command = ?, host = ?, pid = ?, created_at = ?, started_at = ?, ended_at = ?, heartbeat_at = ?,
                best_step = ?, stop_reason = ?, notes = ?, error = ?, process_started = ?, boot_id = ?,
                machine_id = ?, pid_namespace = ?, resumed_at_step = ?, kept_step = ?, source = ?, external_id = ?
            WHERE id = ?
            """,
            run.status.rawValue, run.group, sweepID, run.trial, run.fold, datasetID, run.seed, run.command, run.host,
            run.pid, run.createdAt, run.startedAt, run.endedAt, run.heartbeatAt, run.bestStep, run.stopReason?.rawValue,
            run.notes, run.error, copy.processStarted, copy.bootID, copy.machineID, copy.pidNamespace,
            copy.resumedAtStep, run.keptStep, copy.origin?.rawValue, copy.externalID, id)
    }

    /// Removes what an older copy of a run owns, before the newer is written over it.
    private func clearCopiedRun(_ id: RunID) throws {
        for table in ["params", "run_tags", "run_summary", "metrics", "checkpoints", "run_sources"] {
            // Table names from the fixed list above; the id is bound.
            try database.execute("DELETE FROM \(table) WHERE run_id = ?", id)
        }
    }

    /// The checkpoint with its original step and time; its bytes stored
    /// once per content, shared with any run here that has the same.
    private func insertCopiedCheckpoint(_ copy: CheckpointCopy, of run: RunID) throws {
        let checkpoint = copy.checkpoint
        try database.execute(
            "INSERT INTO blobs (sha256, size, bytes) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
            checkpoint.sha256, copy.bytes.count, copy.bytes)
        guard let blobID: Int64 = try database.scalar("SELECT id FROM blobs WHERE sha256 = ?", checkpoint.sha256) else {
            throw StoreError.notFound("blob \(checkpoint.sha256) vanished while pushing a checkpoint; push again")
        }
        try database.execute(
            "INSERT INTO checkpoints (run_id, kind, step, blob_id, created_at) VALUES (?, ?, ?, ?, ?)",
            run, checkpoint.kind.rawValue, checkpoint.step, blobID, checkpoint.createdAt)
    }

    private func insertSourceRecord(_ record: RunSourceRecord, of run: RunID) throws {
        try database.execute(
            """
            INSERT INTO run_sources (run_id, git_commit, git_dirty, git_diff, git_diff_truncated,
                stdout_tail, stderr_tail, exit_code, malformed_lines, rejected_points, missing_checkpoints)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            run, record.gitCommit, record.gitDirty, record.gitDiff, record.gitDiffTruncated,
            record.stdoutTail, record.stderrTail, record.exitCode.map(Int64.init),
            Int64(record.malformedLines), Int64(record.rejectedPoints), Int64(record.missingCheckpoints))
    }
}

/// What `storeRunCopy` did with a run.
enum RunCopyOutcome: Equatable {
    case inserted(RunID)
    /// This store's older copy was replaced, in place.
    case replaced(RunID)
    /// This store has the run as it is (another push stored it meanwhile).
    case alreadyThere
}
