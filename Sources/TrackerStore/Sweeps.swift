import Foundation
import SQLite

/// Sweep records and their re-tuning lineage. The search itself is issue 6's.
extension Store {
    @discardableResult
    public func createSweep(_ spec: SweepSpec) throws -> Sweep {
        if let name = spec.name { try NameRules.check(name, as: "sweep name") }
        guard !spec.objective.isEmpty else {
            throw StoreError.invalidArgument("a sweep needs an objective metric such as 'val_loss'")
        }
        let id: SweepID = try write {
            // The next id is max(id) + 1 on both backends (PostgreSQL's
            // identity sequence is not used), and the write turn keeps
            // anyone else from taking it.
            let nextID = try database.scalar("SELECT coalesce(max(id), 0) + 1 FROM sweeps", as: Int64.self) ?? 1
            do {
                try database.execute(
                    """
                    INSERT INTO sweeps (id, name, method, space, config, objective, direction, dataset_id, parent_sweep_id,
                                        status, command, created_at,
                                        host, pid, process_started, boot_id, machine_id, pid_namespace, uuid)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    nextID, spec.name ?? "sweep-\(nextID)", spec.method.rawValue, spec.space, spec.config, spec.objective,
                    spec.direction.rawValue, spec.datasetID, spec.parentSweepID, spec.command, Timestamp.now(),
                    process.host, process.pid, process.startTime, process.bootID, process.machineID, process.pidNamespace,
                    spec.uuid ?? UUID().uuidString.lowercased())
            } catch let error where error.isCheckViolation {
                throw StoreError.invalidArgument("sweep space or config is not valid JSON; pass JSON text such as {\"wd\": [0, 0.001]}")
            } catch let error where error.isUniqueViolation {
                throw StoreError.invalidArgument("a sweep named '\(spec.name ?? "sweep-\(nextID)")' already exists; choose another name")
            } catch let error where error.isForeignKeyViolation {
                throw StoreError.notFound("the sweep's data set or parent sweep does not exist; register or create it first")
            }
            return nextID
        }
        return try sweep(id: id)
    }

    public func sweep(id: SweepID) throws -> Sweep {
        guard let sweep = try database.cachedStatement("SELECT \(Sweep.columns) FROM sweeps WHERE id = ?")
            .bound(id).firstRow(Sweep.init(row:)) else {
            throw StoreError.notFound("no sweep with id \(id); list sweeps to find its id")
        }
        return sweep
    }

    public func sweep(named name: String) throws -> Sweep {
        guard let sweep = try database.cachedStatement("SELECT \(Sweep.columns) FROM sweeps WHERE name = ?")
            .bound(name).firstRow(Sweep.init(row:)) else {
            throw StoreError.notFound("no sweep named '\(name)'")
        }
        return sweep
    }

    /// Every sweep, newest first.
    public func sweeps() throws -> [Sweep] {
        try database.cachedStatement("SELECT \(Sweep.columns) FROM sweeps ORDER BY id DESC").rows(Sweep.init(row:))
    }

    /// Sets a sweep's status; a final status records the end time.
    public func setSweepStatus(_ id: SweepID, _ status: SweepStatus) throws {
        try write {
            try database.execute(
                "UPDATE sweeps SET status = ?, ended_at = CASE WHEN ? = 'running' THEN NULL ELSE ? END WHERE id = ?",
                status.rawValue, status.rawValue, Timestamp.now(), id)
            guard database.changes == 1 else { throw StoreError.notFound("no sweep with id \(id)") }
        }
    }

    /// The sweeps that re-tune `id` (its direct children), oldest first.
    public func childSweeps(of id: SweepID) throws -> [Sweep] {
        try database.cachedStatement("SELECT \(Sweep.columns) FROM sweeps WHERE parent_sweep_id = ? ORDER BY id")
            .bound(id).rows(Sweep.init(row:))
    }

    /// The re-tuning chain ending at `id`: the original sweep first, `id` last.
    public func sweepLineage(of id: SweepID) throws -> [Sweep] {
        let chain = try database.cachedStatement("""
            WITH RECURSIVE chain (id, depth) AS (
                SELECT id, 0 FROM sweeps WHERE id = ?
                UNION ALL
                SELECT s.parent_sweep_id, chain.depth + 1 FROM sweeps AS s JOIN chain ON s.id = chain.id
                WHERE s.parent_sweep_id IS NOT NULL AND chain.depth < 1000
            )
            SELECT id FROM chain ORDER BY depth DESC
            """).bound(id).rows { try $0.column(0, as: SweepID.self) }
        guard !chain.isEmpty else { throw StoreError.notFound("no sweep with id \(id)") }
        return try chain.map(sweep(id:))
    }
}
