/// One JSON value as a child sends it.
///
/// Numbers keep the difference between `3` and `3.0`: a step must be an
/// integer and a param keeps its type. `NaN`, `Infinity` and `-Infinity`
/// are not JSON, but Python's `json.dumps` writes them bare for float
/// values, so the parser accepts them as reals.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    case real(Double)
    case string(String)
    case array([JSONValue])
    /// Members in the order the child wrote them.
    case object([(key: String, value: JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case let (.bool(a), .bool(b)): a == b
        case let (.integer(a), .integer(b)): a == b
        case let (.real(a), .real(b)): a == b || (a.isNaN && b.isNaN)
        case let (.string(a), .string(b)): a == b
        case let (.array(a), .array(b)): a == b
        case let (.object(a), .object(b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }

    /// How a message names this value's type: "a string", "an array", ...
    var kindDescription: String {
        switch self {
        case .null: "null"
        case .bool: "a bool"
        case .integer: "an integer"
        case .real: "a real number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// The value as the child wrote it, shortened for a one-line message.
    var excerpt: String {
        let text: String
        switch self {
        case .null: text = "null"
        case .bool(let value): text = String(value)
        case .integer(let value): text = String(value)
        case .real(let value): text = String(value)
        case .string(let value): text = "\"\(value)\""
        case .array(let items): text = "[\(items.map(\.excerpt).joined(separator: ", "))]"
        case .object(let members): text = "{\(members.map { "\"\($0.key)\": \($0.value.excerpt)" }.joined(separator: ", "))}"
        }
        return text.count > 40 ? String(text.prefix(37)) + "..." : text
    }
}
