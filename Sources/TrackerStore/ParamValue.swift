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

extension ParamValue: SQLiteBindable {
    public func bind(to statement: Statement, at index: Int32) throws {
        try sqliteValue.bind(to: statement, at: index)
    }
}
