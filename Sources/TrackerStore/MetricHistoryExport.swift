import Foundation
import SQLite

extension TrackerStore {
    /// Calls `body` with every metric point of the runs `filter` picks, oldest
    /// run first, then by metric key and step: the primary key's order, so
    /// SQLite streams rows without sorting and memory stays flat however long
    /// the history. `metrics` limits the keys (empty: all).
    public func forEachMetricPoint(
        _ filter: RunFilter = .all, metrics: [String] = [],
        _ body: (_ run: String, _ metric: String, _ step: Int, _ value: Double) throws -> Void
    ) throws {
        let (condition, values) = filter.whereClause
        var sql = """
            SELECT r.name, k.name, m.step, m.value
            FROM runs AS r JOIN metrics AS m ON m.run_id = r.id JOIN metric_keys AS k ON k.id = m.key_id
            WHERE \(condition)
            """
        var bound = values
        if !metrics.isEmpty {
            // One parameter for any number of keys, as RunFilter binds run ids.
            sql += " AND k.name IN (SELECT value FROM json_each(?))"
            bound.append("[" + metrics.map(Self.jsonString).joined(separator: ",") + "]")
        }
        sql += " ORDER BY r.id, m.key_id, m.step"
        let statement = try database.prepare(sql)
        try statement.bind(bound)
        while try statement.step() {
            try body(statement.column(0), statement.column(1), statement.column(2), statement.column(3))
        }
        statement.reset()
    }

    /// A JSON string literal for a metric name (names are user text).
    static func jsonString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case _ where scalar.value < 0x20: result += String(format: "\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
