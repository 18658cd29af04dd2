import Foundation
import PostgreSQL
import SQLite

/// A result cell compared across backends: numbers by value (SQLite
/// prints a REAL 0 as 0.0, PostgreSQL's jsonb keeps 0.0 but a bigint is 0), the rest as text.
enum ResultCell: Equatable, CustomStringConvertible {
    case null
    case number(Double)
    case text(String)

    init(_ value: SQLiteValue) {
        switch value {
        case .null: self = .null
        case .integer(let integer): self = .number(Double(integer))
        case .real(let real): self = .number(real)
        case .text(let text): self = .text(text)
        case .blob(let bytes): self = .text(bytes.map { String(format: "%02x", $0) }.joined())
        }
    }

    init(postgres text: String) {
        self = Double(text).map(ResultCell.number) ?? .text(text)
    }

    /// Both sides round to 4 or 3 places; the doubles they print may differ in the last bit.
    static func == (left: ResultCell, right: ResultCell) -> Bool {
        switch (left, right) {
        case (.null, .null): true
        case let (.number(a), .number(b)): abs(a - b) <= 1e-12 * max(1, abs(a))
        case let (.text(a), .text(b)): a == b
        default: false
        }
    }

    var description: String {
        switch self {
        case .null: "NULL"
        case .number(let number): "\(number)"
        case .text(let text): text
        }
    }

    /// Every row of `query` on SQLite.
    static func rows(of query: String, in database: Database) throws -> [[ResultCell]] {
        try database.prepare(query).rows { row in (0..<row.columnCount).map { ResultCell(row.value(at: Int32($0))) } }
    }

    /// Every row of `query` on PostgreSQL, read as the server's text.
    static func rows(of query: String, in connection: PostgresConnection) throws -> [[ResultCell]] {
        try connection.query(query, []).map { row in
            try (0..<row.result.columnCount).map { row.isNull($0) ? .null : ResultCell(postgres: try row.column($0, as: String.self)) }
        }
    }
}
