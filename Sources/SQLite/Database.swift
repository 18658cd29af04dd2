import CSQLite
import Dispatch
import Glibc

/// One connection to an SQLite database.
///
/// Concurrency: a connection belongs to one thread at a time. It is opened in
/// SQLite's multi-thread mode (no per-call mutex) and is deliberately not
/// `Sendable`, so Swift 6 rejects code that shares it across threads or tasks.
/// Work that runs concurrently opens one connection per thread; WAL mode lets
/// those connections read while another writes.
///
/// On open: foreign keys are enforced, a busy timeout makes a connection wait
/// for another's lock instead of failing at once, and a file database is put
/// in WAL mode with synchronous=NORMAL (a commit survives a process crash; a
/// power loss may lose the last commits, never corrupt the file).
public final class Database {
    public enum OpenMode: Sendable {
        /// Read only: every write fails with a read-only error.
        case readOnly
        /// Read and write an existing file.
        case readWrite
        /// Read and write, creating the file when it does not exist.
        case readWriteCreate
    }

    /// How long a connection waits for another's lock before failing with SQLITE_BUSY.
    public static let defaultBusyTimeoutMilliseconds: Int32 = 10_000

    public let path: String
    public let mode: OpenMode
    private var connection: OpaquePointer?
    private var statementCache: StatementCache
    /// The progress handler's closure, alive as long as SQLite may call it.
    var progressHandler: ProgressHandler?
    /// Set by `restrictToReading`; read by `prepareForReading`.
    var authorizerLog: AuthorizerLog?

