import TrackerStore

/// Whether a sweep's data set has a newer version than the one it ran on:
/// the question `tracker retune --check` answers first.
public struct DataChange: Sendable, Equatable {
    /// The version the sweep ran on; nil when it recorded none.
    public var swept: Dataset?
    /// The newest version under the same name.
    public var latest: Dataset?

    public var hasChanged: Bool {
        guard let swept, let latest else { return false }
        return latest.id != swept.id
    }

    public static func detect(for sweep: Sweep, in store: Store) throws -> DataChange {
        guard let datasetID = sweep.datasetID else { return DataChange(swept: nil, latest: nil) }
        let swept = try store.dataset(id: datasetID)
        return DataChange(swept: swept, latest: try store.latestDataset(named: swept.name))
    }

    /// One line for the user: what changed, in versions and rows.
    public var summary: String {
        guard let swept else { return "The sweep recorded no data set; give --dataset to re-tune on one." }
        guard let latest, hasChanged else {
            return "Data unchanged: \(swept.name) v\(swept.version) (\(swept.rows) rows) is still the latest version."
        }
        return "Data changed: \(swept.name) v\(swept.version) (\(swept.rows) rows) -> v\(latest.version) (\(latest.rows) rows)."
    }
}
