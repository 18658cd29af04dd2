import PostgreSQL
import SQLite

/// A Swift value the store binds to a statement parameter, on either backend.
///
/// Binding is the only way values reach SQL: text is never built by
/// interpolating values. The PostgreSQL side follows the schema's
/// translation of SQLite's types (`migrations/postgresql/0001_initial.sql`):
/// a Bool is the bigint 0 or 1 that SQLite stores, not a boolean.
public protocol StoreBindable: SQLiteBindable {
    func storeParameter() throws -> PostgresParameter
}

extension Int64: StoreBindable {
    public func storeParameter() throws -> PostgresParameter { try postgresParameter() }
}

extension Int: StoreBindable {
    public func storeParameter() throws -> PostgresParameter { try postgresParameter() }
}

extension Int32: StoreBindable {
    /// As bigint, the type of every integer column: an int4 parameter would
    /// make `coalesce(?, best_step)` and friends resolve to int4.
    public func storeParameter() throws -> PostgresParameter { try Int64(self).postgresParameter() }
}

extension Bool: StoreBindable {
    public func storeParameter() throws -> PostgresParameter { try Int64(self ? 1 : 0).postgresParameter() }
}

extension Double: StoreBindable {
    /// NaN is refused on both backends, as SQLite refuses it: PostgreSQL
    /// could store it, and a store that holds NaN on one backend and not the
    /// other would answer queries differently.
    public func storeParameter() throws -> PostgresParameter {
        guard !isNaN else {
            throw StoreError.invalidArgument("cannot bind NaN: the store never holds NaN; check the value before writing it")
        }
        return try postgresParameter()
    }
}

extension Float: StoreBindable {
    public func storeParameter() throws -> PostgresParameter { try Double(self).storeParameter() }
}

extension String: StoreBindable {
    public func storeParameter() throws -> PostgresParameter { try postgresParameter() }
}

extension Array: StoreBindable where Element == UInt8 {
    public func storeParameter() throws -> PostgresParameter { try postgresParameter() }
}

extension Optional: StoreBindable where Wrapped: StoreBindable {
    public func storeParameter() throws -> PostgresParameter {
        switch self {
        case .none: .null
        case .some(let value): try value.storeParameter()
        }
    }
}
