import Foundation
import PostgreSQL
import SQLite

/// One row of a result, from either backend, read by column index.
public struct StoreRow {
    /// One of the two is set. Two optionals rather than an enum: reading a
    /// stored reference borrows it, where taking an enum's payload apart
    /// retains and releases it, on every value of every row.
    private let sqlite: Statement?
    private let postgres: PostgresRow?

    init(sqlite statement: Statement) {
        sqlite = statement
        postgres = nil
    }

    init(postgres row: PostgresRow) {
        sqlite = nil
        postgres = row
    }

    public func column<T: StoreColumnReadable>(_ index: Int, as type: T.Type = T.self) throws -> T {
        if let sqlite { return try sqlite.column(index, as: T.self) }
        return try T.read(from: postgres!, at: index)
    }

    public func column<T: StoreColumnReadable>(_ name: String, as type: T.Type = T.self) throws -> T {
        if let sqlite { return try sqlite.column(name, as: T.self) }
        return try T.read(from: postgres!, at: try postgres!.result.columnIndex(named: name))
    }

    // The non-generic reads of loops over many rows (see SQLite's TypedColumnReads).
    public func int64(at index: Int32) throws -> Int64 {
        if let sqlite { return try sqlite.int64(at: index) }
        return try column(Int(index))
    }

    public func optionalInt64(at index: Int32) throws -> Int64? {
        if let sqlite { return try sqlite.optionalInt64(at: index) }
        return try column(Int(index))
    }

    public func double(at index: Int32) throws -> Double {
        if let sqlite { return try sqlite.double(at: index) }
        return try column(Int(index))
    }

    public func optionalDouble(at index: Int32) throws -> Double? {
        if let sqlite { return try sqlite.optionalDouble(at: index) }
        return try column(Int(index))
    }

    public func string(at index: Int32) throws -> String {
        if let sqlite { return try sqlite.string(at: index) }
        return try column(Int(index))
    }

    public func optionalString(at index: Int32) throws -> String? {
        if let sqlite { return try sqlite.optionalString(at: index) }
        return try column(Int(index))
    }

    public func isNull(at index: Int) -> Bool {
        if let sqlite { return sqlite.isNull(at: index) }
        return postgres!.isNull(index)
    }

    public var columnCount: Int {
        if let sqlite { return sqlite.columnCount }
        return postgres!.result.columnCount
    }

    /// The value with SQLite's storage classes. On PostgreSQL, integers,
    /// floats, bytea and text map to theirs, and a jsonb scalar (a param's
    /// value) to what SQLite stores for it: a number keeps integer or real
    /// by its spelling, a JSON string is its text, true and false are 1 and 0.
    public func value(at index: Int) throws -> SQLiteValue {
        if let sqlite { return sqlite.value(at: Int32(index)) }
        let row = postgres!
        if row.isNull(index) { return .null }
        switch row.result.columnTypeOID(at: index) {
        case 20, 21, 23, 26: return .integer(try row.column(index, as: Int64.self))
        case 700, 701: return .real(try row.column(index, as: Double.self))
        case 1700:
            let text = try row.column(index, as: String.self)
            if let integer = Int64(text) { return .integer(integer) }
            return .real(try row.column(index, as: Double.self))
        case 16: return .integer(try row.column(index, as: Bool.self) ? 1 : 0)
        case 17: return .blob(try row.column(index, as: [UInt8].self))
        case 114, 3802: return try Self.jsonScalar(try row.column(index, as: String.self))
        default: return .text(try row.column(index, as: String.self))
        }
    }

    static func jsonScalar(_ text: String) throws -> SQLiteValue {
        switch text {
        case "null": return .null
        case "true": return .integer(1)
        case "false": return .integer(0)
        default: break
        }
        if let integer = Int64(text) { return .integer(integer) }
        if let real = Double(text), text.first != "\"" { return .real(real) }
        if text.first == "\"",
           let string = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed) as? String {
            return .text(string)
        }
        // An array or object (written by hand in psql): shown as its JSON.
        return .text(text)
    }
}
