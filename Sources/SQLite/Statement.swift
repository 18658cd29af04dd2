import CSQLite

/// A prepared statement: compile once, bind, step, reset, reuse.
///
/// The statement owns its `sqlite3_stmt` and finalizes it in `deinit`, so
/// none can leak. Parameters are numbered from 1 (as in SQLite) or named
/// (`:name`, `@name`, `$name`); result columns are numbered from 0.
///
/// Like its `Database`, a statement belongs to one thread at a time.
public final class Statement {
    /// The compiled statement; internal so that bind conformances can reach it.
    let handle: OpaquePointer
    /// The connection, for error messages. SQLite keeps a connection closed with
    /// `sqlite3_close_v2` alive until its last statement is finalized, so this
    /// stays valid for the statement's whole life.
    let connection: OpaquePointer
    /// The SQL this statement was prepared from.
    public let sql: String
    private var columnIndexes: [String: Int32]?

    init(connection: OpaquePointer, sql: String) throws {
        var statement: OpaquePointer?
        var tail: UnsafePointer<CChar>?
        let code = sql.withCString { sqlite3_prepare_v2(connection, $0, -1, &statement, &tail) }
        guard code == SQLITE_OK else {
            throw SQLiteError.from(code, connection: connection, sql: sql)
        }
        guard let statement else {
            throw SQLiteError.misuse("no SQL statement to prepare (empty or only comments)", sql: sql)
        }
        if let tail, tail.pointee != 0, !String(cString: tail).allSatisfy(\.isWhitespace) {
            sqlite3_finalize(statement)
            throw SQLiteError.misuse(SQLiteError.multipleStatementsMessage, sql: sql)
        }
        self.handle = statement
        self.connection = connection
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// True when the statement cannot change the database file (SELECT,
    /// read pragmas); false for writes, pragma writes and VACUUM.
    public var isReadOnly: Bool { sqlite3_stmt_readonly(handle) != 0 }

    // MARK: Binding

    /// The number of parameters in the SQL.
    public var parameterCount: Int { Int(sqlite3_bind_parameter_count(handle)) }

    /// Binds `value` to the parameter at `index`, counting from 1.
    public func bind(_ value: some SQLiteBindable, at index: Int) throws {
        guard index >= 1, index <= parameterCount else {
            throw SQLiteError.misuse("parameter index \(index) is out of range 1...\(parameterCount)", sql: sql)
        }
        try value.bind(to: self, at: Int32(index))
    }

    /// Binds `value` to a named parameter; the prefix (`:`, `@` or `$`) may be omitted.
    public func bind(_ value: some SQLiteBindable, named name: String) throws {
        try value.bind(to: self, at: try parameterIndex(named: name))
    }

    /// Clears old bindings and binds `values` to parameters 1, 2, ... in order.
    /// The count must match the SQL's parameters exactly.
    public func bind(_ values: [any SQLiteBindable]) throws {
        guard values.count == parameterCount else {
            throw SQLiteError.misuse("\(values.count) values given for \(parameterCount) parameters", sql: sql)
        }
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            try value.bind(to: self, at: Int32(offset + 1))
        }
    }

    /// Sets every parameter back to NULL.
    public func clearBindings() {
        sqlite3_clear_bindings(handle)
    }

    func parameterIndex(named name: String) throws -> Int32 {
        let candidates = name.first.map { ":@$".contains($0) } == true ? [name] : [":" + name, "@" + name, "$" + name]
        for candidate in candidates {
            let index = candidate.withCString { sqlite3_bind_parameter_index(handle, $0) }
            if index > 0 { return index }
        }
        throw SQLiteError.misuse("no parameter named '\(name)'", sql: sql)
    }

    // MARK: Stepping

