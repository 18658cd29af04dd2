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
                    try database.execute("INSERT OR REPLACE INTO params (run_id, key, value) VALUES (?, ?, ?)", id, key, value)
                } catch let error as SQLiteError where error.isForeignKeyViolation {
                    throw StoreError.notFound("no run with id \(id) to set params on")
                }
            }
        }
    }

    public func params(of id: RunID) throws -> [String: ParamValue] {
        var params: [String: ParamValue] = [:]
        let statement = try database.cachedStatement("SELECT key, value FROM params WHERE run_id = ?").bound(id)
        while try statement.step() {
            params[try statement.column(0)] = try ParamValue(stored: statement.column(1))
        }
        statement.reset()
        return params
    }
}
