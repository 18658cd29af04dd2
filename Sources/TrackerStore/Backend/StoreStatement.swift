import PostgreSQL
import SQLite

/// A prepared statement on either backend. Bindings stay until bound again,
/// on both, so a hot statement binds what does not change once.
public final class StoreStatement {
    enum Prepared {
        case sqlite(Statement)
        /// PostgreSQL's statements are prepared on the server by the
        /// connection, keyed by their SQL; this holds the SQL and the values.
        case postgres(PostgresStatement)
    }

    private let prepared: Prepared
    /// Where the rows a PostgreSQL statement changed are recorded, for
    /// `StoreDatabase.changes` (SQLite's connection counts them itself).
    private let changes: ChangeCount

    init(_ prepared: Prepared, changes: ChangeCount) {
        self.prepared = prepared
        self.changes = changes
    }

    public var sql: String {
        switch prepared {
        case .sqlite(let statement): statement.sql
        case .postgres(let statement): statement.sql
        }
    }

    /// Binds parameter `index` (from 1).
    public func bind(_ value: some StoreBindable, at index: Int) throws {
        switch prepared {
        case .sqlite(let statement):
            try statement.bind(value, at: index)
        case .postgres(let statement):
            guard index >= 1, index <= statement.parameters.count else {
                throw StoreError.invalidArgument(
                    "parameter \(index) is out of range: the statement takes \(statement.parameters.count) (in `\(statement.sql)`)")
            }
            statement.parameters[index - 1] = try value.storeParameter()
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
        case .postgres(let statement):
            guard values.count == statement.parameters.count else {
                throw StoreError.invalidArgument(
                    "the statement takes \(statement.parameters.count) parameter(s) but \(values.count) were given (in `\(statement.sql)`)")
            }
            statement.parameters = try values.map { try $0.storeParameter() }
        }
    }

    public func execute() throws {
        switch prepared {
        case .sqlite(let statement):
            try statement.execute()
        case .postgres(let statement):
            changes.value = try statement.run().affectedRowCount
        }
    }

    public func rows<T>(_ map: (StoreRow) throws -> T) throws -> [T] {
        switch prepared {
        case .sqlite(let statement):
            return try statement.rows { try map(StoreRow(source: .sqlite($0))) }
        case .postgres(let statement):
            return try statement.run().map { try map(StoreRow(source: .postgres($0))) }
        }
    }

    /// Calls `body` with each row in turn. On SQLite rows are read as they
    /// are stepped to, so a long history is never all in memory at once.
    public func forEachRow(_ body: (StoreRow) throws -> Void) throws {
        switch prepared {
        case .sqlite(let statement):
            defer { statement.reset() }
            while try statement.step() { try body(StoreRow(source: .sqlite(statement))) }
        case .postgres(let statement):
            let result = try statement.run()
            for index in 0..<result.rowCount { try body(StoreRow(source: .postgres(result[index]))) }
        }
    }

    public func firstRow<T>(_ map: (StoreRow) throws -> T) throws -> T? {
        switch prepared {
        case .sqlite(let statement):
            return try statement.firstRow { try map(StoreRow(source: .sqlite($0))) }
        case .postgres(let statement):
            let result = try statement.run()
            guard result.rowCount > 0 else { return nil }
            return try map(StoreRow(source: .postgres(result[0])))
        }
    }
}

/// A statement for PostgreSQL: its `$N` SQL and the values bound so far.
final class PostgresStatement {
    let connection: PostgresConnection
    let sql: String
    var parameters: [PostgresParameter]

    init(connection: PostgresConnection, sql: String, parameterCount: Int) {
        self.connection = connection
        self.sql = sql
        parameters = Array(repeating: .null, count: parameterCount)
    }

    func run() throws -> PostgresResult {
        try connection.query(sql, parameters)
    }
}

/// The rows the last PostgreSQL statement changed, shared by a connection's statements.
final class ChangeCount {
    var value = 0
}
