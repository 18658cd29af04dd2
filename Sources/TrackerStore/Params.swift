import SQLite

/// Hyperparameters of runs, typed.
extension Store {
    /// Sets (or replaces) params of a run. `whileRunning` is a live
    /// writer's guard: it stops when the run was deleted or ended meanwhile.
    public func setParams(_ params: [String: ParamValue], for id: RunID, whileRunning: Bool = false) throws {
        try write {
            if whileRunning { try requireRunning(id) }
            for (key, value) in params.sorted(by: { $0.key < $1.key }) {
                guard !key.isEmpty else {
                    throw StoreError.invalidArgument("a param has an empty name; give every param a key such as 'wd'")
                }
                do {
                    try database.execute(
                        "INSERT INTO params (run_id, key, value) VALUES (?, ?, ?) ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value",
                        id, key, value)
                } catch let error where error.isForeignKeyViolation {
                    throw StoreError.notFound("no run with id \(id) to set params on")
                }
            }
        }
    }

    public func params(of id: RunID) throws -> [String: ParamValue] {
        var params: [String: ParamValue] = [:]
        for (key, value) in try database.cachedStatement("SELECT key, value FROM params WHERE run_id = ?").bound(id)
            .rows({ (try $0.column(0, as: String.self), try ParamValue(stored: $0.value(at: 1))) }) {
            params[key] = value
        }
        return params
    }

    /// Whether any run has a param of this key: one seek in `params_by_key_value`.
    public func hasParamKey(_ key: String) throws -> Bool {
        try database.scalar("SELECT 1 FROM params WHERE key = ? LIMIT 1", key, as: Int.self) != nil
    }

    /// Every param key any run has, sorted. Reads the whole key index: for
    /// error messages, not for every command.
    public func paramKeys() throws -> [String] {
        try database.rows("SELECT DISTINCT key FROM params ORDER BY key") { try $0.column(0, as: String.self) }
    }
}
