import SQLite

/// Checkpoints and the content-addressed blobs that hold their bytes.
extension Store {
    /// Saves `bytes` as a run's checkpoint at `step`. Identical bytes are
    /// stored once; saving a `best` or `last` replaces the previous one, and a
    /// blob no longer referenced is removed in the same transaction.
    /// `whileRunning` is a live writer's guard (see `requireRunning`).
    @discardableResult
    public func saveCheckpoint(
        _ run: RunID, kind: StoredCheckpointKind, step: Int, bytes: [UInt8], whileRunning: Bool = false
    ) throws -> StoredCheckpoint {
        let new = NewCheckpoint(kind: kind, step: step, bytes: bytes)
        let digest = SHA256.hex(of: bytes)
        let id: CheckpointID = try write {
            if whileRunning { try requireRunning(run) }
            return try insertCheckpoint(new, digest: digest, of: run)
        }
        return try checkpoint(id: id)
    }

    /// Inside a write transaction: stores the blob (once per content), points
    /// the run's checkpoint at it and removes a blob it no longer needs.
    /// `digest` is computed by the caller, outside the transaction, which may
    /// run more than once (see `write`).
    func insertCheckpoint(_ new: NewCheckpoint, digest: String, of run: RunID) throws -> CheckpointID {
        try database.execute(
            "INSERT INTO blobs (sha256, size, bytes) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
            digest, new.bytes.count, new.bytes)
        guard let blobID: Int64 = try database.scalar("SELECT id FROM blobs WHERE sha256 = ?", digest) else {
            throw StoreError.notFound("blob \(digest) vanished while saving a checkpoint; try again")
        }
        if new.kind == .best || new.kind == .last {
            try database.execute("DELETE FROM checkpoints WHERE run_id = ? AND kind = ?", run, new.kind.rawValue)
        }
        let id: CheckpointID
        do {
            id = try database.scalar(
                "INSERT INTO checkpoints (run_id, kind, step, blob_id, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
                run, new.kind.rawValue, new.step, blobID, Timestamp.now())!
        } catch let error where error.isForeignKeyViolation {
            throw StoreError.notFound("no run with id \(run) to save a checkpoint for")
        }
        try removeUnreferencedBlobs()
        return id
    }

    public func checkpoint(id: CheckpointID) throws -> StoredCheckpoint {
        guard let checkpoint = try database.cachedStatement(
            "SELECT \(StoredCheckpoint.columns) FROM checkpoints AS c JOIN blobs AS b ON b.id = c.blob_id WHERE c.id = ?")
            .bound(id).firstRow(StoredCheckpoint.init(row:)) else {
            throw StoreError.notFound("no checkpoint with id \(id)")
        }
        return checkpoint
    }

    /// The run's newest checkpoint of `kind`, or nil.
    public func checkpoint(_ run: RunID, kind: StoredCheckpointKind) throws -> StoredCheckpoint? {
        try database.cachedStatement("""
            SELECT \(StoredCheckpoint.columns) FROM checkpoints AS c JOIN blobs AS b ON b.id = c.blob_id
            WHERE c.run_id = ? AND c.kind = ? ORDER BY c.step DESC, c.id DESC LIMIT 1
            """).bound(run, kind.rawValue).firstRow(StoredCheckpoint.init(row:))
    }

    /// Every checkpoint of a run, by step.
    public func checkpoints(of run: RunID) throws -> [StoredCheckpoint] {
        try database.cachedStatement("""
            SELECT \(StoredCheckpoint.columns) FROM checkpoints AS c JOIN blobs AS b ON b.id = c.blob_id
            WHERE c.run_id = ? ORDER BY c.step, c.id
            """).bound(run).rows(StoredCheckpoint.init(row:))
    }

    /// The bytes a checkpoint holds, checked against the SHA-256 its blob
    /// was stored under: a truncated or altered blob is an error naming the
    /// run and checkpoint, never bytes handed on as if they were right.
    public func checkpointBytes(_ checkpoint: StoredCheckpoint) throws -> [UInt8] {
        guard let stored = try database.cachedStatement("""
            SELECT b.bytes, b.sha256, b.size FROM checkpoints AS c JOIN blobs AS b ON b.id = c.blob_id WHERE c.id = ?
            """).bound(checkpoint.id).firstRow({ row in
                (bytes: try row.column(0, as: [UInt8].self), sha256: try row.column(1, as: String.self),
                 size: try row.column(2, as: Int.self))
            }) else {
            throw StoreError.notFound("checkpoint \(checkpoint.id) no longer exists (its run was deleted?)")
        }
        let digest = SHA256.hex(of: stored.bytes)
        guard digest == stored.sha256, stored.bytes.count == stored.size else {
            throw StoreError.damagedCheckpoint(
                run: checkpoint.runID, kind: checkpoint.kind.rawValue, step: checkpoint.step,
                detail: "its \(stored.bytes.count) bytes hash to \(digest.prefix(12)), not the recorded \(stored.sha256.prefix(12)) (\(stored.size) bytes)")
        }
        return stored.bytes
    }

    /// Deletes the blobs no checkpoint references; returns how many.
    @discardableResult
    func removeUnreferencedBlobs() throws -> Int {
        try database.execute("DELETE FROM blobs WHERE NOT EXISTS (SELECT 1 FROM checkpoints WHERE blob_id = blobs.id)")
        return database.changes
    }
}
