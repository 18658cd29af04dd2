/// Everything that can be wrong with a data set or with how it is asked to be
/// split. Each case renders as one line that names the problem, where it is
/// (file, line, column for CSVs) and how to fix it.
///
/// Options are named by their `DataRequest` param keys (`data_noise`,
/// `val_split`), not by flags: the engine knows no command line. The CLI
/// renders them through its option table with `description(flag:)`; plain
/// `description` writes `--` and the key with dashes.
public enum DataError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownDataset(name: String, valid: [String])
    case unreadableFile(file: String, reason: String)
    case emptyFile(file: String)
    case headerOnly(file: String)
    /// The first row is all numbers: the file has no header row.
    case numericHeader(file: String, firstRow: String)
    /// Every row has the same target: nothing to learn.
    case constantTarget(file: String, name: String, value: String)
    case emptyColumnName(file: String, column: Int)
    case duplicateColumnName(file: String, name: String, columns: [Int])
    case noFeatureColumns(file: String, target: String)
    case missingTargetColumn(file: String, target: String, columns: [String])
    case unterminatedQuote(file: String, line: Int, column: Int)
    case textAfterClosingQuote(file: String, line: Int, column: Int)
    case raggedRow(file: String, line: Int, expected: Int, found: Int)
    case emptyCell(file: String, line: Int, column: Int, name: String)
    case nonNumericCell(file: String, line: Int, column: Int, name: String, value: String)
    case nonFiniteCell(file: String, line: Int, column: Int, name: String, value: String)
    case nonNumericTarget(file: String, line: Int, column: Int, name: String, value: String)
    case unknownClassLabel(file: String, line: Int, column: Int, label: String, reference: String, known: [String])
    case columnsDiffer(file: String, reference: String, expected: [String], found: [String])
    case targetsDiffer(file: String, reference: String)
    /// `keys` together (one key, or e.g. `val_split` + `test_split` as a sum) have an unusable `value`.
    case invalidOption(keys: [String], value: String, expected: String)
    /// `key` (given as `value`, when that matters) means nothing for `dataset`.
    case optionNotApplicable(key: String, value: String? = nil, dataset: String, reason: OptionText)
    case conflictingOptions(first: String, second: String, reason: String)
    case tooFewRows(dataset: String, rows: Int, needed: Int, purpose: String)

    public var description: String {
        description(flag: { "--" + $0.replacingOccurrences(of: "_", with: "-") })
    }

    /// The message with each option key written by `flag` (`data_noise` -> `--data-noise`).
    public func description(flag: (String) -> String) -> String {
        switch self {
        case let .unknownDataset(name, valid):
            "unknown dataset '\(name)': use one of \(valid.joined(separator: ", ")) or a path ending in .csv"
        case let .unreadableFile(file, reason):
            "\(file): cannot read the file (\(reason)); check the path and its permissions"
        case let .emptyFile(file):
            "\(file): the file is empty; a CSV needs a header row and at least one data row"
        case let .numericHeader(file, firstRow):
            "\(file):1: the first row (\(firstRow)) is all numbers, so the file has no header row; add a first line naming the columns (e.g. x1,x2,y)"
        case let .constantTarget(file, name, value):
            "\(file): the target column '\(name)' has the same value (\(value)) in every row, so there is nothing to learn; choose another --target"
        case let .headerOnly(file):
            "\(file): the file has a header row but no data rows; add at least one data row"
        case let .emptyColumnName(file, column):
            "\(file):1: column \(column) has an empty name in the header; give every column a name"
        case let .duplicateColumnName(file, name, columns):
            "\(file):1: column name '\(name)' appears more than once (columns \(columns.map(String.init).joined(separator: ", "))); rename the columns so each name is unique"
        case let .noFeatureColumns(file, target):
            "\(file): the only column is the target '\(target)'; a data set needs at least one feature column besides the target"
        case let .missingTargetColumn(file, target, columns):
            "\(file): no column named '\(target)'; choose the target from the columns: \(columns.joined(separator: ", "))"
        case let .unterminatedQuote(file, line, column):
            "\(file):\(line): column \(column): a quoted field is never closed; add the closing '\"' (write a quote inside a quoted field as '\"\"')"
        case let .textAfterClosingQuote(file, line, column):
            "\(file):\(line): column \(column): text follows a closing quote; quote the whole field and write an inner quote as '\"\"'"
        case let .raggedRow(file, line, expected, found):
            "\(file):\(line): the row has \(found) field\(found == 1 ? "" : "s") but the header has \(expected); give every row one field per header column"
        case let .emptyCell(file, line, column, name):
            "\(file):\(line): column \(column) ('\(name)') is empty; fill in a number or remove the row (missing values are not imputed)"
        case let .nonNumericCell(file, line, column, name, value):
            "\(file):\(line): column \(column) ('\(name)'): '\(value)' is not a number; features must be numeric (encode categories as numbers or drop the column)"
        case let .nonFiniteCell(file, line, column, name, value):
            "\(file):\(line): column \(column) ('\(name)'): '\(value)' is not a finite number; replace NaN, infinity or out-of-range values (32-bit float) with a real value or remove the row"
        case let .nonNumericTarget(file, line, column, name, value):
            "\(file):\(line): column \(column) ('\(name)'): '\(value)' is not a number in a numeric (regression) target column; fix the cell, or read the column as class labels"
        case let .unknownClassLabel(file, line, column, label, reference, known):
            "\(file):\(line): column \(column): class '\(label)' does not occur in \(reference) (its classes: \(known.joined(separator: ", "))); use only the training file's classes"
        case let .columnsDiffer(file, reference, expected, found):
            "\(file): its columns (\(found.joined(separator: ", "))) differ from \(reference)'s (\(expected.joined(separator: ", "))); give it the same columns in the same order"
        case let .targetsDiffer(file, reference):
            "\(file): its target is not read the same way as \(reference)'s (task or classes differ); give it the same target column with the same labels"
        case let .invalidOption(keys, value, expected):
            "invalid \(keys.map(flag).joined(separator: " + ")) '\(value)': expected \(expected)"
        case let .optionNotApplicable(key, value, dataset, reason):
            "\(flag(key))\(value.map { " " + $0 } ?? "") does not apply to the '\(dataset)' data set (\(reason.rendered(flag: flag))); leave it out"
        case let .conflictingOptions(first, second, reason):
            "\(flag(first)) and \(flag(second)) cannot be used together (\(reason)); give only one of them"
        case let .tooFewRows(dataset, rows, needed, purpose):
            "'\(dataset)' has \(rows) row\(rows == 1 ? "" : "s"), too few to \(purpose) (needs at least \(needed)); use more data or smaller fractions"
        }
    }
}
