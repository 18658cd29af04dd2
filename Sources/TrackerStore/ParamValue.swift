import Foundation
import PostgreSQL
import SQLite

/// A hyperparameter's value, bound with its own SQLite type so that a weight
/// decay of 1e-3 is stored as the REAL 0.001 and compares as a number.
///
/// Booleans are stored as INTEGER 0/1 (SQLite has no boolean) and so read
/// back as `.integer`.
public enum ParamValue: Sendable, Hashable, CustomStringConvertible {
    case integer(Int64)
    case real(Double)
    case text(String)
    case bool(Bool)

    /// Reads a value typed on a command line: integers, then reals
    /// (`1e-3`, `0.5`), then `true`/`false`, else text (`adamw`, `64,64`).
    public init(parsing text: String) {
        if let integer = Int64(text) {
            self = .integer(integer)
        } else if let real = Double(text), real.isFinite {
            self = .real(real)
        } else if text == "true" || text == "false" {
            self = .bool(text == "true")
        } else {
            self = .text(text)
        }
    }

    init(stored value: SQLiteValue) throws {
        switch value {
        case .integer(let integer): self = .integer(integer)
        case .real(let real): self = .real(real)
        case .text(let text): self = .text(text)
        case .null, .blob:
            throw StoreError.invalidArgument("a param holds \(value), which the tracker never writes; fix the row by hand")
        }
    }

    /// The value as a Double when it is numeric (bools count as 0 and 1).
    public var number: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .real(let value): value
        case .bool(let value): value ? 1 : 0
        case .text: nil
        }
    }

    public var description: String {
        switch self {
        case .integer(let value): String(value)
        case .real(let value): String(value)
        case .text(let value): value
        case .bool(let value): String(value)
        }
    }

    var sqliteValue: SQLiteValue {
        switch self {
        case .integer(let value): .integer(value)
        case .real(let value): .real(value)
        case .text(let value): .text(value)
        case .bool(let value): .integer(value ? 1 : 0)
        }
    }
}

extension ParamValue: StoreBindable {
    public func bind(to statement: Statement, at index: Int32) throws {
        try sqliteValue.bind(to: statement, at: index)
    }

    /// PostgreSQL keeps params as jsonb: a number spelled as SQLite stores
    /// it (so 0.001 reads back as the same Double, and an integer stays
    /// one), a string as a JSON string, a bool as SQLite's 0 or 1.
    public func storeParameter() throws -> PostgresParameter {
        PostgresParameter(typeOID: Self.jsonbOID, bytes: Array(json.utf8), isBinary: false)
    }

    static let jsonbOID: UInt32 = 3802

    var json: String {
        switch self {
        case .integer(let value): String(value)
        case .real(let value) where value.isFinite: Self.jsonNumber(value)
        // JSON has no infinity; the text keeps the value readable, as a string.
        case .real(let value): Self.jsonString(String(value))
        case .text(let value): Self.jsonString(value)
        case .bool(let value): value ? "1" : "0"
        }
    }

    /// A JSON number that reads back as this Double, and as a real: 5.0, not 5.
    private static func jsonNumber(_ value: Double) -> String {
        let text = String(value)
        return text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) ? text : text + ".0"
    }

    private static func jsonString(_ text: String) -> String {
        var json = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": json += "\\\""
            case "\\": json += "\\\\"
            case "\n": json += "\\n"
            case "\r": json += "\\r"
            case "\t": json += "\\t"
            case _ where scalar.value < 0x20: json += String(format: "\\u%04x", scalar.value)
            default: json.unicodeScalars.append(scalar)
            }
        }
        return json + "\""
    }
}
