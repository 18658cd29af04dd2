import CSQLite

/// A Swift value that can be bound to a statement parameter.
///
/// Binding is the only way values reach SQL in this package: text is never
/// built by interpolating values, so quoting bugs and injection cannot happen.
public protocol SQLiteBindable {
    func bind(to statement: Statement, at index: Int32) throws
}

extension Int64: SQLiteBindable {
    public func bind(to statement: Statement, at index: Int32) throws {
        try statement.check(sqlite3_bind_int64(statement.handle, index, self))
    }
}

extension Int: SQLiteBindable {
    public func bind(to statement: Statement, at index: Int32) throws {
        try statement.check(sqlite3_bind_int64(statement.handle, index, Int64(self)))
    }
}

extension Int32: SQLiteBindable {
    public func bind(to statement: Statement, at index: Int32) throws {
        try statement.check(sqlite3_bind_int64(statement.handle, index, Int64(self)))
    }
}

extension Bool: SQLiteBindable {
    /// SQLite has no boolean: true is 1 and false is 0, as in SQL's own comparisons.
    public func bind(to statement: Statement, at index: Int32) throws {
        try statement.check(sqlite3_bind_int64(statement.handle, index, self ? 1 : 0))
    }
}

extension Double: SQLiteBindable {
    /// Infinities round-trip. NaN is refused: SQLite would silently store it
    /// as NULL, and a metric that reads back as "missing" hides a diverged run.
    public func bind(to statement: Statement, at index: Int32) throws {
        guard !isNaN else {
            throw SQLiteError.mismatch(
                "cannot bind NaN to parameter \(index): SQLite stores NaN as NULL; check the value before writing it",
                sql: statement.sql)
        }
        try statement.check(sqlite3_bind_double(statement.handle, index, self))
    }
}

extension Float: SQLiteBindable {
    public func bind(to statement: Statement, at index: Int32) throws {
        try Double(self).bind(to: statement, at: index)
    }
}

extension String: SQLiteBindable {
    public func bind(to statement: Statement, at index: Int32) throws {
        var text = self
        let code = text.withUTF8 { utf8 in
            utf8.withMemoryRebound(to: CChar.self) { chars in
                // An empty buffer may have no address, which SQLite would read
                // as NULL; bind the empty string explicitly instead.
                guard let address = chars.baseAddress, chars.count > 0 else {
                    return sqlite3_bind_text(statement.handle, index, "", 0, nil)
                }
                return csqlite_bind_text_transient(statement.handle, index, address, Int32(chars.count))
            }
        }
        try statement.check(code)
    }
}

extension Array: SQLiteBindable where Element == UInt8 {
    /// Bytes are bound as a BLOB; an empty array is a zero-length BLOB, not NULL.
    public func bind(to statement: Statement, at index: Int32) throws {
        let code = withUnsafeBytes { bytes in
            if bytes.count == 0 {
                return sqlite3_bind_zeroblob(statement.handle, index, 0)
            }
            return csqlite_bind_blob_transient(statement.handle, index, bytes.baseAddress, Int32(bytes.count))
        }
        try statement.check(code)
    }
}

extension SQLiteValue: SQLiteBindable {
    public func bind(to statement: Statement, at index: Int32) throws {
        switch self {
        case .null: try statement.check(sqlite3_bind_null(statement.handle, index))
        case .integer(let value): try value.bind(to: statement, at: index)
        case .real(let value): try value.bind(to: statement, at: index)
        case .text(let value): try value.bind(to: statement, at: index)
        case .blob(let value): try value.bind(to: statement, at: index)
        }
    }
}

extension Optional: SQLiteBindable where Wrapped: SQLiteBindable {
    public func bind(to statement: Statement, at index: Int32) throws {
        switch self {
        case .none: try statement.check(sqlite3_bind_null(statement.handle, index))
        case .some(let value): try value.bind(to: statement, at: index)
        }
    }
}
