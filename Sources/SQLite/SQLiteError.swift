import CSQLite

/// The one error the SQLite layer throws.
///
/// It carries what is needed to understand a failure without a debugger:
/// SQLite's extended result code (the primary code is its low byte),
/// SQLite's own message, and the SQL that failed. Bound values never appear
/// in the text, so errors can be logged without leaking data.
///
///     SQLite error 19: UNIQUE constraint failed: runs.name - while executing `INSERT INTO runs ...`
public struct SQLiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The extended result code, e.g. 2067 (SQLITE_CONSTRAINT_UNIQUE).
    public let extendedCode: Int32
    /// SQLite's message (from sqlite3_errmsg), or ours for misuse we detect.
    public let message: String
    /// The SQL being prepared or executed when the error happened.
    public let sql: String?

    public init(extendedCode: Int32, message: String, sql: String? = nil) {
        self.extendedCode = extendedCode
        self.message = message
        self.sql = sql
    }

    /// The primary result code, e.g. 19 (SQLITE_CONSTRAINT).
    public var code: Int32 { extendedCode & 0xFF }

    public var isConstraintViolation: Bool { code == SQLITE_CONSTRAINT }
    public var isUniqueViolation: Bool { extendedCode == Self.constraintUnique || extendedCode == Self.constraintPrimaryKey }
    public var isForeignKeyViolation: Bool { extendedCode == Self.constraintForeignKey }
    public var isCheckViolation: Bool { extendedCode == Self.constraintCheck }
    public var isNotNullViolation: Bool { extendedCode == Self.constraintNotNull }
    /// Another connection holds the lock we need (SQLITE_BUSY or SQLITE_LOCKED).
    public var isBusy: Bool { code == SQLITE_BUSY || code == SQLITE_LOCKED }
    /// A write was attempted through a read-only connection or file.
    public var isReadOnly: Bool { code == SQLITE_READONLY }
    /// A progress handler (or sqlite3_interrupt) stopped the statement.
    public var isInterrupted: Bool { code == SQLITE_INTERRUPT }
    /// SQLite could not allocate memory, e.g. past `Database.limitHeap`.
    public var isOutOfMemory: Bool { code == SQLITE_NOMEM }
    /// A statement a reading connection refused (see `Database.prepareForReading`).
    public var isRefusedForReading: Bool { code == SQLITE_AUTH && message == Self.refusedForReadingMessage }

    static let refusedForReadingMessage = "this connection only reads; the statement would change the database or reach a file"
    static func refusedForReading(sql: String) -> SQLiteError {
        SQLiteError(extendedCode: SQLITE_AUTH, message: refusedForReadingMessage, sql: sql)
    }
    /// The text handed to `prepare` holds more than one statement.
    public var isMultipleStatements: Bool { code == SQLITE_MISUSE && message == Self.multipleStatementsMessage }

    static let multipleStatementsMessage = "prepare takes one statement; use Database.execute(_:) for scripts"

    public var description: String {
        var text = "SQLite error \(code): \(message)"
        if let sql { text += " - while executing `\(sql)`" }
        return text
    }

    // Extended codes are C macros built with shifts, which Swift does not
    // import: SQLITE_CONSTRAINT | (n << 8), from sqlite3.h.
    static let constraintCheck = SQLITE_CONSTRAINT | (1 << 8)
    static let constraintForeignKey = SQLITE_CONSTRAINT | (3 << 8)
    static let constraintNotNull = SQLITE_CONSTRAINT | (5 << 8)
    static let constraintPrimaryKey = SQLITE_CONSTRAINT | (6 << 8)
    static let constraintUnique = SQLITE_CONSTRAINT | (8 << 8)

    /// Builds the error for a failed call on `connection`, reading SQLite's message.
    static func from(_ resultCode: Int32, connection: OpaquePointer?, sql: String?) -> SQLiteError {
        let extended = connection.map { sqlite3_extended_errcode($0) } ?? resultCode
        // sqlite3_extended_errcode reports the most recent failure on the
        // connection; fall back to the code we were given when they disagree.
        let code = (extended & 0xFF) == (resultCode & 0xFF) ? extended : resultCode
        let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            ?? String(cString: sqlite3_errstr(resultCode))
        return SQLiteError(extendedCode: code, message: message, sql: sql)
    }

    /// A misuse we detect ourselves, before SQLite sees it.
    static func misuse(_ message: String, sql: String? = nil) -> SQLiteError {
        SQLiteError(extendedCode: SQLITE_MISUSE, message: message, sql: sql)
    }

    /// A value that cannot be read as the requested type.
    static func mismatch(_ message: String, sql: String?) -> SQLiteError {
        SQLiteError(extendedCode: SQLITE_MISMATCH, message: message, sql: sql)
    }
}
