import TrackerStore

/// Whether a sweep's data set has a newer version than the one it ran on:
/// the question `tracker retune --check` answers first.
public struct DataChange: Sendable, Equatable {
    /// The version the sweep ran on; nil when it recorded none.
    public var swept: Dataset?
    /// The newest version under the same name, target and task.
    public var latest: Dataset?
    /// The fraction of the swept version's rows the sweep used (`--subset`).
    public var sweptSubset: Double? = nil

    public var hasChanged: Bool {
        guard let swept, let latest else { return false }
        return latest.id != swept.id
    }

    public static func detect(for sweep: Sweep, in store: Store) throws -> DataChange {
        guard let datasetID = sweep.datasetID else { return DataChange(swept: nil, latest: nil) }
        let swept = try store.dataset(id: datasetID)
        return DataChange(
            swept: swept, latest: try store.latestDataset(like: swept), sweptSubset: SweepDefinition.subsetFraction(of: sweep))
    }

    /// One line for the user: what changed, in versions and rows.
    public var summary: String {
        guard let swept else { return "The sweep recorded no data set; give --dataset to re-tune on one." }
        let subset = sweptSubset.map { " (the sweep used a \(Self.percent($0)) subset of it)" } ?? ""
        guard let latest, hasChanged else {
            return "Data unchanged: \(swept.name) v\(swept.version) (\(swept.rows) rows) is still the latest version\(subset)."
        }
        return "Data changed: \(swept.name) v\(swept.version) (\(swept.rows) rows\(subset)) -> v\(latest.version) (\(latest.rows) rows)."
    }

    private static func percent(_ fraction: Double) -> String {
        let value = fraction * 100
        return (value == value.rounded() ? String(Int(value)) : String(value)) + "%"
    }
}
