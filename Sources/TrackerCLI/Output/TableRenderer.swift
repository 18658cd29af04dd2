import Plots
import TrackerStore

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
        // Accuracies read as percents wherever people read them (the train
        // summary, diagnose, tables); CSV and JSON keep the fraction.
        for column in table.columns.indices where Self.isAccuracy(table.columns[column]) {
            for row in table.rows.indices {
                if case .real(let value) = table.rows[row][column] { texts[row][column] = Self.percent(value) }
            }
        }
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
            texts.reduce(Self.width(headers[column])) { max($0, Self.width($1[column])) }
        }
        if let maximumWidth { shrink(&widths, rightAligned: rightAligned, toFit: maximumWidth) }

        // One string, written line by line: a comparison of 10,000 runs is
        // 130,000 cells, and a string per padding and per line added up.
        let paddings = (0...(widths.max() ?? 0)).map { String(repeating: " ", count: $0) }
        var output = ""
        output.reserveCapacity((texts.count + 2) * (widths.reduce(0, +) + Self.columnGap.count * widths.count + 1))
        Self.append(line: headers, widths: widths, rightAligned: rightAligned, paddings: paddings, to: &output)
        Self.append(
            line: widths.map { String(repeating: "─", count: $0) }, widths: widths, rightAligned: rightAligned, paddings: paddings,
            to: &output)
        for row in texts {
            Self.append(line: row, widths: widths, rightAligned: rightAligned, paddings: paddings, to: &output)
        }
        return output
    }

    /// `acc`, `val_acc`, `test_acc_sd`, `val_acc_mean`: a fraction shown as a percent.
    static func isAccuracy(_ column: String) -> Bool {
        column == "acc" || column.hasSuffix("_acc") || column.hasSuffix("_acc_sd") || column.hasSuffix("_acc_mean")
    }

    /// 0.9777 as "97.8%", the train summary's form; an sd of 0 as "0%".
    static func percent(_ fraction: Double) -> String {
        guard fraction.isFinite else { return NumberFormatting.compact(fraction) }
        return fraction == 0 ? "0%" : NumberFormatting.fixed(fraction * 100, decimals: 1) + "%"
    }

    static func text(_ cell: Cell) -> String {
        switch cell {
        case .null: nullText
        case .integer(let value): String(value)
        case .real(let value): NumberFormatting.compact(value)
        // Line breaks become spaces; other control characters (an ANSI
        // escape, a lone carriage return) are shown escaped, never run.
        case .text(let value):
            NameRules.escaped(value.utf8.contains(0x0A) ? value.replacing("\r\n", with: " ").replacing("\n", with: " ") : value)
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

    private static func append(line cells: [String], widths: [Int], rightAligned: [Bool], paddings: [String], to output: inout String) {
        var line = ""
        for (column, cell) in cells.enumerated() {
            if column > 0 { line += columnGap }
            let width = widths[column]
            var fitted = cell
            var fittedWidth = Self.width(cell)
            if fittedWidth > width {
                fitted = String(cell.prefix(width - 1)) + "…"
                fittedWidth = fitted.count
            }
            let padding = paddings[width - fittedWidth]
            if rightAligned[column] {
                line += padding
                line += fitted
            } else {
                line += fitted
                line += padding
            }
        }
        while line.hasSuffix(" ") { line.removeLast() }
        output += line
        output += "\n"
    }

    /// How many characters `text` shows, as `count` says, without walking
    /// grapheme clusters when every byte is one character (ASCII without CR,
    /// since CR LF is one character).
    private static func width(_ text: String) -> Int {
        text.utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D } ? text.utf8.count : text.count
    }
}
