/// Turns a CSV file into a raw data set: a header row of unique column
/// names, then one row per example, every feature numeric and finite; the
/// target column chosen by name (the last column when none is named).
///
/// Class labels are numbered in a stable order that does not depend on the
/// order rows appear in: numeric labels by value, text labels in Unicode
/// order. Cells are trimmed of surrounding spaces and tabs before they are
/// read as numbers. Missing values are an error, not imputed.
public enum CSVDataset {
    /// Whole-number targets with more distinct values than this are read as
    /// a regression target unless classification is asked for.
    public static let maximumAutomaticClasses = 20

    /// - Parameters:
    ///   - file: the name to show in errors (usually the path as given).
    ///   - target: the target column's name; nil for the last column.
    ///   - schema: the training data's schema when this file is a separate
    ///     validation, test or evaluation file: the columns must match it and
    ///     labels are mapped to its classes.
    public static func read(
        bytes: [UInt8], file: String, target: String? = nil, kind: TargetKind = .automatic, schema: DataSchema? = nil
    ) throws -> RawDataset {
        var parser = CSVParser(bytes: bytes, file: file)
        guard let headerRecord = try parser.nextRecord() else { throw DataError.emptyFile(file: file) }
        let header = headerRecord.fields.indices.map { trimmed(headerRecord.text($0)) }
        try checkHeader(header, file: file)

        let targetName = target ?? schema?.targetName ?? header[header.count - 1]
        guard let targetColumn = header.firstIndex(of: targetName) else {
            throw DataError.missingTargetColumn(file: file, target: targetName, columns: header)
        }
        guard header.count >= 2 else { throw DataError.noFeatureColumns(file: file, target: targetName) }
        let featureNames = header.enumerated().filter { $0.offset != targetColumn }.map(\.element)
        if let schema, featureNames + [targetName] != schema.featureNames + [schema.targetName] {
            throw DataError.columnsDiffer(
                file: file, reference: schema.source, expected: schema.featureNames + [schema.targetName], found: featureNames + [targetName]
            )
        }

        var features: [Float] = []
        var labels: [CSVTargetCell] = []
        var record = CSVRecord()
        func cell(_ column: Int) -> CSVCell {
            CSVCell(text: trimmed(record.text(column)), file: file, line: record.lines[column], column: column + 1, name: header[column])
        }
        while try parser.nextRecord(into: &record) {
            guard record.fields.count == header.count else {
                throw DataError.raggedRow(file: file, line: record.firstLine, expected: header.count, found: record.fields.count)
            }
            for column in 0..<header.count where column != targetColumn {
                // The common case reads bytes straight to a number; a String
                // is made only to explain a bad cell.
                guard let value = NumberParser.parse(record.fields[column]), case let single = Float(value), single.isFinite else {
                    throw cell(column).whyNotAFeature()
                }
                features.append(single)
            }
            labels.append(try CSVTargetCell(cell(targetColumn)))
        }
        guard !labels.isEmpty else { throw DataError.headerOnly(file: file) }

        let (task, classNames, targets) = try readTargets(labels, kind: kind, schema: schema)
        // A companion file (schema given) may hold one class: it is only evaluated on.
        if schema == nil, let first = targets.first, targets.allSatisfy({ $0 == first }) {
            throw DataError.constantTarget(
                file: file, name: targetName, value: classNames.isEmpty ? String(first) : classNames[Int(first)])
        }
        let name = String(file.split(separator: "/").last ?? Substring(file))
        return RawDataset(
            name: name, task: task, features: features, targets: targets,
            featureNames: featureNames, targetName: targetName, classNames: classNames,
            source: "CSV file \(file) (\(labels.count) rows, target '\(targetName)')",
            sourcePath: file, fileBytes: bytes
        )
    }

    private static func checkHeader(_ header: [String], file: String) throws {
        // A file without a header would silently lose its first row to column names.
        if header.allSatisfy({ Double($0) != nil }) {
            throw DataError.numericHeader(file: file, firstRow: header.prefix(6).joined(separator: ",") + (header.count > 6 ? ",..." : ""))
        }
        if let empty = header.firstIndex(of: "") {
            throw DataError.emptyColumnName(file: file, column: empty + 1)
        }
        var seen: [String: Int] = [:]
        for (index, name) in header.enumerated() {
            if let first = seen[name] {
                throw DataError.duplicateColumnName(file: file, name: name, columns: [first + 1, index + 1])
            }
            seen[name] = index
        }
    }

    private static func readTargets(
        _ labels: [CSVTargetCell], kind: TargetKind, schema: DataSchema?
    ) throws -> (LearningTask, [String], [Float]) {
        if let schema {
            guard let classNames = schema.classNames else {
                return (.regression, [], try labels.map { try $0.regressionValue() })
            }
            return (schema.task, classNames, try labels.map { try $0.classIndex(among: classNames, source: schema.source) })
        }
        switch kind {
        case .regression:
            return (.regression, [], try labels.map { try $0.regressionValue() })
        case .classification:
            return classes(of: labels)
        case .automatic:
            let numbers = labels.compactMap(\.number)
            if numbers.count == labels.count {
                let wholeNumbers = numbers.allSatisfy { $0 == $0.rounded() }
                return wholeNumbers && Set(numbers).count <= maximumAutomaticClasses
                    ? classes(of: labels)
                    : (.regression, [], try labels.map { try $0.regressionValue() })
            }
            // Text labels mixed with fractional numbers look like a numeric
            // target with a typo rather than classes: point at the typo.
            if numbers.contains(where: { $0 != $0.rounded() }), let text = labels.first(where: { $0.number == nil }) {
                throw text.cell.notANumber(asTarget: true)
            }
            return classes(of: labels)
        }
    }

    /// Numbers each distinct label: numerically when every label is a
    /// number, in Unicode order otherwise.
    private static func classes(of labels: [CSVTargetCell]) -> (LearningTask, [String], [Float]) {
        let names: [String]
        let keyOf: (CSVTargetCell) -> String
        if labels.allSatisfy({ $0.number != nil }) {
            let values = Set(labels.map { $0.number! }).sorted()
            names = values.map(CSVTargetCell.name(of:))
            keyOf = { CSVTargetCell.name(of: $0.number!) }
        } else {
            names = Set(labels.map(\.cell.text)).sorted()
            keyOf = { $0.cell.text }
        }
        let indexOf = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($0.element, Float($0.offset)) })
        return (.classification(classes: names.count), names, labels.map { indexOf[keyOf($0)]! })
    }

    private static func trimmed(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
