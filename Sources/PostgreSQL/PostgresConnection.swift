/// One connection to a PostgreSQL server, through libpq loaded at run time.
///
/// Concurrency: a connection belongs to one thread at a time, like libpq's
/// own PGconn. It is deliberately not `Sendable`, so Swift 6 rejects code
/// that shares it across threads or tasks; concurrent work opens one
/// connection per thread.
///
/// Every statement with parameters is prepared on the server once per
/// connection and kept (see `PreparedStatementCache`); values travel as bound
/// parameters `$1...$n`, in text format except bytea.
public final class PostgresConnection {
    /// The connection string with any password replaced by `***`: the only
    /// form of it that this type ever shows.
    public let redactedURL: String
    let pq: LibPQ
    private var connection: OpaquePointer?
    private var statementCache = PreparedStatementCache(capacity: 128)
    /// Passwords written in the URL, blanked out of any libpq message that echoes them.
    private let passwords: [String]

    /// Connects with any libpq connection URI (`postgresql://user@host:5432/db`)
    /// or key=value string. A password belongs in `~/.pgpass` or `PGPASSWORD`,
    /// which libpq reads itself. `libraryNames` are the names tried for libpq.
    public init(url: String, libraryNames: [String] = LibPQ.defaultLibraryNames) throws {
        let pq = try LibPQ.load(libraryNames: libraryNames)
        self.pq = pq
        self.redactedURL = ConnectionURL.redacted(url)
        self.passwords = ConnectionURL.passwords(in: url)
        let handle = url.withCString { pq.connectdb($0) }
        guard let handle, pq.status(handle) == LibPQ.connectionOK else {
            let reason = handle.map { oneLine(pq.errorMessage($0)) } ?? "out of memory"
            pq.finish(handle)
            throw PostgresError(sqlState: "08001", message: "could not connect to \(redactedURL): \(reason)")
        }
        connection = handle
        // The server's NOTICEs (e.g. "table does not exist, skipping") would
        // go to stderr, in the middle of a command's output.
        _ = pq.setNoticeProcessor(handle, { _, _ in }, nil)
    }

    deinit {
        close()
    }

    /// Ends the session; this object refuses further use. Safe to call twice.
    public func close() {
        statementCache.removeAll()
        if let connection { pq.finish(connection) }
        connection = nil
    }

    public var isClosed: Bool { connection == nil }

    /// Opens the session again with the same settings (libpq's PQreset),
    /// after the server restarted or the network dropped it. What the old
    /// session held is gone: its open transaction (rolled back by the
    /// server), its prepared statements (forgotten here too) and anything
    /// set with SET, which the caller sets again.
    public func reconnect() throws {
        let handle = try openHandle()
        statementCache.removeAll()
        pq.reset(handle)
        guard pq.status(handle) == LibPQ.connectionOK else {
            throw PostgresError(sqlState: "08001", message: scrub("could not reconnect to \(redactedURL): \(oneLine(pq.errorMessage(handle)))"))
        }
    }

    /// The server's version as a number, e.g. 150018 for 15.18.
    public var serverVersion: Int { connection.map { Int(pq.serverVersion($0)) } ?? 0 }

    /// True while a transaction is open (also when it failed and awaits ROLLBACK).
    public var isInTransaction: Bool {
        connection.map { pq.transactionStatus($0) != LibPQ.transactionIdle } ?? false
    }

    /// True when a statement of the open transaction failed: the server
    /// refuses everything but ROLLBACK until it ends.
    public var isTransactionFailed: Bool {
        connection.map { pq.transactionStatus($0) == LibPQ.transactionInError } ?? false
    }

    /// The number of statements prepared on the server and kept for reuse.
    public var preparedStatementCount: Int { statementCache.count }

    private func openHandle() throws -> OpaquePointer {
        guard let connection else { throw PostgresError.client("the PostgreSQL connection to \(redactedURL) is closed") }
        return connection
    }

    // MARK: Statements

    /// Runs a script of zero or more statements separated by semicolons, with
    /// no parameters, in one round trip. Outside a transaction the server
    /// runs a multi-statement script as one implicit transaction.
    public func execute(_ script: String) throws {
        let handle = try openHandle()
        let result = script.withCString { pq.exec(handle, $0) }
        defer { pq.clear(result) }
        try check(result, sql: script)
    }

    /// Runs one statement with its parameters bound in order; returns the
    /// number of rows it inserted, updated or deleted.
    @discardableResult
    public func execute(_ sql: String, _ values: any PostgresBindable...) throws -> Int {
        try query(sql, values).affectedRowCount
    }

