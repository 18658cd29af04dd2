import SQLite

/// Data set versions: the same content under a name is the same version; new
/// content is the next version. This is how "new data arrived" is noticed.
extension Store {
    /// Registers a data set. Returns the existing version when the name and
    /// fingerprint are known, otherwise records version (latest + 1).
    @discardableResult
    public func registerDataset(_ spec: DatasetSpec) throws -> (dataset: Dataset, isNew: Bool) {
        guard !spec.name.isEmpty else {
            throw StoreError.invalidArgument("a data set needs a name; pass --dataset NAME")
        }
        let fingerprint = spec.fingerprint.lowercased()
        guard fingerprint.count == 64, fingerprint.allSatisfy(\.isHexDigit) else {
            throw StoreError.invalidArgument(
                "fingerprint '\(spec.fingerprint)' is not a hex SHA-256; compute it with SHA256.hex(of: contents)")
        }
        guard spec.rows >= 0, spec.features >= 0, (spec.classes ?? 2) >= 2 else {
            throw StoreError.invalidArgument("data set '\(spec.name)' has negative rows or features, or fewer than 2 classes; check the data")
        }
        let (id, isNew): (DatasetID, Bool) = try write {
            if let existing: DatasetID = try database.scalar(
                "SELECT id FROM datasets WHERE name = ? AND fingerprint = ?", spec.name, fingerprint) {
                return (existing, false)
            }
            let version = try database.scalar(
                "SELECT coalesce(max(version), 0) + 1 FROM datasets WHERE name = ?", spec.name, as: Int.self) ?? 1
            try database.execute(
                """
                INSERT INTO datasets (name, version, fingerprint, rows, features, target, task, classes, source, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                spec.name, version, fingerprint, spec.rows, spec.features, spec.target, spec.task.rawValue,
                spec.classes, spec.source, Timestamp.now())
            return (database.lastInsertRowID, true)
        }
        return (try dataset(id: id), isNew)
    }

    public func dataset(id: DatasetID) throws -> Dataset {
        guard let dataset = try database.cachedStatement("SELECT \(Dataset.columns) FROM datasets WHERE id = ?")
            .bound(id).firstRow(Dataset.init(row:)) else {
            throw StoreError.notFound("no data set with id \(id)")
        }
        return dataset
    }

    /// The newest version of a named data set, or nil when none is registered.
    public func latestDataset(named name: String) throws -> Dataset? {
        try database.cachedStatement(
            "SELECT \(Dataset.columns) FROM datasets WHERE name = ? ORDER BY version DESC LIMIT 1")
            .bound(name).firstRow(Dataset.init(row:))
    }

    /// Every version of a named data set, oldest first.
    public func datasetVersions(named name: String) throws -> [Dataset] {
        try database.cachedStatement("SELECT \(Dataset.columns) FROM datasets WHERE name = ? ORDER BY version")
            .bound(name).rows(Dataset.init(row:))
    }
}
