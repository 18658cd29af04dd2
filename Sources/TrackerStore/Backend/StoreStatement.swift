import PostgreSQL
import SQLite

/// A prepared statement on either backend. Bindings stay until bound again,
/// on both, so a hot statement binds what does not change once.
public final class StoreStatement {
    /// One of the two is set (see `StoreRow` for why not an enum).
    /// PostgreSQL's statements are prepared on the server by the connection,
    /// keyed by their SQL; `PostgresStatement` holds the SQL and the values.
    private let sqlite: Statement?
    private let postgres: PostgresStatement?

    init(sqlite statement: Statement) {
        sqlite = statement
        postgres = nil
    }

    init(postgres statement: PostgresStatement) {
        sqlite = nil
        postgres = statement
    }

    public var sql: String {
        sqlite?.sql ?? postgres!.sql
    }

    /// Binds parameter `index` (from 1).
    public func bind(_ value: some StoreBindable, at index: Int) throws {
        if let sqlite { return try sqlite.bind(value, at: index) }
        let statement = postgres!
        guard index >= 1, index <= statement.parameters.count else {
            throw StoreError.invalidArgument(
                "parameter \(index) is out of range: the statement takes \(statement.parameters.count) (in `\(statement.sql)`)")
        }
        statement.parameters[index - 1] = try value.storeParameter()
    }

    /// Binds `values` to parameters 1...n.
    public func bound(_ values: any StoreBindable...) throws -> StoreStatement {
        try bind(values)
        return self
    }

    public func bind(_ values: [any StoreBindable]) throws {
        if let sqlite { return try sqlite.bind(values) }
        let statement = postgres!
        guard values.count == statement.parameters.count else {
            throw StoreError.invalidArgument(
                "the statement takes \(statement.parameters.count) parameter(s) but \(values.count) were given (in `\(statement.sql)`)")
        }
        statement.parameters = try values.map { try $0.storeParameter() }
    }

    public func execute() throws {
        if let sqlite { return try sqlite.execute() }
        let statement = postgres!
        statement.session.changes = try statement.run().affectedRowCount
    }

    public func rows<T>(_ map: (StoreRow) throws -> T) throws -> [T] {
        if let sqlite { return try sqlite.rows { try map(StoreRow(sqlite: $0)) } }
        return try postgres!.run().map { try map(StoreRow(postgres: $0)) }
    }

    /// Calls `body` with each row in turn. On SQLite rows are read as they
    /// are stepped to, so a long history is never all in memory at once.
    public func forEachRow(_ body: (StoreRow) throws -> Void) throws {
        if let sqlite {
            defer { sqlite.reset() }
            while try sqlite.step() { try body(StoreRow(sqlite: sqlite)) }
            return
        }
        let result = try postgres!.run()
        for index in 0..<result.rowCount { try body(StoreRow(postgres: result[index])) }
    }

    public func firstRow<T>(_ map: (StoreRow) throws -> T) throws -> T? {
        if let sqlite { return try sqlite.firstRow { try map(StoreRow(sqlite: $0)) } }
        let result = try postgres!.run()
        guard result.rowCount > 0 else { return nil }
        return try map(StoreRow(postgres: result[0]))
    }
}

/// A statement for PostgreSQL: its `$N` SQL and the values bound so far.
final class PostgresStatement {
    let session: PostgresSession
    let sql: String
    var parameters: [PostgresParameter]
    /// A query (SELECT), which may simply be asked again on a new session.
    private let isQuery: Bool

    init(session: PostgresSession, sql: String, parameterCount: Int) {
        self.session = session
        self.sql = sql
        parameters = Array(repeating: .null, count: parameterCount)
        isQuery = sql.drop { $0.isWhitespace }.prefix(6).uppercased() == "SELECT"
    }

    /// Runs the statement. A query outside any transaction that finds the
    /// session gone runs again, once, on a new one: asking again changes
    /// nothing. A write outside a transaction is not retried (the server
    /// may have committed it before the session went); writes in a
    /// transaction are retried whole by `Store.write`.
    func run() throws -> PostgresResult {
        let connection = session.connection
        let inTransaction = connection.isInTransaction
        do {
            return try connection.query(sql, parameters)
        } catch let error where isQuery && !inTransaction && error.isLostSessionBeforeCommit {
            try session.reconnect()
            return try connection.query(sql, parameters)
        }
    }
}
