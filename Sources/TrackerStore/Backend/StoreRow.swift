import Foundation
import PostgreSQL
import SQLite

/// One row of a result, from either backend, read by column index.
public struct StoreRow {
    enum Source {
        case sqlite(Statement)
        case postgres(PostgresRow)
    }

    let source: Source

    public func column<T: StoreColumnReadable>(_ index: Int, as type: T.Type = T.self) throws -> T {
        switch source {
        case .sqlite(let statement): try statement.column(index, as: T.self)
        case .postgres(let row): try T.read(from: row, at: index)
        }
    }

    public func column<T: StoreColumnReadable>(_ name: String, as type: T.Type = T.self) throws -> T {
        switch source {
        case .sqlite(let statement): try statement.column(name, as: T.self)
        case .postgres(let row): try T.read(from: row, at: try row.result.columnIndex(named: name))
        }
    }

    // The non-generic reads of loops over many rows (see SQLite's TypedColumnReads).
    public func int64(at index: Int32) throws -> Int64 {
        if case .sqlite(let statement) = source { return try statement.int64(at: index) }
        return try column(Int(index))
    }

    public func optionalInt64(at index: Int32) throws -> Int64? {
        if case .sqlite(let statement) = source { return try statement.optionalInt64(at: index) }
        return try column(Int(index))
    }

    public func double(at index: Int32) throws -> Double {
        if case .sqlite(let statement) = source { return try statement.double(at: index) }
        return try column(Int(index))
    }

    public func optionalDouble(at index: Int32) throws -> Double? {
        if case .sqlite(let statement) = source { return try statement.optionalDouble(at: index) }
        return try column(Int(index))
    }

    public func string(at index: Int32) throws -> String {
        if case .sqlite(let statement) = source { return try statement.string(at: index) }
        return try column(Int(index))
    }

    public func optionalString(at index: Int32) throws -> String? {
        if case .sqlite(let statement) = source { return try statement.optionalString(at: index) }
        return try column(Int(index))
    }

    public func isNull(at index: Int) -> Bool {
        switch source {
        case .sqlite(let statement): statement.isNull(at: index)
        case .postgres(let row): row.isNull(index)
        }
    }

    public var columnCount: Int {
        switch source {
        case .sqlite(let statement): statement.columnCount
        case .postgres(let row): row.result.columnCount
        }
    }

    public func columnName(at index: Int) -> String {
        switch source {
        case .sqlite(let statement): statement.columnName(at: index)
        case .postgres(let row): row.result.columnName(at: index)
        }
    }

    /// The value with SQLite's storage classes. On PostgreSQL, integers,
    /// floats, bytea and text map to theirs, and a jsonb scalar (a param's
    /// value) to what SQLite stores for it: a number keeps integer or real
    /// by its spelling, a JSON string is its text, true and false are 1 and 0.
    public func value(at index: Int) throws -> SQLiteValue {
        switch source {
        case .sqlite(let statement):
            return statement.value(at: Int32(index))
        case .postgres(let row):
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
