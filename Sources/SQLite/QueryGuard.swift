import CSQLite

/// Limits for running SQL that somebody typed: what it may touch, how long
/// it may run and how much memory it may take.
extension Database {
    /// Makes this connection unable to change anything or reach a file, for
    /// SQL from a user that must only read. On top of opening read-only
    /// (which already refuses writes to the database), an authorizer refuses
    /// at prepare time:
    /// - ATTACH and DETACH (attaching a new path creates that file);
    /// - every statement that would write, create or drop anything, temporary
    ///   objects included;
    /// - pragmas that set something (a pragma with an argument), except the
    ///   ones that only read about a named table or index;
    /// - functions that reach files or load code (load_extension, and the
    ///   shell's readfile/writefile/edit should a build provide them).
    /// VACUUM has no authorizer action: `prepareForReading` refuses it (and
    /// VACUUM INTO) because `Statement.isReadOnly` is false for it.
    /// Defensive mode is switched on as well.
    public func restrictToReading() throws {
        let handle = try openHandle()
        guard csqlite_enable_defensive(handle) == SQLITE_OK else {
            throw SQLiteError.from(sqlite3_errcode(handle), connection: handle, sql: nil)
        }
        let log = AuthorizerLog()
        authorizerLog = log
        sqlite3_set_authorizer(handle, { context, action, first, second, _, _ in
            let verdict = Database.readingAuthorizer(
                action: action, first: first.map { String(cString: $0) }, second: second.map { String(cString: $0) })
            if let context {
                let log = Unmanaged<AuthorizerLog>.fromOpaque(context).takeUnretainedValue()
                if action == SQLITE_PRAGMA { log.sawPragma = true }
                if verdict == SQLITE_DENY { log.denied = true }
            }
            return verdict
        }, Unmanaged.passUnretained(log).toOpaque())
    }

    /// True when the reading authorizer refused something since the last
    /// `prepareForReading`: functions are checked as the statement runs, so
    /// a step's "not authorized" error is told apart by this.
    public var readingAuthorizerRefused: Bool { authorizerLog?.denied ?? false }

    /// Compiles one statement on a connection `restrictToReading` has
    /// guarded, refusing (`SQLiteError.isRefusedForReading`) one that would
    /// change the database or reach a file. Pragmas are judged by the
    /// authorizer alone: SQLite calls even `PRAGMA journal_mode` (a read)
    /// not read-only.
    public func prepareForReading(_ sql: String) throws -> Statement {
        guard let log = authorizerLog else {
            throw SQLiteError.misuse("prepareForReading needs restrictToReading() first", sql: sql)
        }
        log.sawPragma = false
        log.denied = false
        let statement: Statement
        do {
            statement = try prepare(sql)
        } catch let error as SQLiteError where log.denied {
            throw SQLiteError.refusedForReading(sql: error.sql ?? sql)
        }
        guard log.sawPragma || statement.isReadOnly else { throw SQLiteError.refusedForReading(sql: sql) }
        return statement
    }

    /// Pragmas that take an argument only to say what to read about.
    static let readingPragmasWithArgument: Set<String> = [
        "table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo",
        "foreign_key_list", "foreign_key_check", "integrity_check", "quick_check", "function_list",
        "pragma_list", "collation_list", "module_list", "database_list", "compile_options",
    ]

    /// Functions that reach files or load code.
    static let forbiddenFunctions: Set<String> = ["load_extension", "readfile", "writefile", "edit", "fts3_tokenizer"]

    static func readingAuthorizer(action: Int32, first: String?, second: String?) -> Int32 {
        switch action {
        case SQLITE_READ, SQLITE_SELECT, SQLITE_TRANSACTION, SQLITE_SAVEPOINT, SQLITE_RECURSIVE:
            return SQLITE_OK
        case SQLITE_FUNCTION:
            // For functions SQLite passes the name second.
            return forbiddenFunctions.contains(second?.lowercased() ?? "") ? SQLITE_DENY : SQLITE_OK
        case SQLITE_PRAGMA:
            // `first` is the pragma's name, `second` its argument: none
            // reads, one sets, except for the pragmas that read about a name.
            guard second != nil else { return SQLITE_OK }
            return readingPragmasWithArgument.contains(first?.lowercased() ?? "") ? SQLITE_OK : SQLITE_DENY
        default:
            return SQLITE_DENY
        }
    }

    /// Calls `shouldStop` every `instructions` virtual-machine steps of any
    /// statement on this connection; when it returns true the statement ends
    /// with SQLITE_INTERRUPT (`SQLiteError.isInterrupted`). Replaces any
    /// handler set before; `nil` removes it.
    public func setProgressHandler(every instructions: Int32 = 10_000, _ shouldStop: (@Sendable () -> Bool)?) throws {
        let handle = try openHandle()
        progressHandler = shouldStop.map(ProgressHandler.init)
        guard let progressHandler else {
            sqlite3_progress_handler(handle, 0, nil, nil)
            return
        }
        sqlite3_progress_handler(handle, instructions, { context in
            guard let context else { return 0 }
            return Unmanaged<ProgressHandler>.fromOpaque(context).takeUnretainedValue().shouldStop() ? 1 : 0
        }, Unmanaged.passUnretained(progressHandler).toOpaque())
    }

    /// Caps the memory SQLite may allocate in this process, for every
    /// connection; an allocation beyond it fails with SQLITE_NOMEM
    /// (`SQLiteError.isOutOfMemory`) instead of growing until the system
    /// kills the process. Returns the previous limit (0: none).
    @discardableResult
    public static func limitHeap(toBytes bytes: Int64) -> Int64 {
        sqlite3_hard_heap_limit64(bytes)
    }
}

/// What the reading authorizer saw while a statement was prepared.
final class AuthorizerLog {
    var sawPragma = false
    var denied = false
}

/// The closure a progress handler calls, kept alive by its connection.
final class ProgressHandler {
    let shouldStop: @Sendable () -> Bool
    init(_ shouldStop: @escaping @Sendable () -> Bool) { self.shouldStop = shouldStop }
}
