import CSQLite

/// A Swift type that can be read from a result column.
///
/// Reading is strict where SQLite is lenient: SQLite would turn NULL or the
/// text "abc" into 0 when asked for an integer; here that is an error naming
/// the column, and NULL is readable only as an Optional.
public protocol SQLiteColumnReadable {
    static func read(from statement: Statement, at index: Int32) throws -> Self
}

extension Int64: SQLiteColumnReadable {
    public static func read(from statement: Statement, at index: Int32) throws -> Int64 {
        switch sqlite3_column_type(statement.handle, index) {
        case SQLITE_INTEGER:
            return sqlite3_column_int64(statement.handle, index)
        case SQLITE_FLOAT:
            let real = sqlite3_column_double(statement.handle, index)
            guard let exact = Int64(exactly: real) else {
                throw statement.typeMismatch(at: index, expected: "an integer")
            }
            return exact
        default:
            throw statement.typeMismatch(at: index, expected: "an integer")
        }
    }
}

extension Int: SQLiteColumnReadable {
    public static func read(from statement: Statement, at index: Int32) throws -> Int {
        Int(try Int64.read(from: statement, at: index))
    }
}

extension Bool: SQLiteColumnReadable {
    public static func read(from statement: Statement, at index: Int32) throws -> Bool {
        try Int64.read(from: statement, at: index) != 0
    }
}

extension Double: SQLiteColumnReadable {
    public static func read(from statement: Statement, at index: Int32) throws -> Double {
        switch sqlite3_column_type(statement.handle, index) {
        case SQLITE_FLOAT, SQLITE_INTEGER:
            return sqlite3_column_double(statement.handle, index)
        default:
            throw statement.typeMismatch(at: index, expected: "a number")
        }
    }
}

extension String: SQLiteColumnReadable {
    public static func read(from statement: Statement, at index: Int32) throws -> String {
        switch sqlite3_column_type(statement.handle, index) {
        case SQLITE_NULL, SQLITE_BLOB:
            throw statement.typeMismatch(at: index, expected: "text")
        default:
            // Numbers read as text are SQLite's own rendering of them.
            return statement.text(at: index)
        }
    }
}

extension Array: SQLiteColumnReadable where Element == UInt8 {
    public static func read(from statement: Statement, at index: Int32) throws -> [UInt8] {
        switch sqlite3_column_type(statement.handle, index) {
        case SQLITE_BLOB, SQLITE_TEXT:
            return statement.bytes(at: index)
        default:
            throw statement.typeMismatch(at: index, expected: "bytes")
        }
    }
}

extension SQLiteValue: SQLiteColumnReadable {
    public static func read(from statement: Statement, at index: Int32) throws -> SQLiteValue {
        statement.value(at: index)
    }
}

extension Optional: SQLiteColumnReadable where Wrapped: SQLiteColumnReadable {
    public static func read(from statement: Statement, at index: Int32) throws -> Wrapped? {
        if sqlite3_column_type(statement.handle, index) == SQLITE_NULL { return nil }
        return try Wrapped.read(from: statement, at: index)
    }
}
