/// The data sets and sweeps a pushed run refers to, found or made in this
/// (the target) store. Called inside the run's write transaction, under
/// the write turn, so that what is read here is still true when written.
extension Store {
    /// The data set version with `dataset`'s identity (name, fingerprint,
    /// target, task), made when missing: with the same version number if
    /// this store has none of that number under the name, else the next.
    func copiedDataset(_ dataset: Dataset) throws -> DatasetID {
        if let existing: DatasetID = try database.scalar(
            """
            SELECT id FROM datasets
            WHERE name = ? AND fingerprint = ? AND coalesce(target, '') = coalesce(?, '') AND task = ?
            """, dataset.name, dataset.fingerprint, dataset.target, dataset.task.rawValue) {
            return existing
        }
        let taken = try database.scalar(
            "SELECT 1 FROM datasets WHERE name = ? AND version = ?", dataset.name, dataset.version, as: Int.self) != nil
        let version = taken
            ? try database.scalar("SELECT max(version) + 1 FROM datasets WHERE name = ?", dataset.name, as: Int.self) ?? 1
            : dataset.version
        guard let id: DatasetID = try database.scalar(
            """
            INSERT INTO datasets (name, version, fingerprint, rows, features, target, task, classes, source, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
            """,
            dataset.name, version, dataset.fingerprint, dataset.rows, dataset.features, dataset.target,
            dataset.task.rawValue, dataset.classes, dataset.source, dataset.createdAt) else {
            throw StoreError.notFound("data set '\(dataset.name)' was not stored; push again")
        }
        return id
    }

    /// The sweep with `copy`'s global id, made when missing (under its name,
    /// or name-2, name-3... when another sweep has it). Lineage follows
    /// when both ends are here: the parent if it was pushed before, the
    /// children pushed before it. A copy still running here takes the
    /// source's final status once the source's sweep has ended.
    func copiedSweep(_ copy: SweepCopy) throws -> SweepID {
        let sweep = copy.sweep
        guard let uuid = sweep.uuid else {
            throw StoreError.invalidArgument(
                "sweep \(sweep.name) has no uuid in the source; open the source with this tracker once to migrate it")
        }
        if let existing = try database.cachedStatement("SELECT id, status FROM sweeps WHERE uuid = ?").bound(uuid)
            .firstRow({ (id: try $0.column(0, as: SweepID.self), status: try $0.column(1, as: String.self)) }) {
            if existing.status == SweepStatus.running.rawValue, sweep.status != .running {
                try database.execute(
                    "UPDATE sweeps SET status = ?, ended_at = ? WHERE id = ?", sweep.status.rawValue, sweep.endedAt, existing.id)
            }
            return existing.id
        }
        let datasetID = try copy.dataset.map(copiedDataset)
        let parentID: SweepID? = try copy.parentUUID.flatMap {
            try database.scalar("SELECT id FROM sweeps WHERE uuid = ?", $0)
        }
        // As createSweep numbers sweeps: past the largest id, under the write turn.
        let id = try database.scalar("SELECT coalesce(max(id), 0) + 1 FROM sweeps", as: SweepID.self) ?? 1
        try database.execute(
            """
            INSERT INTO sweeps (id, name, method, space, config, objective, direction, dataset_id, parent_sweep_id,
                                status, command, created_at, ended_at,
                                host, pid, process_started, boot_id, machine_id, pid_namespace, uuid)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            id, try freeName(sweep.name, in: .sweeps), sweep.method.rawValue, sweep.space, sweep.config, sweep.objective,
            sweep.direction.rawValue, datasetID, parentID, sweep.status.rawValue, sweep.command, sweep.createdAt,
            sweep.endedAt, copy.host, copy.pid, copy.processStarted, copy.bootID, copy.machineID, copy.pidNamespace, uuid)
        for child in copy.childUUIDs {
            try database.execute(
                "UPDATE sweeps SET parent_sweep_id = ? WHERE uuid = ? AND parent_sweep_id IS NULL", id, child)
        }
        return id
    }

    /// The tables whose names are unique: a pushed run or sweep keeps its
    /// name unless another one here has it.
    enum NamedTable: String {
        case runs, sweeps
    }

    /// `name` if no row of `table` has it, else the first free of name-2, name-3...
    func freeName(_ name: String, in table: NamedTable) throws -> String {
        // The table name comes from the enum above, never from input.
        let taken = try database.cachedStatement("SELECT 1 FROM \(table.rawValue) WHERE name = ?")
        var candidate = name
        var suffix = 1
        while try taken.bound(candidate).firstRow({ _ in true }) != nil {
            suffix += 1
            candidate = "\(name)-\(suffix)"
        }
        return candidate
    }
}
