/// A Swift type that can be read from a result column.
///
/// Reading is strict, by the column's type: an integer reads only from an
/// integer column (or a numeric holding a whole number, as SUM returns),
/// text never silently becomes 0, and NULL reads only as an Optional.
public protocol PostgresColumnReadable {
    static func read(from result: PostgresResult, row: Int, column: Int) throws -> Self
}

extension Int64: PostgresColumnReadable {
    public static func read(from result: PostgresResult, row: Int, column: Int) throws -> Int64 {
        guard !result.isNull(row: row, column: column) else {
            throw result.typeMismatch(row: row, column: column, expected: "an integer")
        }
        switch result.columnTypeOID(at: column) {
        case PostgresType.int8, PostgresType.int4, PostgresType.int2, PostgresType.oid, PostgresType.numeric:
            // A numeric with a fraction ("2.5") does not parse: an error, not a rounding.
            if let value = Int64(result.text(row: row, column: column)) { return value }
            throw result.typeMismatch(row: row, column: column, expected: "a whole number in Int64's range")
        default:
            throw result.typeMismatch(row: row, column: column, expected: "an integer")
        }
    }
}

extension Int: PostgresColumnReadable {
    public static func read(from result: PostgresResult, row: Int, column: Int) throws -> Int {
        Int(try Int64.read(from: result, row: row, column: column))
    }
}

extension Int32: PostgresColumnReadable {
    public static func read(from result: PostgresResult, row: Int, column: Int) throws -> Int32 {
        guard let value = Int32(exactly: try Int64.read(from: result, row: row, column: column)) else {
            throw result.typeMismatch(row: row, column: column, expected: "a value in Int32's range")
        }
        return value
    }
}

extension Bool: PostgresColumnReadable {
    public static func read(from result: PostgresResult, row: Int, column: Int) throws -> Bool {
        guard !result.isNull(row: row, column: column), result.columnTypeOID(at: column) == PostgresType.bool else {
            throw result.typeMismatch(row: row, column: column, expected: "a boolean")
        }
        return result.text(row: row, column: column) == "t"
    }
}

extension Double: PostgresColumnReadable {
    public static func read(from result: PostgresResult, row: Int, column: Int) throws -> Double {
        guard !result.isNull(row: row, column: column) else {
            throw result.typeMismatch(row: row, column: column, expected: "a number")
        }
        switch result.columnTypeOID(at: column) {
        case PostgresType.float8, PostgresType.float4, PostgresType.numeric,
             PostgresType.int8, PostgresType.int4, PostgresType.int2:
            // The server writes NaN, Infinity and -Infinity, which Double(_:) reads.
            if let value = Double(result.text(row: row, column: column)) { return value }
            throw result.typeMismatch(row: row, column: column, expected: "a number a Double can hold")
        default:
            throw result.typeMismatch(row: row, column: column, expected: "a number")
        }
    }
}

extension String: PostgresColumnReadable {
    /// Any type but bytea reads as its text, the server's own rendering of it
    /// (a timestamp, a number, jsonb); bytea is bytes, so read [UInt8].
    public static func read(from result: PostgresResult, row: Int, column: Int) throws -> String {
        guard !result.isNull(row: row, column: column), result.columnTypeOID(at: column) != PostgresType.bytea else {
            throw result.typeMismatch(row: row, column: column, expected: "text")
        }
        return result.text(row: row, column: column)
    }
}

extension Array: PostgresColumnReadable where Element == UInt8 {
    /// bytea arrives as hex text ("\x00ff", the server's default bytea_output).
    public static func read(from result: PostgresResult, row: Int, column: Int) throws -> [UInt8] {
        guard !result.isNull(row: row, column: column), result.columnTypeOID(at: column) == PostgresType.bytea else {
            throw result.typeMismatch(row: row, column: column, expected: "bytea")
        }
        guard let bytes = ByteaHex.decode(result.utf8(row: row, column: column)) else {
            throw PostgresError.client(
                "column '\(result.columnName(at: column))' is not in bytea's hex format: set bytea_output to 'hex' on the server",
                sql: result.sql)
        }
        return bytes
    }
}

extension Optional: PostgresColumnReadable where Wrapped: PostgresColumnReadable {
    public static func read(from result: PostgresResult, row: Int, column: Int) throws -> Wrapped? {
        if result.isNull(row: row, column: column) { return nil }
        return try Wrapped.read(from: result, row: row, column: column)
    }
}

/// bytea's hex text format: `\x` then two hex digits per byte.
enum ByteaHex {
    static func decode(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard text.count >= 2, text[0] == UInt8(ascii: "\\"), text[1] == UInt8(ascii: "x"), text.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity((text.count - 2) / 2)
        var index = 2
        while index < text.count {
            guard let high = nibble(text[index]), let low = nibble(text[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
