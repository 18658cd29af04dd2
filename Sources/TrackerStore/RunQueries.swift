import SQLite

/// Listing runs for the CLI. "Newest first" is the order runs were recorded
/// in this file (their ids): unlike `created_at`, it does not depend on the
/// clocks of the hosts that wrote them.
extension Store {
    /// Runs matching `filter`, newest first.
    public func runs(_ filter: RunFilter = .all) throws -> [Run] {
        let (condition, values) = filter.whereClause(for: database.backend)
        var sql = "SELECT \(Run.columns(alias: "r")) FROM runs AS r WHERE \(condition) ORDER BY r.id DESC"
        var bound = values
        if let limit = filter.limit {
            sql += " LIMIT ?"
            bound.append(limit)
        }
        let statement = try database.prepare(sql)
        try statement.bind(bound)
        return try statement.rows { presented(try Run(row: $0)) }
    }

    /// The ids of runs matching `filter`, newest first.
    public func runIDs(_ filter: RunFilter = .all) throws -> [RunID] {
        let (condition, values) = filter.whereClause(for: database.backend)
        let statement = try database.prepare(
            "SELECT r.id FROM runs AS r WHERE \(condition) ORDER BY r.id DESC")
        try statement.bind(values)
        return try statement.rows { try $0.column(0, as: RunID.self) }
    }
}
