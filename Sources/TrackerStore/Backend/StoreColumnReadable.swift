import PostgreSQL
import SQLite

/// A Swift type the store reads from a result column, on either backend.
///
/// As strict as each backend's own reads; the one difference smoothed over
/// is the schema's: a Bool is stored as the integer 0 or 1 on both.
public protocol StoreColumnReadable: SQLiteColumnReadable {
    static func read(from row: PostgresRow, at column: Int) throws -> Self
}

extension StoreColumnReadable where Self: PostgresColumnReadable {
    public static func read(from row: PostgresRow, at column: Int) throws -> Self {
        try row.column(column, as: Self.self)
    }
}

extension Int64: StoreColumnReadable {}
extension Int: StoreColumnReadable {}
extension Double: StoreColumnReadable {}
extension String: StoreColumnReadable {}
extension Array: StoreColumnReadable where Element == UInt8 {}

extension Bool: StoreColumnReadable {
    public static func read(from row: PostgresRow, at column: Int) throws -> Bool {
        if row.result.columnTypeOID(at: column) == 16 { return try row.column(column, as: Bool.self) }
        return try row.column(column, as: Int64.self) != 0
    }
}

extension Optional: StoreColumnReadable where Wrapped: StoreColumnReadable {
    public static func read(from row: PostgresRow, at column: Int) throws -> Wrapped? {
        if row.isNull(column) { return nil }
        return try Wrapped.read(from: row, at: column)
    }
}
