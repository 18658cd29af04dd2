import SQLite

/// A data set version and how many runs trained on it.
public struct DatasetUsage: Sendable, Equatable {
    public var dataset: Dataset
    public var runCount: Int
}

extension Store {
    /// Every data set version (or those of one name), by name then version,
    /// each with the number of runs that used it. One query; the count is a
    /// lookup in `runs_by_dataset`.
    public func datasetUsage(named name: String? = nil) throws -> [DatasetUsage] {
        try database.cachedStatement("""
            SELECT \(Dataset.columns), (SELECT count(*) FROM runs AS r WHERE r.dataset_id = datasets.id)
            FROM datasets WHERE name = coalesce(?1, name) ORDER BY name, version
            """).bound(name).rows { row in
            DatasetUsage(dataset: try Dataset(row: row), runCount: try row.column(11))
        }
    }
}