    /// Advances to the next row: true when a row is ready to read, false when done.
    /// After an error the statement is reset, so it can be used again.
    @discardableResult
    public func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW:
            return true
        case SQLITE_DONE:
            return false
        case let code:
            sqlite3_reset(handle)
            throw SQLiteError.from(code, connection: connection, sql: sql)
        }
    }

    /// Runs the statement to completion, ignoring any rows, then resets it.
    public func execute() throws {
        defer { sqlite3_reset(handle) }
        while try step() {}
    }

    /// Runs the statement and maps every row; resets it afterwards.
    public func rows<T>(_ map: (Statement) throws -> T) throws -> [T] {
        defer { sqlite3_reset(handle) }
        var rows: [T] = []
        while try step() {
            rows.append(try map(self))
        }
        return rows
    }

    /// Runs the statement and maps the first row, if any; resets it afterwards.
    public func firstRow<T>(_ map: (Statement) throws -> T) throws -> T? {
        defer { sqlite3_reset(handle) }
        return try step() ? try map(self) : nil
    }

    /// Rewinds the statement so it can run again; bindings are kept.
    public func reset() {
        // sqlite3_reset repeats the last step's error, which step() already threw.
        sqlite3_reset(handle)
    }

    // MARK: Reading columns

    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    public func columnName(at index: Int) -> String {
        String(cString: sqlite3_column_name(handle, Int32(index)))
    }

    public var columnNames: [String] { (0..<columnCount).map(columnName(at:)) }

    /// Reads column `index` (from 0) of the current row as `T`.
    public func column<T: SQLiteColumnReadable>(_ index: Int, as type: T.Type = T.self) throws -> T {
        guard index >= 0, index < columnCount else {
            throw SQLiteError.misuse("column index \(index) is out of range 0..<\(columnCount)", sql: sql)
        }
        return try T.read(from: self, at: Int32(index))
    }

    /// Reads the column called `name` of the current row as `T`.
    public func column<T: SQLiteColumnReadable>(_ name: String, as type: T.Type = T.self) throws -> T {
        try T.read(from: self, at: try columnIndex(named: name))
    }

    /// The current row's column as SQLite stores it.
    public func value(at index: Int32) -> SQLiteValue {
        // One column call (see TypedColumnReads.swift), then cheap value reads.
        let value = sqlite3_column_value(handle, index)
        return switch sqlite3_value_type(value) {
        case SQLITE_INTEGER: .integer(sqlite3_value_int64(value))
        case SQLITE_FLOAT: .real(sqlite3_value_double(value))
        case SQLITE_TEXT: .text(text(at: index))
        case SQLITE_BLOB: .blob(bytes(at: index))
        default: .null
        }
    }

    public func isNull(at index: Int) -> Bool {
        sqlite3_column_type(handle, Int32(index)) == SQLITE_NULL
    }

    func columnIndex(named name: String) throws -> Int32 {
        if columnIndexes == nil {
            var indexes: [String: Int32] = [:]
            for index in 0..<Int32(columnCount) where indexes[columnName(at: Int(index))] == nil {
                indexes[columnName(at: Int(index))] = index
            }
            columnIndexes = indexes
        }
        guard let index = columnIndexes?[name] else {
            throw SQLiteError.misuse("no column named '\(name)' in the result", sql: sql)
        }
        return index
    }

    func text(at index: Int32) -> String {
        guard let pointer = sqlite3_column_text(handle, index) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, index))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    func bytes(at index: Int32) -> [UInt8] {
        // Ask for the pointer first: sqlite3_column_bytes is only valid after it.
        guard let pointer = sqlite3_column_blob(handle, index) else { return [] }
        let count = Int(sqlite3_column_bytes(handle, index))
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    func typeMismatch(at index: Int32, expected: String) -> SQLiteError {
        let found = switch sqlite3_column_type(handle, index) {
        case SQLITE_NULL: "NULL (read it as an Optional)"
        case SQLITE_INTEGER: "an integer"
        case SQLITE_FLOAT: "a real"
        case SQLITE_TEXT: "text"
        default: "a blob"
        }
        return .mismatch("column '\(columnName(at: Int(index)))' holds \(found), not \(expected)", sql: sql)
    }

    /// Turns a non-OK result code of a call on this statement into an error.
    func check(_ code: Int32) throws {
        guard code == SQLITE_OK else {
            throw SQLiteError.from(code, connection: connection, sql: sql)
        }
    }
}
