import TrackerStore

/// "digits v2" for a dataset id, each looked up once.
struct DatasetNames {
    let store: Store
    private var cache: [DatasetID: String] = [:]

    init(store: Store) {
        self.store = store
    }

    mutating func label(_ id: DatasetID?) throws -> String? {
        guard let id else { return nil }
        if let label = cache[id] { return label }
        let dataset = try store.dataset(id: id)
        let label = "\(dataset.name) v\(dataset.version)"
        cache[id] = label
        return label
    }
}
