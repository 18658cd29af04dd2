import CSQLite

/// Non-generic column reads for loops over many rows.
///
/// `column(_:as:)` is generic, and a generic call into another module is not
/// specialized: it pays a metadata lookup per value, which dominated reading
/// ten thousand runs. These make one `sqlite3_column_value` call and read its
/// type and value (each `sqlite3_column_*` call costs about as much as the
/// VDBE spends producing the value). SQLite calls that value unprotected:
/// reading it is safe because a connection, and so its statements, belong to
/// one thread at a time. Anything but the expected type (a real holding an
/// exact integer, a type mismatch, an index out of range) takes the generic
/// path with its checks and errors, so these are exactly as strict as
/// `column(_:as:)`.
extension Statement {
    public func int64(at index: Int32) throws -> Int64 {
        let value = sqlite3_column_value(handle, index)
        guard sqlite3_value_type(value) == SQLITE_INTEGER else { return try column(Int(index), as: Int64.self) }
        return sqlite3_value_int64(value)
    }

    public func optionalInt64(at index: Int32) throws -> Int64? {
        let value = sqlite3_column_value(handle, index)
        switch sqlite3_value_type(value) {
        case SQLITE_INTEGER: return sqlite3_value_int64(value)
        case SQLITE_NULL where index >= 0 && index < sqlite3_column_count(handle): return nil
        default: return try column(Int(index), as: Int64?.self)
        }
    }

    public func double(at index: Int32) throws -> Double {
        let value = sqlite3_column_value(handle, index)
        guard sqlite3_value_type(value) == SQLITE_FLOAT else { return try column(Int(index), as: Double.self) }
        return sqlite3_value_double(value)
    }

    public func optionalDouble(at index: Int32) throws -> Double? {
        let value = sqlite3_column_value(handle, index)
        switch sqlite3_value_type(value) {
        case SQLITE_FLOAT: return sqlite3_value_double(value)
        case SQLITE_NULL where index >= 0 && index < sqlite3_column_count(handle): return nil
        default: return try column(Int(index), as: Double?.self)
        }
    }

    public func string(at index: Int32) throws -> String {
        let value = sqlite3_column_value(handle, index)
        guard sqlite3_value_type(value) == SQLITE_TEXT else { return try column(Int(index), as: String.self) }
        return Self.text(of: value)
    }

    public func optionalString(at index: Int32) throws -> String? {
        let value = sqlite3_column_value(handle, index)
        switch sqlite3_value_type(value) {
        case SQLITE_TEXT: return Self.text(of: value)
        case SQLITE_NULL where index >= 0 && index < sqlite3_column_count(handle): return nil
        default: return try column(Int(index), as: String?.self)
        }
    }

    private static func text(of value: OpaquePointer?) -> String {
        // The pointer first: sqlite3_value_bytes is only right after it.
        guard let pointer = sqlite3_value_text(value) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: Int(sqlite3_value_bytes(value))), as: UTF8.self)
    }
}
