import Foundation
import PostgreSQL

/// A PostgreSQL value as a table cell, rendered as the same value read from
/// SQLite would be, so that `tracker sql` prints one query's rows alike on
/// both backends: whole numbers as integers, other numbers as reals, NULL as
/// NULL, bytes as their size, and a jsonb param as the value SQLite stores
/// (a JSON string as its text, a JSON number as a number; objects and arrays
/// as their JSON). Booleans are SQLite's 1 and 0: the store keeps none, and
/// a comparison typed into a query then prints as it does on a file.
enum ServerCell {
    /// Type OIDs from the server's pg_type catalog (fixed since PostgreSQL 7).
    static let boolOID: UInt32 = 16
    static let byteaOID: UInt32 = 17
    static let integerOIDs: Set<UInt32> = [20, 21, 23, 26]
    static let floatOIDs: Set<UInt32> = [700, 701]
    static let numericOID: UInt32 = 1700
    static let jsonOIDs: Set<UInt32> = [114, 3802]

    static func cell(_ row: PostgresRow, column: Int) throws -> Cell {
        guard !row.isNull(column) else { return .null }
        let type = row.result.columnTypeOID(at: column)
        if type == byteaOID { return .text("<\(try row.column(column, as: [UInt8].self).count) bytes>") }
        if type == boolOID { return .integer(try row.column(column, as: Bool.self) ? 1 : 0) }
        let text = try row.column(column, as: String.self)
        if integerOIDs.contains(type) || floatOIDs.contains(type) || type == numericOID { return number(text) }
        if jsonOIDs.contains(type) { return json(text) }
        return .text(text)
    }

    /// A whole number spelled without a point or exponent is an integer (as
    /// SQLite keeps one); anything else that parses is a real.
    static func number(_ text: String) -> Cell {
        let isWhole = !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" })
        if isWhole, let integer = Int64(text) { return .integer(integer) }
        if let real = Double(text) { return .real(real) }
        return .text(text)
    }

    static func json(_ text: String) -> Cell {
        guard let first = text.first else { return .text(text) }
        switch first {
        case "\"":
            let decoded = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed) as? String
            return .text(decoded ?? text)
        case "t" where text == "true": return .integer(1)
        case "f" where text == "false": return .integer(0)
        case "n" where text == "null": return .null
        case "-", "0"..."9": return number(text)
        default: return .text(text)
        }
    }
}