    /// Opens the database at `path`; `":memory:"` opens a private in-memory database.
    public init(
        path: String,
        mode: OpenMode = .readWriteCreate,
        busyTimeoutMilliseconds: Int32 = Database.defaultBusyTimeoutMilliseconds
    ) throws {
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        switch mode {
        case .readOnly: flags |= SQLITE_OPEN_READONLY
        case .readWrite: flags |= SQLITE_OPEN_READWRITE
        case .readWriteCreate: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        }
        var handle: OpaquePointer?
        let code = path.withCString { sqlite3_open_v2($0, &handle, flags, nil) }
        guard code == SQLITE_OK, let handle else {
            // A failed open may still allocate a handle, which must be closed.
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_close_v2(handle)
            throw SQLiteError(extendedCode: code, message: "\(message): \(path)")
        }
        self.connection = handle
        self.path = path
        self.mode = mode
        self.statementCache = StatementCache(capacity: 64)
        do {
            try configure(busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        } catch {
            close()
            throw error
        }
    }

    /// A private database that lives in memory and vanishes on close.
    public static func inMemory() throws -> Database {
        try Database(path: ":memory:")
    }

    deinit {
        close()
    }

    private func configure(busyTimeoutMilliseconds: Int32) throws {
        let handle = try openHandle()
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
        try execute("PRAGMA foreign_keys = ON")
        guard isFileDatabase, mode != .readOnly else { return }
        let journalMode = try switchToWAL(busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        guard journalMode?.lowercased() == "wal" else {
            throw SQLiteError.misuse(
                "could not switch \(path) to WAL mode (SQLite answered '\(journalMode ?? "nothing")'); use a local file system")
        }
        try execute("PRAGMA synchronous = NORMAL")
    }

    /// Asks for WAL mode and returns SQLite's answer. The WAL mode is stored in
    /// the file, so once any connection has switched it there is nothing to
    /// do. Switching takes an exclusive lock, and SQLite answers SQLITE_BUSY
    /// at once (without calling the busy handler) when several processes open
    /// a new file together; so retry, within the busy timeout.
    private func switchToWAL(busyTimeoutMilliseconds: Int32) throws -> String? {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(max(busyTimeoutMilliseconds, 0)) * 1_000_000
        var pause: UInt32 = 1_000
        while true {
            do {
                if let current: String = try scalar("PRAGMA journal_mode"), current.lowercased() == "wal" { return current }
                return try scalar("PRAGMA journal_mode = WAL")
            } catch let error as SQLiteError where error.isBusy && DispatchTime.now().uptimeNanoseconds < deadline {
                usleep(pause)
                pause = min(pause * 2, 50_000)
            }
        }
    }

    /// Finalizes the cached statements and closes the connection. Statements
    /// still held elsewhere keep SQLite's connection alive until they are
    /// released; this object refuses further use. Safe to call twice.
    public func close() {
        statementCache.removeAll()
        if let connection {
            sqlite3_close_v2(connection)
        }
        connection = nil
    }

    public var isClosed: Bool { connection == nil }

    /// False for ":memory:" and temporary databases.
    public var isFileDatabase: Bool {
        guard let connection, let file = sqlite3_db_filename(connection, "main") else { return false }
        return file.pointee != 0
    }

    func openHandle() throws -> OpaquePointer {
        guard let connection else { throw SQLiteError.misuse("the database \(path) is closed") }
        return connection
    }

    // MARK: Statements

    /// Compiles one SQL statement.
    public func prepare(_ sql: String) throws -> Statement {
        try Statement(connection: try openHandle(), sql: sql)
    }

    /// A prepared statement for hot SQL, compiled once and kept, reset with
    /// bindings cleared. Do not ask for the same SQL again while still stepping
    /// through the statement: both uses share it.
    public func cachedStatement(_ sql: String) throws -> Statement {
        if let statement = statementCache[sql] {
            statement.reset()
            statement.clearBindings()
            return statement
        }
        let statement = try prepare(sql)
        statementCache[sql] = statement
        return statement
    }

    /// Runs a script of zero or more statements separated by semicolons. The
    /// error of a failing statement carries that statement's SQL.
    public func execute(_ script: String) throws {
        let handle = try openHandle()
        try script.withCString { start in
            var next: UnsafePointer<CChar>? = start
            while let current = next, current.pointee != 0 {
                var statement: OpaquePointer?
                var tail: UnsafePointer<CChar>?
                let code = sqlite3_prepare_v2(handle, current, -1, &statement, &tail)
                let sqlText = tail.map { String(decoding: UnsafeRawBufferPointer(start: current, count: current.distance(to: $0)), as: UTF8.self) }
                guard code == SQLITE_OK else {
                    throw SQLiteError.from(code, connection: handle, sql: sqlText?.trimmed ?? String(cString: current))
                }
                next = tail
                guard let statement else { continue }  // whitespace or a comment
                defer { sqlite3_finalize(statement) }
                var stepCode = sqlite3_step(statement)
                while stepCode == SQLITE_ROW { stepCode = sqlite3_step(statement) }
                guard stepCode == SQLITE_DONE else {
                    throw SQLiteError.from(stepCode, connection: handle, sql: sqlText?.trimmed)
                }
            }
        }
    }

    /// Runs one statement with its parameters bound in order.
    public func execute(_ sql: String, _ values: any SQLiteBindable...) throws {
        let statement = try cachedStatement(sql)
        try statement.bind(values)
        try statement.execute()
    }

    /// The first column of the first row, or nil when there is no row.
    public func scalar<T: SQLiteColumnReadable>(_ sql: String, _ values: any SQLiteBindable..., as type: T.Type = T.self) throws -> T? {
        let statement = try cachedStatement(sql)
        try statement.bind(values)
        return try statement.firstRow { try $0.column(0, as: T.self) }
    }

    /// Every row, mapped.
    public func rows<T>(_ sql: String, _ values: any SQLiteBindable..., map: (Statement) throws -> T) throws -> [T] {
        let statement = try prepare(sql)
        try statement.bind(values)
        return try statement.rows(map)
    }

    // MARK: Connection state

    /// The rowid of the most recent successful INSERT on this connection.
    public var lastInsertRowID: Int64 {
        connection.map { sqlite3_last_insert_rowid($0) } ?? 0
    }

    /// Rows changed by the most recent INSERT, UPDATE or DELETE.
    public var changes: Int {
        connection.map { Int(sqlite3_changes64($0)) } ?? 0
    }

    /// Rows changed since the connection opened.
    public var totalChanges: Int {
        connection.map { Int(sqlite3_total_changes64($0)) } ?? 0
    }

    /// True while a transaction is open (autocommit is off).
    public var isInTransaction: Bool {
        connection.map { sqlite3_get_autocommit($0) == 0 } ?? false
    }

    /// True when the connection cannot write (opened read-only, or the file is).
    public var isReadOnly: Bool {
        connection.map { sqlite3_db_readonly($0, "main") == 1 } ?? true
    }
}

extension String {
    var trimmed: String {
        var slice = self[...]
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace || last == ";" { slice.removeLast() }
        return String(slice)
    }
}
