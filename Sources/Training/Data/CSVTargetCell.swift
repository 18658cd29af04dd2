/// A target cell, read as a number when it is one.
struct CSVTargetCell {
    let cell: CSVCell
    /// The finite value when the text is a number.
    let number: Double?

    init(_ cell: CSVCell) throws {
        guard !cell.text.isEmpty else {
            throw DataError.emptyCell(file: cell.file, line: cell.line, column: cell.column, name: cell.name)
        }
        self.cell = cell
        let value = NumberParser.parse(ArraySlice(cell.text.utf8))
        if let value, !value.isFinite {
            throw DataError.nonFiniteCell(file: cell.file, line: cell.line, column: cell.column, name: cell.name, value: cell.text)
        }
        number = value
    }

    /// The value as a finite 32-bit float for a regression target.
    func regressionValue() throws -> Float {
        guard let number else { throw cell.notANumber(asTarget: true) }
        let single = Float(number)
        guard single.isFinite else {
            throw DataError.nonFiniteCell(file: cell.file, line: cell.line, column: cell.column, name: cell.name, value: cell.text)
        }
        return single
    }

    /// "3" for 3.0, "0.5" for 0.5: one name per numeric value, so "1" and
    /// "1.0" are the same class.
    static func name(of value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// The index of this label among a training file's classes, matching
    /// text exactly or, for numeric classes, by value.
    func classIndex(among classNames: [String], source: String) throws -> Float {
        if let index = classNames.firstIndex(of: cell.text) { return Float(index) }
        if let number, let index = classNames.firstIndex(where: { Double($0) == number }) { return Float(index) }
        throw DataError.unknownClassLabel(
            file: cell.file, line: cell.line, column: cell.column, label: cell.text,
            reference: source, known: classNames
        )
    }
}
