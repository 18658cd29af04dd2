/// CSV as RFC 4180 quotes it: a field holding a comma, a quote or a line break
/// is wrapped in quotes, with inner quotes doubled. NULL is an empty field;
/// numbers keep full precision so that the file reads back exactly.
struct CSVRenderer {
    func render(_ table: DataTable) -> String {
        let (columns, rows) = table.withMarkerColumn
        var lines = [columns.map(Self.quoted).joined(separator: ",")]
        for row in rows {
            lines.append(row.map { Self.quoted(Self.text($0)) }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func text(_ cell: Cell) -> String {
        switch cell {
        case .null: ""
        case .integer(let value): String(value)
        case .real(let value): NumberFormatting.exact(value)
        case .text(let value): value
        case .bool(let value): value ? "true" : "false"
        }
    }

    static func quoted(_ field: String) -> String {
        // Bytes, not Characters: "\r\n" is one Character equal to neither
        // "\r" nor "\n", and byte scanning is what keeps long exports fast.
        let needsQuotes = field.utf8.contains { byte in
            byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
        }
        guard needsQuotes else { return field }
        return "\"" + field.replacing("\"", with: "\"\"") + "\""
    }
}
