/// Arrays in PostgreSQL's text form (`{1,2,NULL}`), bound as one parameter
/// and read with `unnest(CAST(? AS bigint[]))`: a whole batch of points then
/// travels as one statement, where SQLite's multi-row INSERT would need
/// one round trip per 64 rows.
enum PostgresArrayText {
    static func integers(_ values: some Sequence<some BinaryInteger>) -> String {
        var text = "{"
        for value in values {
            if text.utf8.count > 1 { text += "," }
            text += String(value)
        }
        return text + "}"
    }

    /// Doubles in the spellings float8in reads back exactly; nil is NULL.
    static func doubles(_ values: some Sequence<Double?>) -> String {
        var text = "{"
        for value in values {
            if text.utf8.count > 1 { text += "," }
            switch value {
            case nil: text += "NULL"
            case let value? where value == .infinity: text += "Infinity"
            case let value? where value == -.infinity: text += "-Infinity"
            case let value?: text += value.description
            }
        }
        return text + "}"
    }
}
