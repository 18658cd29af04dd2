/// One row of a CSV file: its fields' bytes (quotes removed) and the line
/// each field starts on (a quoted field may span lines).
struct CSVRecord {
    var fields: [ArraySlice<UInt8>] = []
    var lines: [Int] = []

    var firstLine: Int { lines.first ?? 0 }

    func text(_ field: Int) -> String {
        String(decoding: fields[field], as: UTF8.self)
    }
}

/// Splits CSV bytes into records as RFC 4180 describes: fields separated by
/// commas, records by CRLF (a bare LF or CR is accepted too), a field in
/// double quotes may hold commas, line breaks and doubled quotes (`""`).
/// Lenient where it costs nothing: a UTF-8 byte-order mark is skipped, empty
/// lines are skipped, and a quote inside an unquoted field is kept as text.
struct CSVParser {
    private let bytes: [UInt8]
    private let file: String
    private var position: Int
    private var line = 1

    private static let comma = UInt8(ascii: ",")
    private static let quote = UInt8(ascii: "\"")
    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
        position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// The next non-empty record, or nil at the end of the input.
    mutating func nextRecord() throws -> CSVRecord? {
        var record = CSVRecord()
        return try nextRecord(into: &record) ? record : nil
    }

    /// Reads the next non-empty record into `record`, reusing its storage;
    /// false at the end of the input.
    mutating func nextRecord(into record: inout CSVRecord) throws -> Bool {
        while position < bytes.count, isLineBreak(bytes[position]) {
            consumeLineBreak()
        }
        guard position < bytes.count else { return false }

        record.fields.removeAll(keepingCapacity: true)
        record.lines.removeAll(keepingCapacity: true)
        while true {
            record.lines.append(line)
            record.fields.append(try readField(column: record.fields.count + 1))
            guard position < bytes.count else { return true }
            if bytes[position] == Self.comma {
                position += 1
                continue
            }
            // readField stops only at a comma, a line break or the end.
            consumeLineBreak()
            return true
        }
    }

    private mutating func readField(column: Int) throws -> ArraySlice<UInt8> {
        guard position < bytes.count, bytes[position] == Self.quote else {
            let start = position
            while position < bytes.count, bytes[position] != Self.comma, !isLineBreak(bytes[position]) {
                position += 1
            }
            return bytes[start..<position]
        }

        let openingLine = line
        position += 1
        var field: [UInt8] = []
        while true {
            guard position < bytes.count else {
                throw DataError.unterminatedQuote(file: file, line: openingLine, column: column)
            }
            let byte = bytes[position]
            if byte == Self.quote {
                if position + 1 < bytes.count, bytes[position + 1] == Self.quote {
                    field.append(Self.quote)
                    position += 2
                    continue
                }
                position += 1
                break
            }
            if byte == Self.newline || (byte == Self.carriageReturn && !(position + 1 < bytes.count && bytes[position + 1] == Self.newline)) {
                line += 1
            }
            field.append(byte)
            position += 1
        }
        guard position == bytes.count || bytes[position] == Self.comma || isLineBreak(bytes[position]) else {
            throw DataError.textAfterClosingQuote(file: file, line: line, column: column)
        }
        return field[...]
    }

    private func isLineBreak(_ byte: UInt8) -> Bool {
        byte == Self.newline || byte == Self.carriageReturn
    }

    /// Consumes one CRLF, LF or CR.
    private mutating func consumeLineBreak() {
        if bytes[position] == Self.carriageReturn, position + 1 < bytes.count, bytes[position + 1] == Self.newline {
            position += 1
        }
        position += 1
        line += 1
    }
}
