import PostgreSQL
import SQLite

/// A prepared statement on either backend. Bindings stay until bound again,
/// on both, so a hot statement binds what does not change once.
public final class StoreStatement {
    enum Prepared {
        case sqlite(Statement)
        /// PostgreSQL's statements are prepared on the server by the
        /// connection, keyed by their SQL; this holds the SQL and the values.
        case postgres(PostgresConnection, sql: String, parameters: [PostgresParameter])
    }

    private var prepared: Prepared
    /// Where the rows a statement changed are recorded (`StoreDatabase.changes`).
    private unowned let database: StoreDatabase

    init(_ prepared: Prepared, database: StoreDatabase) {
        self.prepared = prepared
        self.database = database
    }

    public var sql: String {
        switch prepared {
        case .sqlite(let statement): statement.sql
        case .postgres(_, let sql, _): sql
        }
    }

    /// Binds parameter `index` (from 1).
    public func bind(_ value: some StoreBindable, at index: Int) throws {
        switch prepared {
        case .sqlite(let statement):
            try statement.bind(value, at: index)
        case .postgres(let connection, let sql, var parameters):
            guard index >= 1, index <= parameters.count else {
                throw StoreError.invalidArgument("parameter \(index) is out of range: the statement takes \(parameters.count) (in `\(sql)`)")
            }
            parameters[index - 1] = try value.storeParameter()
            prepared = .postgres(connection, sql: sql, parameters: parameters)
        }
    }

    /// Binds `values` to parameters 1...n.
    public func bound(_ values: any StoreBindable...) throws -> StoreStatement {
        try bind(values)
        return self
    }

    public func bind(_ values: [any StoreBindable]) throws {
        switch prepared {
        case .sqlite(let statement):
            try statement.bind(values)
        case .postgres(let connection, let sql, let parameters):
            guard values.count == parameters.count else {
                throw StoreError.invalidArgument("the statement takes \(parameters.count) parameter(s) but \(values.count) were given (in `\(sql)`)")
            }
            prepared = .postgres(connection, sql: sql, parameters: try values.map { try $0.storeParameter() })
        }
    }

    public func execute() throws {
        switch prepared {
        case .sqlite(let statement):
            try statement.execute()
            database.recordChanges(nil)
        case .postgres(let connection, let sql, let parameters):
            database.recordChanges(try connection.query(sql, parameters).affectedRowCount)
        }
    }

    public func rows<T>(_ map: (StoreRow) throws -> T) throws -> [T] {
        switch prepared {
        case .sqlite(let statement):
            return try statement.rows { try map(StoreRow(source: .sqlite($0))) }
        case .postgres(let connection, let sql, let parameters):
            let result = try connection.query(sql, parameters)
            return try result.map { try map(StoreRow(source: .postgres($0))) }
        }
    }

    /// Calls `body` with each row in turn. On SQLite rows are read as they
    /// are stepped to, so a long history is never all in memory at once.
    public func forEachRow(_ body: (StoreRow) throws -> Void) throws {
        switch prepared {
        case .sqlite(let statement):
            defer { statement.reset() }
            while try statement.step() { try body(StoreRow(source: .sqlite(statement))) }
        case .postgres(let connection, let sql, let parameters):
            let result = try connection.query(sql, parameters)
            for index in 0..<result.rowCount { try body(StoreRow(source: .postgres(result[index]))) }
        }
    }

    public func firstRow<T>(_ map: (StoreRow) throws -> T) throws -> T? {
        switch prepared {
        case .sqlite(let statement):
            return try statement.firstRow { try map(StoreRow(source: .sqlite($0))) }
        case .postgres(let connection, let sql, let parameters):
            let result = try connection.query(sql, parameters)
            guard result.rowCount > 0 else { return nil }
            return try map(StoreRow(source: .postgres(result[0])))
        }
    }
}
