import Plots

/// A `DataTable` as an HTML table: the same columns, order and number
/// formatting as the terminal, the marked row (the best run) highlighted.
enum HTMLTable {
    static func render(_ table: DataTable, id: String) -> String {
        var html = "<table id=\"\(Markup.escape(id))\"><thead><tr>"
        html += table.columns.map { "<th>" + Markup.escape($0) + "</th>" }.joined()
        html += "</tr></thead><tbody>"
        for (index, row) in table.rows.enumerated() {
            let isMarked = table.marker?.row == index
            html += isMarked ? "<tr class=\"best\">" : "<tr>"
            for (column, cell) in row.enumerated() {
                var text = self.text(cell)
                if isMarked, column == 0, let marker = table.marker { text = marker.symbol + " " + text }
                html += (cell.isNumber ? "<td class=\"num\">" : "<td>") + Markup.escape(text) + "</td>"
            }
            html += "</tr>"
        }
        return html + "</tbody></table>"
    }

    static func text(_ cell: Cell) -> String {
        switch cell {
        case .null: ""
        case .integer(let value): String(value)
        case .real(let value): NumberFormatting.compact(value)
        case .text(let text): text
        case .bool(let value): value ? "true" : "false"
        }
    }
}
