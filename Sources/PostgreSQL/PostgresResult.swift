/// The rows of one executed statement, held by libpq in memory.
///
/// libpq returns a whole result at once (no stepping, unlike SQLite); this
/// object owns the `PGresult` and clears it in `deinit`, so none can leak.
/// Values are in text format; rows and columns are numbered from 0.
///
/// Like its connection, a result belongs to one thread at a time.
public final class PostgresResult {
    let handle: OpaquePointer
    let pq: LibPQ
    /// The SQL that produced this result, for error messages.
    public let sql: String
    private var columnIndexes: [String: Int]?

    init(handle: OpaquePointer, pq: LibPQ, sql: String) {
        self.handle = handle
        self.pq = pq
        self.sql = sql
    }

    deinit {
        pq.clear(handle)
    }

    public var rowCount: Int { Int(pq.ntuples(handle)) }
    public var columnCount: Int { Int(pq.nfields(handle)) }

    /// Rows inserted, updated or deleted (or fetched, for SELECT); 0 for other commands.
    public var affectedRowCount: Int {
        guard let text = pq.cmdTuples(handle) else { return 0 }
        return Int(String(cString: text)) ?? 0
    }

    public func columnName(at index: Int) -> String {
        guard let name = pq.fname(handle, Int32(index)) else { return "column \(index)" }
        return String(cString: name)
    }

    public var columnNames: [String] { (0..<columnCount).map(columnName(at:)) }

    /// The type OID of a column, from pg_type.
    public func columnTypeOID(at index: Int) -> UInt32 { pq.ftype(handle, Int32(index)) }

    /// The row at `index`.
    public subscript(index: Int) -> PostgresRow { PostgresRow(result: self, index: index) }

    /// Every row, mapped.
    public func map<T>(_ transform: (PostgresRow) throws -> T) rethrows -> [T] {
        var rows: [T] = []
        rows.reserveCapacity(rowCount)
        for index in 0..<rowCount { rows.append(try transform(self[index])) }
        return rows
    }

    /// The column's index; the first column of that name when several share it.
    public func columnIndex(named name: String) throws -> Int {
        if columnIndexes == nil {
            var indexes: [String: Int] = [:]
            for index in (0..<columnCount).reversed() { indexes[columnName(at: index)] = index }
            columnIndexes = indexes
        }
        guard let index = columnIndexes?[name] else {
            throw PostgresError.client("no column named '\(name)' in the result (columns: \(columnNames.joined(separator: ", ")))", sql: sql)
        }
        return index
    }

    // MARK: Raw access for the readable conformances

    func isNull(row: Int, column: Int) -> Bool {
        pq.getisnull(handle, Int32(row), Int32(column)) == 1
    }

    /// The value's text; "" for NULL (check `isNull` first).
    func text(row: Int, column: Int) -> String {
        guard let pointer = pq.getvalue(handle, Int32(row), Int32(column)) else { return "" }
        let count = Int(pq.getlength(handle, Int32(row), Int32(column)))
        return pointer.withMemoryRebound(to: UInt8.self, capacity: count) {
            String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self)
        }
    }

    /// The value's bytes as the server sent them (text format).
    func utf8(row: Int, column: Int) -> UnsafeBufferPointer<UInt8> {
        guard let pointer = pq.getvalue(handle, Int32(row), Int32(column)) else { return UnsafeBufferPointer(start: nil, count: 0) }
        let count = Int(pq.getlength(handle, Int32(row), Int32(column)))
        return UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: count)
    }

    func typeMismatch(row: Int, column: Int, expected: String) -> PostgresError {
        let found = isNull(row: row, column: column)
            ? "NULL (read it as an Optional)"
            : "a value of type \(PostgresTypeName.name(of: columnTypeOID(at: column)))"
        return .client("column '\(columnName(at: column))' holds \(found), not \(expected)", sql: sql)
    }
}

/// One row of a result: a view that reads its columns.
public struct PostgresRow {
    public let result: PostgresResult
    /// The row's number in the result, from 0.
    public let index: Int

    /// Reads column `column` (from 0) as `T`. NULL reads only as an Optional.
    public func column<T: PostgresColumnReadable>(_ column: Int, as type: T.Type = T.self) throws -> T {
        guard column >= 0, column < result.columnCount else {
            throw PostgresError.client("column index \(column) is out of range 0..<\(result.columnCount)", sql: result.sql)
        }
        return try T.read(from: result, row: index, column: column)
    }

    /// Reads the column called `name` as `T`.
    public func column<T: PostgresColumnReadable>(named name: String, as type: T.Type = T.self) throws -> T {
        try T.read(from: result, row: index, column: try result.columnIndex(named: name))
    }

    public func isNull(_ column: Int) -> Bool { result.isNull(row: index, column: column) }
}

/// Names for the type OIDs that errors mention.
enum PostgresTypeName {
    static func name(of oid: UInt32) -> String {
        switch oid {
        case PostgresType.bool: "boolean"
        case PostgresType.bytea: "bytea"
        case PostgresType.int8: "bigint"
        case PostgresType.int2: "smallint"
        case PostgresType.int4: "integer"
        case PostgresType.text: "text"
        case PostgresType.oid: "oid"
        case PostgresType.float4: "real"
        case PostgresType.float8: "double precision"
        case PostgresType.numeric: "numeric"
        case 1043: "varchar"
        case 1042: "char"
        case 19: "name"
        case 1082: "date"
        case 1114: "timestamp"
        case 1184: "timestamptz"
        case 114: "json"
        case 3802: "jsonb"
        case 2950: "uuid"
        default: "OID \(oid)"
        }
    }
}
