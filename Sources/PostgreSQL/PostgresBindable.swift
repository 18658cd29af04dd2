/// One parameter as libpq sends it: a type, a format and the bytes.
///
/// Text format both ways, except bytea, which goes as binary so that zero
/// bytes and large blobs need no escaping. The type OID tells the server
/// what the value is where the SQL alone does not (`SELECT $1`); strings and
/// NULL go as "unknown" (OID 0) so that the server takes the type from the
/// context, as it does for a quoted literal: a string then fills a
/// timestamp or jsonb column, which an explicit `text` would refuse.
public struct PostgresParameter: Sendable, Hashable {
    /// The type's OID in pg_type, or 0 to let the server infer it.
    public let typeOID: UInt32
    /// The value's bytes (UTF-8 text, or raw bytes when binary); nil is NULL.
    public let bytes: [UInt8]?
    public let isBinary: Bool

    public static let null = PostgresParameter(typeOID: 0, bytes: nil, isBinary: false)

    public init(typeOID: UInt32, bytes: [UInt8]?, isBinary: Bool) {
        self.typeOID = typeOID
        self.bytes = bytes
        self.isBinary = isBinary
    }

    static func text(_ text: String, typeOID: UInt32) -> PostgresParameter {
        PostgresParameter(typeOID: typeOID, bytes: Array(text.utf8), isBinary: false)
    }
}

/// Type OIDs from PostgreSQL's pg_type.dat; they are fixed across versions.
enum PostgresType {
    static let unknown: UInt32 = 0
    static let bool: UInt32 = 16
    static let bytea: UInt32 = 17
    static let int8: UInt32 = 20
    static let int2: UInt32 = 21
    static let int4: UInt32 = 23
    static let text: UInt32 = 25
    static let oid: UInt32 = 26
    static let float4: UInt32 = 700
    static let float8: UInt32 = 701
    static let numeric: UInt32 = 1700
}

/// A Swift value that can be bound to a `$n` parameter.
///
/// Binding is the only way values reach SQL in this module: text is never
/// built by interpolating values, so quoting bugs and injection cannot happen.
public protocol PostgresBindable {
    func postgresParameter() throws -> PostgresParameter
}

extension Int64: PostgresBindable {
    public func postgresParameter() throws -> PostgresParameter { .text(String(self), typeOID: PostgresType.int8) }
}

extension Int: PostgresBindable {
    public func postgresParameter() throws -> PostgresParameter { .text(String(self), typeOID: PostgresType.int8) }
}

extension Int32: PostgresBindable {
    public func postgresParameter() throws -> PostgresParameter { .text(String(self), typeOID: PostgresType.int4) }
}

extension Bool: PostgresBindable {
    public func postgresParameter() throws -> PostgresParameter { .text(self ? "true" : "false", typeOID: PostgresType.bool) }
}

extension Double: PostgresBindable {
    /// float8 holds NaN and the infinities, unlike SQLite, so all of them
    /// round-trip; the spellings are the ones float8in accepts. Swift's
    /// description is the shortest text that reads back as the same Double.
    public func postgresParameter() throws -> PostgresParameter {
        let text = if isNaN { "NaN" } else if self == .infinity { "Infinity" } else if self == -.infinity { "-Infinity" } else { description }
        return .text(text, typeOID: PostgresType.float8)
    }
}

extension Float: PostgresBindable {
    public func postgresParameter() throws -> PostgresParameter { try Double(self).postgresParameter() }
}

extension String: PostgresBindable {
    /// PostgreSQL text cannot hold a zero byte, and libpq would cut the value
    /// there without a word; refuse it instead.
    public func postgresParameter() throws -> PostgresParameter {
        guard !utf8.contains(0) else {
            throw PostgresError.client("text holds a zero byte, which PostgreSQL cannot store: bind it as [UInt8] (bytea)")
        }
        return .text(self, typeOID: PostgresType.unknown)
    }
}

extension Array: PostgresBindable where Element == UInt8 {
    /// Sent as binary bytea; an empty array is zero bytes, not NULL.
    public func postgresParameter() throws -> PostgresParameter {
        PostgresParameter(typeOID: PostgresType.bytea, bytes: self, isBinary: true)
    }
}

extension PostgresParameter: PostgresBindable {
    public func postgresParameter() throws -> PostgresParameter { self }
}

extension Optional: PostgresBindable where Wrapped: PostgresBindable {
    public func postgresParameter() throws -> PostgresParameter {
        switch self {
        case .none: .null
        case .some(let value): try value.postgresParameter()
        }
    }
}
