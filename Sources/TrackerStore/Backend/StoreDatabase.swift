import Foundation
import PostgreSQL
import SQLite

/// The store's one connection: to an SQLite file or to a PostgreSQL server.
///
/// The store writes its SQL once, in what both understand: `?` parameters
/// (rewritten as `$N` for PostgreSQL), ON CONFLICT, RETURNING, and the
/// functions the PostgreSQL migrations add (julianday, round). Where the
/// two must differ, the store asks `backend`.
///
/// Not `Sendable`, like both connections: one thread at a time.
public final class StoreDatabase {
    enum Connection {
        case sqlite(Database)
        case postgres(PostgresSession)
    }

    let connection: Connection
    public let backend: StoreBackend
    /// The file's path, or the server's URL with any password replaced by `***`.
    public let displayName: String
    /// The `$N` form of each SQL text seen, so a hot statement is rewritten once.
    private var rewritten: [String: PlaceholderRewriter.Rewritten] = [:]
    private var postgresStatements: [String: StoreStatement] = [:]
    /// A PostgreSQL session opened read-only (SQLite's connection knows its own mode).
    private let postgresReadOnly: Bool

    init(sqlite database: Database) {
        connection = .sqlite(database)
        backend = .sqlite
        displayName = database.path
        postgresReadOnly = false
    }

    /// `sessionSetup` is what every session of the store is set up with (a
    /// lock timeout, read-only mode); it has run on `connection` already, and
    /// runs again on each new session (see `PostgresSession`).
    init(postgres connection: PostgresConnection, readOnly: Bool, sessionSetup: @escaping (PostgresConnection) throws -> Void) {
        self.connection = .postgres(PostgresSession(connection: connection, setup: sessionSetup))
        backend = .postgresql
        displayName = connection.redactedURL
        postgresReadOnly = readOnly
    }

    /// The SQLite connection, for what only SQLite has (tests set up odd files through it).
    package var sqlite: Database? {
        if case .sqlite(let database) = connection { database } else { nil }
    }

    // MARK: Statements

    /// Runs a script of statements without parameters.
    public func execute(_ script: String) throws {
        switch connection {
        case .sqlite(let database): try database.execute(script)
        case .postgres(let session): try session.connection.execute(script)
        }
    }

    /// Runs one statement with its parameters bound in order.
    public func execute(_ sql: String, _ values: any StoreBindable...) throws {
        let statement = try cachedStatement(sql)
        try statement.bind(values)
        try statement.execute()
    }

    public func scalar<T: StoreColumnReadable>(_ sql: String, _ values: any StoreBindable..., as type: T.Type = T.self) throws -> T? {
        let statement = try cachedStatement(sql)
        try statement.bind(values)
        // A NULL first column reads as nil too, as SQLite's scalar does.
        return try statement.firstRow { $0.isNull(at: 0) ? nil : try $0.column(0, as: T.self) } ?? nil
    }

    public func rows<T>(_ sql: String, _ values: any StoreBindable..., map: (StoreRow) throws -> T) throws -> [T] {
        let statement = try prepare(sql)
        try statement.bind(values)
        return try statement.rows(map)
    }

    /// A statement of its own (not shared through the cache).
    public func prepare(_ sql: String) throws -> StoreStatement {
        switch connection {
        case .sqlite(let database):
            return StoreStatement(sqlite: try database.prepare(sql))
        case .postgres(let session):
            let form = postgresForm(of: sql)
            return StoreStatement(
                postgres: PostgresStatement(session: session, sql: form.sql, parameterCount: form.parameterCount))
        }
    }

    /// The statement for `sql`, prepared on its first use and shared after.
    public func cachedStatement(_ sql: String) throws -> StoreStatement {
        switch connection {
        case .sqlite(let database):
            return StoreStatement(sqlite: try database.cachedStatement(sql))
        case .postgres:
            if let statement = postgresStatements[sql] { return statement }
            let statement = try prepare(sql)
            postgresStatements[sql] = statement
            return statement
        }
    }

    private func postgresForm(of sql: String) -> PlaceholderRewriter.Rewritten {
        if let form = rewritten[sql] { return form }
        let form = PlaceholderRewriter.rewrite(sql)
        rewritten[sql] = form
        return form
    }

    /// Rows inserted, updated or deleted by the last statement.
    public var changes: Int {
        switch connection {
        case .sqlite(let database): database.changes
        case .postgres(let session): session.changes
        }
    }

    // MARK: Transactions

    public enum TransactionKind: Sendable {
        /// One snapshot for every query in it.
        case read
        /// Writers take turns: SQLite's write lock, or on PostgreSQL an
        /// advisory lock per store schema, so the store's read-then-write
        /// steps (the next dataset version, a run's summaries) see no
        /// concurrent writer, as on SQLite.
        case write
        /// A write that needs no turn: it locks only the rows it changes
        /// (a sweep worker claiming a trial with SKIP LOCKED). On SQLite,
        /// where every write takes the one lock, the same as `write`.
        case rowLocking
    }

    /// The lock class of the store's write turn: "trkw" in ASCII, so that it
    /// is recognisable in pg_locks; the second key is the schema's hash.
    static let writeLockClass: Int32 = 0x7472_6B77

    public func transaction<T>(_ kind: TransactionKind, _ body: () throws -> T) throws -> T {
        switch connection {
        case .sqlite(let database):
            return try database.transaction(kind == .read ? .deferred : .immediate, body)
        case .postgres(let session):
            let connection = session.connection
            switch kind {
            case .read:
                return try connection.transaction(.repeatableRead, body)
            case .write:
                return try connection.transaction(
                    .readCommitted, startingWith: "SELECT pg_advisory_xact_lock(\(Self.writeLockClass), hashtext(current_schema()))", body)
            case .rowLocking:
                return try connection.transaction(.readCommitted, body)
            }
        }
    }

    /// A nested transaction: its statements are undone together when `body` throws.
    public func savepoint<T>(_ body: () throws -> T) throws -> T {
        switch connection {
        case .sqlite(let database): try database.savepoint(body)
        case .postgres(let session): try session.connection.savepoint(body)
        }
    }

    /// A new PostgreSQL session in place of a lost one (see
    /// `PostgresSession`). Nothing to do for SQLite, whose file cannot go away so.
    func reconnect() throws {
        if case .postgres(let session) = connection { try session.reconnect() }
    }

    public var isInTransaction: Bool {
        switch connection {
        case .sqlite(let database): database.isInTransaction
        case .postgres(let session): session.connection.isInTransaction
        }
    }

    public var isReadOnly: Bool {
        switch connection {
        case .sqlite(let database): database.isReadOnly
        case .postgres: postgresReadOnly
        }
    }

    public func close() {
        postgresStatements = [:]
        switch connection {
        case .sqlite(let database): database.close()
        case .postgres(let session): session.connection.close()
        }
    }
}
