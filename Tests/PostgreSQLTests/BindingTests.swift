import PostgresTestSupport
import Testing
@testable import PostgreSQL

@Suite("Binding and reading values", .enabled(if: TestServer.shouldRun, Comment(rawValue: TestServer.howToStart)))
struct BindingTests {
    let schema: TestSchema
    var connection: PostgresConnection { schema.connection }

    init() throws {
        schema = try TestSchema()
        try schema.connection.execute("""
            CREATE TABLE t (
                id bigserial PRIMARY KEY, i bigint, d double precision, s text, b boolean,
                bytes bytea, at timestamptz
            )
            """)
    }

    /// Writes one value to `column` and reads it back as `T`.
    func roundTrip<T: PostgresColumnReadable>(_ value: some PostgresBindable, column: String, as type: T.Type) throws -> T {
        // Column names come from the tests below, never from data.
        let id = try #require(try connection.scalar("INSERT INTO t (\(column)) VALUES ($1) RETURNING id", value, as: Int64.self))
        return try #require(try connection.scalar("SELECT \(column) FROM t WHERE id = $1", id, as: T.self))
    }

    @Test(arguments: [Int64.min, -1, 0, 1, Int64.max])
    func int64RoundTrips(value: Int64) throws {
        #expect(try roundTrip(value, column: "i", as: Int64.self) == value)
    }

    @Test(arguments: [0.0, -0.0, 1e-300, .pi, -1e308, .leastNonzeroMagnitude, .greatestFiniteMagnitude, .infinity, -.infinity])
    func doubleRoundTripsExactly(value: Double) throws {
        let read = try roundTrip(value, column: "d", as: Double.self)
        #expect(read == value)
        #expect(read.sign == value.sign)
    }

    @Test func nanRoundTrips() throws {
        #expect(try roundTrip(Double.nan, column: "d", as: Double.self).isNaN)
    }

    @Test(arguments: ["", "plain", "héllo wörld 🚀 日本語 Ω", "it's \"quoted\" \\ back", String(repeating: "long ", count: 2_000)])
    func textRoundTrips(value: String) throws {
        #expect(try roundTrip(value, column: "s", as: String.self) == value)
    }

    @Test func boolRoundTrips() throws {
        #expect(try roundTrip(true, column: "b", as: Bool.self) == true)
        #expect(try roundTrip(false, column: "b", as: Bool.self) == false)
    }

    @Test(arguments: [[UInt8](), [0], [0, 1, 0, 255, 0], Array(0...255)])
    func byteaRoundTripsWithZeroBytes(value: [UInt8]) throws {
        #expect(try roundTrip(value, column: "bytes", as: [UInt8].self) == value)
    }

    @Test func nullReadsOnlyAsOptional() throws {
        let id = try #require(try connection.scalar(
            "INSERT INTO t (i, d, s, b, bytes) VALUES ($1, $2, $3, $4, $5) RETURNING id",
            Int64?.none, Double?.none, String?.none, Bool?.none, [UInt8]?.none, as: Int64.self))
        let row = try connection.query("SELECT i, d, s, b, bytes FROM t WHERE id = $1", id)[0]
        #expect(try row.column(0, as: Int64?.self) == nil)
        #expect(try row.column(1, as: Double?.self) == nil)
        #expect(try row.column(2, as: String?.self) == nil)
        #expect(try row.column(3, as: Bool?.self) == nil)
        #expect(try row.column(4, as: [UInt8]?.self) == nil)
        let error = try #require(throws: PostgresError.self) { try row.column(0, as: Int64.self) }
        #expect(error.message == "column 'i' holds NULL (read it as an Optional), not an integer")
        // An empty string is a value, not NULL.
        #expect(try roundTrip("", column: "s", as: String?.self) == "")
    }

    @Test func textNeverReadsAsANumber() throws {
        let row = try connection.query("SELECT 'abc'::text AS word, '12'::text AS digits, 2.5::numeric AS half")[0]
        #expect(throws: PostgresError.self) { try row.column(named: "word", as: Int64.self) }
        #expect(throws: PostgresError.self) { try row.column(named: "digits", as: Int64.self) }
        #expect(throws: PostgresError.self) { try row.column(named: "digits", as: Double.self) }
        #expect(throws: PostgresError.self) { try row.column(named: "half", as: Int64.self) }
        #expect(try row.column(named: "half", as: Double.self) == 2.5)
    }

    @Test func wholeNumericReadsAsInteger() throws {
        // SUM over bigint is numeric in PostgreSQL.
        try connection.execute("INSERT INTO t (i) VALUES (1), (2), (3)")
        #expect(try connection.scalar("SELECT SUM(i) FROM t", as: Int64.self) == 6)
    }

    @Test func stringFillsATypedColumnLikeALiteral() throws {
        // Strings go as type "unknown", so the server parses them for the column.
        let read = try roundTrip("2024-02-03 04:05:06+00", column: "at", as: String.self)
        #expect(try connection.scalar("SELECT $1::timestamptz = $2::timestamptz", read, "2024-02-03 04:05:06+00", as: Bool.self) == true)
    }

    @Test func injectionAttemptIsStoredAsData() throws {
        let attack = "x'); DROP TABLE t; --"
        #expect(try roundTrip(attack, column: "s", as: String.self) == attack)
        #expect(try connection.scalar("SELECT count(*) FROM t WHERE s = $1", attack, as: Int64.self) == 1)
    }

    @Test func textWithAZeroByteIsRefused() throws {
        let error = try #require(throws: PostgresError.self) {
            try connection.execute("INSERT INTO t (s) VALUES ($1)", "a\u{0}b")
        }
        #expect(error.message.contains("zero byte"))
        #expect(error.sql == "INSERT INTO t (s) VALUES ($1)")
    }

    @Test func readsByColumnNameAndMapsRows() throws {
        try connection.execute("INSERT INTO t (i, s) VALUES ($1, $2), ($3, $4)", Int64(1), "one", Int64(2), "two")
        let pairs = try connection.rows("SELECT s, i FROM t ORDER BY i") { row in
            (try row.column(named: "i", as: Int64.self), try row.column(named: "s", as: String.self))
        }
        #expect(pairs.map(\.0) == [1, 2])
        #expect(pairs.map(\.1) == ["one", "two"])
        #expect(throws: PostgresError.self) { try connection.query("SELECT 1 AS one")[0].column(named: "two", as: Int64.self) }
    }

    @Test func executeCountsAffectedRows() throws {
        try connection.execute("INSERT INTO t (i) VALUES (1), (2), (3)")
        #expect(try connection.execute("UPDATE t SET s = $1 WHERE i >= $2", "big", Int64(2)) == 2)
        #expect(try connection.execute("DELETE FROM t WHERE i = $1", Int64(99)) == 0)
    }
}
