/// Rows of typed cells under named columns: what every data command produces
/// before it is printed in the user's chosen `OutputFormat`.
public struct DataTable: Sendable, Equatable {
    public var columns: [String]
    public var rows: [[Cell]]
    /// A row to single out, e.g. the best run of a comparison.
    public var marker: RowMarker?

    public init(columns: [String], rows: [[Cell]] = [], marker: RowMarker? = nil) {
        self.columns = columns
        self.rows = rows
        self.marker = marker
    }

    public mutating func append(_ row: [Cell]) {
        precondition(row.count == columns.count, "a row has \(row.count) cells for \(columns.count) columns")
        rows.append(row)
    }

    /// Only the named columns, in the order given (rows and marker kept).
    public func selecting(_ names: [String]) -> DataTable {
        let indices = names.compactMap { columns.firstIndex(of: $0) }
        return DataTable(columns: indices.map { columns[$0] }, rows: rows.map { row in indices.map { row[$0] } }, marker: marker)
    }

    /// The columns and rows with the marker as a leading boolean column, the
    /// way machine-readable formats carry it.
    var withMarkerColumn: (columns: [String], rows: [[Cell]]) {
        guard let marker else { return (columns, rows) }
        let rows = rows.enumerated().map { index, row in [Cell.bool(index == marker.row)] + row }
        return ([marker.name] + columns, rows)
    }
}

/// Marks one row: a symbol in tables, a boolean column in CSV and JSON.
public struct RowMarker: Sendable, Equatable {
    public var row: Int
    public var name: String
    public var symbol: String

    public init(row: Int, name: String = "best", symbol: String = "*") {
        self.row = row
        self.name = name
        self.symbol = symbol
    }
}

/// One value of a table, typed so each format can print it properly:
/// numbers right-aligned and unquoted, NULL as '-' or null.
public enum Cell: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case bool(Bool)

    public static func int(_ value: Int) -> Cell { .integer(Int64(value)) }

    /// `nil` becomes NULL, so optional metrics need no special casing.
    public static func real(_ value: Double?) -> Cell { value.map(Cell.real) ?? .null }
    public static func text(_ value: String?) -> Cell { value.map(Cell.text) ?? .null }

    var isNumber: Bool {
        switch self {
        case .integer, .real: true
        default: false
        }
    }
}