    /// Runs one statement with its parameters bound in order and returns its rows.
    public func query(_ sql: String, _ values: any PostgresBindable...) throws -> PostgresResult {
        try query(sql, values)
    }

    /// The first column of the first row, or nil when there is no row.
    public func scalar<T: PostgresColumnReadable>(_ sql: String, _ values: any PostgresBindable..., as type: T.Type = T.self) throws -> T? {
        let result = try query(sql, values)
        guard result.rowCount > 0 else { return nil }
        return try result[0].column(0, as: T.self)
    }

    /// Every row, mapped.
    public func rows<T>(_ sql: String, _ values: any PostgresBindable..., map: (PostgresRow) throws -> T) throws -> [T] {
        try query(sql, values).map(map)
    }

    /// Runs one statement with `values` bound to `$1...$n`, preparing it on
    /// the first use of its SQL and parameter types.
    public func query(_ sql: String, _ values: [any PostgresBindable]) throws -> PostgresResult {
        let handle = try openHandle()
        let parameters: [PostgresParameter]
        do {
            parameters = try values.map { try $0.postgresParameter() }
        } catch let error as PostgresError {
            throw PostgresError(sqlState: error.sqlState, message: error.message, detail: error.detail, sql: sql)
        }
        let name = try preparedStatementName(for: sql, parameterTypes: parameters.map(\.typeOID), on: handle)
        let result = ParameterBuffer(parameters).withPointers { values, lengths, formats in
            name.withCString { pq.execPrepared(handle, $0, Int32(parameters.count), values, lengths, formats, 0) }
        }
        do {
            try check(result, sql: sql)
        } catch {
            pq.clear(result)
            throw error
        }
        // check() has thrown for a nil result.
        return PostgresResult(handle: result!, pq: pq, sql: sql)
    }

    private func preparedStatementName(for sql: String, parameterTypes: [UInt32], on handle: OpaquePointer) throws -> String {
        let key = PreparedStatementCache.Key(sql: sql, parameterTypes: parameterTypes)
        if let name = statementCache.name(for: key) { return name }
        let name = statementCache.newName()
        let result = parameterTypes.withUnsafeBufferPointer { types in
            pq.prepare(handle, name, sql, Int32(types.count), types.baseAddress)
        }
        defer { pq.clear(result) }
        try check(result, sql: sql)
        if let evicted = statementCache.insert(key, name: name) {
            // Best effort: in a failed transaction the server refuses this too,
            // and the statement then lives until the session ends.
            pq.clear(pq.exec(handle, "DEALLOCATE \(evicted)"))
        }
        return name
    }

    /// Throws the error a failed result describes.
    private func check(_ result: OpaquePointer?, sql: String) throws {
        let status = result.map { pq.resultStatus($0) } ?? LibPQ.fatalError
        switch status {
        case LibPQ.commandOK, LibPQ.tuplesOK, LibPQ.emptyQuery:
            return
        default:
            throw error(from: result, sql: sql)
        }
    }

    private func error(from result: OpaquePointer?, sql: String) -> PostgresError {
        if let result, let state = pq.resultErrorField(result, LibPQ.fieldSQLState) {
            let message = pq.resultErrorField(result, LibPQ.fieldMessage).map { String(cString: $0) }
                ?? oneLine(pq.resultErrorMessage(result))
            let detail = pq.resultErrorField(result, LibPQ.fieldDetail).map { String(cString: $0) }
            return PostgresError(sqlState: String(cString: state), message: scrub(message), detail: detail.map(scrub), sql: sql)
        }
        // No SQLSTATE: libpq itself failed, most often because the
        // connection is gone (server restarted, network lost).
        let lost = connection.map { pq.status($0) != LibPQ.connectionOK } ?? true
        let message = connection.map { oneLine(pq.errorMessage($0)) } ?? "the connection is closed"
        return PostgresError(
            sqlState: lost ? "08006" : nil,
            message: scrub(lost ? "lost the connection to \(redactedURL): \(message)" : message),
            sql: sql)
    }

    private func scrub(_ message: String) -> String {
        passwords.reduce(message) { $0.replacing($1, with: "***") }
    }
}

/// libpq's messages end in a newline and may span lines ("connection to
/// server ... failed: ...\n\tIs the server running ...?"); errors here are one line.
func oneLine(_ message: UnsafeMutablePointer<CChar>?) -> String {
    guard let message else { return "unknown error" }
    return String(cString: message)
        .split(whereSeparator: \.isNewline)
        .map { $0.trimmingPrefix(while: \.isWhitespace) }
        .filter { !$0.isEmpty }
        .joined(separator: " ")
}
