import Foundation
import PostgreSQL
import SQLite

/// SQLite values as PostgreSQL parameters for the same column: what a row
/// copied from one backend to the other becomes.
enum RowCopy {
    static func parameter(_ value: SQLiteValue) -> any PostgresBindable {
        switch value {
        case .null: Optional<String>.none
        case .integer(let integer): integer
        case .real(let real): real
        case .text(let text): text
        case .blob(let bytes): bytes
        }
    }

    static func sqliteParameter(_ value: SQLiteValue) -> any SQLiteBindable {
        switch value {
        case .null: Optional<String>.none
        case .integer(let integer): integer
        case .real(let real): real
        case .text(let text): text
        case .blob(let bytes): bytes
        }
    }

    /// A typed param as the jsonb `params.value` holds it: a number keeps
    /// SQLite's spelling (a REAL 0 is 0.0, an INTEGER 32 is 32), text is a JSON string.
    static func jsonParameter(_ value: SQLiteValue) throws -> any PostgresBindable {
        switch value {
        case .null: Optional<String>.none
        case .integer(let integer): String(integer)
        case .real(let real): real.description
        case .text(let text):
            String(decoding: try JSONSerialization.data(withJSONObject: text, options: .fragmentsAllowed), as: UTF8.self)
        case .blob: throw CopyError(message: "a blob param has no jsonb form; params hold numbers and text")
        }
    }

    struct CopyError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    /// Inserts `rows` of `table` (values in `columns`' order) into both databases.
    static func insert(_ table: String, _ columns: [String], _ rows: [[SQLiteValue]], sqlite: Database, postgres: PostgresConnection) throws {
        // Table and column names are the test's own, never data.
        let list = columns.joined(separator: ", ")
        let sqliteInsert = "INSERT INTO \(table) (\(list)) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
        let postgresInsert = "INSERT INTO \(table) (\(list)) VALUES (\((1...columns.count).map { "$\($0)" }.joined(separator: ", ")))"
        for row in rows {
            let statement = try sqlite.prepare(sqliteInsert)
            try statement.bind(row.map(sqliteParameter))
            try statement.execute()
            _ = try postgres.query(postgresInsert, try postgresValues(table: table, columns: columns, row: row))
        }
    }

    static func postgresValues(table: String, columns: [String], row: [SQLiteValue]) throws -> [any PostgresBindable] {
        try zip(columns, row).map { column, value in
            table == "params" && column == "value" ? try jsonParameter(value) : parameter(value)
        }
    }
}
