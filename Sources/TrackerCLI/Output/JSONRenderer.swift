/// JSON written by hand so that keys keep the table's column order: an array
/// of objects, or JSON lines (one object per line). Numbers are numbers, NULL
/// and non-finite numbers are null (JSON has no NaN).
struct JSONRenderer {
    func render(_ table: DataTable) -> String {
        let objects = Self.objects(table)
        guard !objects.isEmpty else { return "[]\n" }
        return "[\n" + objects.map { "  " + $0 }.joined(separator: ",\n") + "\n]\n"
    }

    func renderLines(_ table: DataTable) -> String {
        Self.objects(table).map { $0 + "\n" }.joined()
    }

    private static func objects(_ table: DataTable) -> [String] {
        let (columns, rows) = table.withMarkerColumn
        let keys = columns.map(string)
        return rows.map { row in
            "{" + zip(keys, row).map { $0 + ": " + value($1) }.joined(separator: ", ") + "}"
        }
    }

    static func value(_ cell: Cell) -> String {
        switch cell {
        case .null: "null"
        case .integer(let value): String(value)
        case .real(let value): value.isFinite ? NumberFormatting.exact(value) : "null"
        case .text(let value): string(value)
        case .bool(let value): value ? "true" : "false"
        }
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    static func string(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
