/// A cell with everything an error about it must name.
struct CSVCell {
    let text: String
    let file: String
    let line: Int
    let column: Int
    let name: String

    /// Why this feature cell is not a finite 32-bit float.
    func whyNotAFeature() -> DataError {
        if text.isEmpty { return .emptyCell(file: file, line: line, column: column, name: name) }
        if NumberParser.parse(ArraySlice(text.utf8)) == nil { return notANumber(asTarget: false) }
        return .nonFiniteCell(file: file, line: line, column: column, name: name, value: text)
    }

    func notANumber(asTarget: Bool) -> DataError {
        asTarget
            ? .nonNumericTarget(file: file, line: line, column: column, name: name, value: text)
            : .nonNumericCell(file: file, line: line, column: column, name: name, value: text)
    }
}
