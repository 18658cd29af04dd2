import Plots

/// CSV as RFC 4180 quotes it: a field holding a comma, a quote or a line break
/// is wrapped in quotes, with inner quotes doubled. NULL is an empty field;
/// numbers keep full precision so that the file reads back exactly.
struct CSVRenderer {
    /// Written field by field into one string: a comparison of 10,000 runs
    /// is 130,000 fields, and a string and an array per row and per field
    /// made rendering cost as much as the query.
    func render(_ table: DataTable) -> String {
        var text = ""
        text.reserveCapacity((table.rows.count + 1) * (table.columns.count + 1) * 12)
        let columns = table.marker.map { [$0.name] + table.columns } ?? table.columns
        for (offset, column) in columns.enumerated() {
            if offset > 0 { text += "," }
            Self.appendQuoted(column, to: &text)
        }
        text += "\n"
        for (index, row) in table.rows.enumerated() {
            var separator = false
            if let marker = table.marker {
                text += index == marker.row ? "true" : "false"
                separator = true
            }
            for cell in row {
                if separator { text += "," }
                separator = true
                Self.append(cell, to: &text)
            }
            text += "\n"
        }
        return text
    }

    /// A cell's text, unquoted.
    static func text(_ cell: Cell) -> String {
        if case .text(let value) = cell { return value }
        var text = ""
        append(cell, to: &text)  // numbers, booleans and NULL never need quotes
        return text
    }

    /// A cell as a CSV field, quoted if it needs to be.
    static func append(_ cell: Cell, to text: inout String) {
        switch cell {
        case .null: break
        case .integer(let value): text += String(value)
        case .real(let value): NumberFormatting.appendExact(value, to: &text)
        case .text(let value): appendQuoted(value, to: &text)
        case .bool(let value): text += value ? "true" : "false"
        }
    }

    static func quoted(_ field: String) -> String {
        var text = ""
        appendQuoted(field, to: &text)
        return text
    }

    static func appendQuoted(_ field: String, to text: inout String) {
        // Bytes, not Characters: "\r\n" is one Character equal to neither
        // "\r" nor "\n", and byte scanning is what keeps long exports fast.
        let needsQuotes = field.utf8.contains { byte in
            byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
        }
        guard needsQuotes else {
            text += field
            return
        }
        text += "\"" + field.replacing("\"", with: "\"\"") + "\""
    }
}
