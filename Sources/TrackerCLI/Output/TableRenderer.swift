/// Aligned columns: numbers right-aligned with about four significant digits,
/// text left-aligned, NULL as '-', the marked row flagged in a first column.
/// When the table is wider than the terminal, the widest text columns are cut
/// with '…' (numbers never are: a cut number is a wrong number).
struct TableRenderer {
    static let columnGap = "  "
    static let nullText = "-"
    static let minimumTextWidth = 6

    var maximumWidth: Int?

    func render(_ table: DataTable) -> String {
        var headers = table.columns
        var texts = table.rows.map { $0.map(Self.text) }
        var rightAligned = table.columns.indices.map { column in
            table.rows.contains { $0[column].isNumber }
                && table.rows.allSatisfy { $0[column].isNumber || $0[column] == .null }
        }
        if let marker = table.marker {
            headers.insert("", at: 0)
            rightAligned.insert(false, at: 0)
            for index in texts.indices {
                texts[index].insert(index == marker.row ? marker.symbol : "", at: 0)
            }
        }
        var widths = headers.indices.map { column in
            texts.reduce(headers[column].count) { max($0, $1[column].count) }
        }
        if let maximumWidth { shrink(&widths, rightAligned: rightAligned, toFit: maximumWidth) }

        var lines: [String] = []
        lines.append(Self.line(headers, widths: widths, rightAligned: rightAligned))
        lines.append(Self.line(widths.map { String(repeating: "─", count: $0) }, widths: widths, rightAligned: rightAligned))
        for row in texts {
            lines.append(Self.line(row, widths: widths, rightAligned: rightAligned))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func text(_ cell: Cell) -> String {
        switch cell {
        case .null: nullText
        case .integer(let value): String(value)
        case .real(let value): NumberFormatting.compact(value)
        case .text(let value): value.replacing("\n", with: " ")
        case .bool(let value): value ? "yes" : "no"
        }
    }

    private func shrink(_ widths: inout [Int], rightAligned: [Bool], toFit maximumWidth: Int) {
        func total() -> Int { widths.reduce(0, +) + Self.columnGap.count * max(0, widths.count - 1) }
        while total() > maximumWidth {
            let candidates = widths.indices.filter { !rightAligned[$0] && widths[$0] > Self.minimumTextWidth }
            guard let widest = candidates.max(by: { widths[$0] < widths[$1] }) else { return }
            widths[widest] -= 1
        }
    }

    private static func line(_ cells: [String], widths: [Int], rightAligned: [Bool]) -> String {
        var parts: [String] = []
        for (column, cell) in cells.enumerated() {
            let width = widths[column]
            let fitted = cell.count > width ? String(cell.prefix(width - 1)) + "…" : cell
            let padding = String(repeating: " ", count: width - fitted.count)
            parts.append(rightAligned[column] ? padding + fitted : fitted + padding)
        }
        var line = parts.joined(separator: columnGap)
        while line.hasSuffix(" ") { line.removeLast() }
        return line
    }
}
