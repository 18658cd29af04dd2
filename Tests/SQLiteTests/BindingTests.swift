import Testing
@testable import SQLite

@Suite("Binding and reading values")
struct BindingTests {
    let database: Database

    init() throws {
        database = try Database.inMemory()
        try database.execute("CREATE TABLE t (v ANY) STRICT")
    }

    /// Writes one value and reads back its storage class and value.
    func roundTrip(_ value: some SQLiteBindable) throws -> SQLiteValue {
        try database.execute("DELETE FROM t")
        let insert = try database.prepare("INSERT INTO t (v) VALUES (?)")
        try insert.bind(value, at: 1)
        try insert.execute()
        return try #require(try database.scalar("SELECT v FROM t", as: SQLiteValue.self))
    }

    @Test func nullRoundTrips() throws {
        #expect(try roundTrip(SQLiteValue.null) == .null)
        #expect(try roundTrip(Int?.none) == .null)
        #expect(try roundTrip(String?.none) == .null)
    }

    @Test(arguments: [Int64.min, -1, 0, 1, Int64.max])
    func int64ExtremesRoundTrip(value: Int64) throws {
        #expect(try roundTrip(value) == .integer(value))
    }

    @Test func intBoolAndInt32AreIntegers() throws {
        #expect(try roundTrip(42) == .integer(42))
        #expect(try roundTrip(Int32.min) == .integer(Int64(Int32.min)))
        #expect(try roundTrip(true) == .integer(1))
        #expect(try roundTrip(false) == .integer(0))
    }

    @Test(arguments: [0.0, -0.0, 1e-3, .pi, -1e308, .leastNonzeroMagnitude, .greatestFiniteMagnitude])
    func doublesRoundTripExactly(value: Double) throws {
        let stored = try roundTrip(value)
        guard case .real(let back) = stored else {
            Issue.record("stored as \(stored), not REAL")
            return
        }
        #expect(back.bitPattern == value.bitPattern || (back == 0 && value == 0))
    }

    @Test func infinitiesRoundTrip() throws {
        #expect(try roundTrip(Double.infinity) == .real(.infinity))
        #expect(try roundTrip(-Double.infinity) == .real(-.infinity))
    }

    @Test func nanIsRefusedRatherThanStoredAsNull() throws {
        let insert = try database.prepare("INSERT INTO t (v) VALUES (?)")
        let error = #expect(throws: SQLiteError.self) { try insert.bind(Double.nan, at: 1) }
        #expect(error?.message.contains("NaN") == true)
        #expect(error?.code == 20)  // SQLITE_MISMATCH
    }

    @Test(arguments: ["", "plain", "naïve café", "日本語のテキスト", "emoji 🧪🔬", "quote ' and \" and ;", "nul\u{0}inside"])
    func textRoundTrips(value: String) throws {
        #expect(try roundTrip(value) == .text(value))
    }

    @Test func emptyStringIsNotNull() throws {
        #expect(try roundTrip("") == .text(""))
    }

    @Test func blobsRoundTripIncludingEmpty() throws {
        #expect(try roundTrip([UInt8]()) == .blob([]))
        let bytes: [UInt8] = [0, 1, 2, 255, 0, 128]
        #expect(try roundTrip(bytes) == .blob(bytes))
        let large = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        #expect(try roundTrip(large) == .blob(large))
    }

    @Test func bindByName() throws {
        try database.execute("CREATE TABLE named (a INTEGER, b TEXT, c REAL) STRICT")
        let insert = try database.prepare("INSERT INTO named VALUES (:a, @b, $c)")
        try insert.bind(7, named: "a")
        try insert.bind("seven", named: "@b")
        try insert.bind(7.5, named: "c")
        try insert.execute()
        let row = try database.rows("SELECT a, b, c FROM named") { statement in
            (try statement.column("a", as: Int.self), try statement.column("b", as: String.self), try statement.column("c", as: Double.self))
        }
        #expect(row.count == 1)
        #expect(row[0] == (7, "seven", 7.5))
    }

    @Test func unknownParameterNameIsAnError() throws {
        let insert = try database.prepare("INSERT INTO t (v) VALUES (:v)")
        let error = #expect(throws: SQLiteError.self) { try insert.bind(1, named: "w") }
        #expect(error?.message.contains("'w'") == true)
    }

    @Test func parameterIndexOutOfRangeIsAnError() throws {
        let insert = try database.prepare("INSERT INTO t (v) VALUES (?)")
        #expect(throws: SQLiteError.self) { try insert.bind(1, at: 2) }
        #expect(throws: SQLiteError.self) { try insert.bind(1, at: 0) }
    }

    @Test func bindingArrayChecksCount() throws {
        let insert = try database.prepare("INSERT INTO t (v) VALUES (?)")
        let error = #expect(throws: SQLiteError.self) { try insert.bind([1, 2]) }
        #expect(error?.message.contains("2 values given for 1 parameters") == true)
    }

    @Test func readingNullAsNonOptionalIsAnErrorNamingTheColumn() throws {
        try database.execute("INSERT INTO t (v) VALUES (NULL)")
        let select = try database.prepare("SELECT v AS answer FROM t")
        #expect(try select.step())
        let error = #expect(throws: SQLiteError.self) { try select.column(0, as: Int.self) }
        #expect(error?.message.contains("'answer'") == true)
        #expect(error?.message.contains("NULL") == true)
        #expect(try select.column(0, as: Int?.self) == nil)
    }

    @Test func readingTextAsIntegerIsAnError() throws {
        try database.execute("INSERT INTO t (v) VALUES ('abc')")
        let select = try database.prepare("SELECT v FROM t")
        #expect(try select.step())
        #expect(throws: SQLiteError.self) { try select.column(0, as: Int64.self) }
        #expect(throws: SQLiteError.self) { try select.column(0, as: Double.self) }
        #expect(try select.column(0, as: String.self) == "abc")
    }

    @Test func integralRealReadsAsIntegerButFractionDoesNot() throws {
        #expect(try database.scalar("SELECT 3.0", as: Int.self) == 3)
        #expect(throws: SQLiteError.self) { try database.scalar("SELECT 3.5", as: Int.self) }
        #expect(try database.scalar("SELECT 3", as: Double.self) == 3.0)
    }

    @Test func statementResetsAndIsReused() throws {
        let insert = try database.prepare("INSERT INTO t (v) VALUES (?)")
        for value in 0..<100 {
            try insert.bind(value, at: 1)
            try insert.execute()
        }
        #expect(try database.scalar("SELECT count(*) FROM t", as: Int.self) == 100)
        #expect(try database.scalar("SELECT sum(v) FROM t", as: Int.self) == 4950)
    }

    @Test func rowsIterateInOrderAndColumnsHaveNames() throws {
        let rows = try database.rows("""
            WITH RECURSIVE series(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM series WHERE value < 5)
            SELECT value AS n, value * value AS square FROM series
            """) { statement in
            #expect(statement.columnNames == ["n", "square"])
            return try statement.column("square", as: Int.self)
        }
        #expect(rows == [1, 4, 9, 16, 25])
    }
}
