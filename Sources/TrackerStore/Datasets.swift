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
            // A version is the content with its target and task: one file
            // predicting two columns is two versions, never merged. Content
            // seen before is that version again.
            if let existing: DatasetID = try database.scalar(
                """
                SELECT id FROM datasets
                WHERE name = ? AND fingerprint = ? AND coalesce(target, '') = coalesce(?, '') AND task = ?
                """, spec.name, fingerprint, spec.target, spec.task.rawValue) {
                return (existing, false)
            }
            try requireSameFile(spec)
            let version = try database.scalar(
                "SELECT coalesce(max(version), 0) + 1 FROM datasets WHERE name = ?", spec.name, as: Int.self) ?? 1
            let id: DatasetID? = try database.scalar(
                """
                INSERT INTO datasets (name, version, fingerprint, rows, features, target, task, classes, source, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                """,
                spec.name, version, fingerprint, spec.rows, spec.features, spec.target, spec.task.rawValue,
                spec.classes, spec.source, Timestamp.now())
            return (id!, true)
        }
        return (try dataset(id: id), isNew)
    }

    /// Two unrelated files of one base name are not versions of one data
    /// set unless named so: new content under a name taken from a file's
    /// name must come from the file the name's newest version came from.
    private func requireSameFile(_ spec: DatasetSpec) throws {
        guard !spec.explicitlyNamed, let source = spec.source, source.hasPrefix("/") else { return }
        guard let previous: String = try database.scalar(
            "SELECT source FROM datasets WHERE name = ? AND source LIKE '/%' ORDER BY version DESC LIMIT 1", spec.name),
            previous != source else { return }
        throw StoreError.invalidArgument(
            "data set '\(spec.name)' has versions from \(previous), and \(source) is another file; name it "
                + "(--dataset-name \(spec.name) makes it the next version, any other name keeps it apart)")
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

    /// The newest version of a named data set with the same target and task
    /// as `like`: the one new data of `like`'s kind is compared with.
    public func latestDataset(like dataset: Dataset) throws -> Dataset? {
        try database.cachedStatement("""
            SELECT \(Dataset.columns) FROM datasets
            WHERE name = ? AND coalesce(target, '') = coalesce(?, '') AND task = ?
            ORDER BY version DESC LIMIT 1
            """)
            .bound(dataset.name, dataset.target, dataset.task.rawValue).firstRow(Dataset.init(row:))
    }

    /// Every version of a named data set, oldest first.
    public func datasetVersions(named name: String) throws -> [Dataset] {
        try database.cachedStatement("SELECT \(Dataset.columns) FROM datasets WHERE name = ? ORDER BY version")
            .bound(name).rows(Dataset.init(row:))
    }
}
