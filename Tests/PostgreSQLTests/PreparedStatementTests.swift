import PostgresTestSupport
import Testing
@testable import PostgreSQL

@Suite("Prepared statements", .enabled(if: TestServer.shouldRun, Comment(rawValue: TestServer.howToStart)))
struct PreparedStatementTests {
    let schema: TestSchema
    var connection: PostgresConnection { schema.connection }

    init() throws {
        schema = try TestSchema()
        try schema.connection.execute("CREATE TABLE t (i bigint, s text)")
    }

    /// How many statements with this text the server holds for this session.
    func serverStatements(_ sql: String) throws -> Int64 {
        try #require(try connection.scalar("SELECT count(*) FROM pg_prepared_statements WHERE statement = $1", sql, as: Int64.self))
    }

    @Test func sameSQLIsPreparedOnceAndReused() throws {
        let insert = "INSERT INTO t (i, s) VALUES ($1, $2)"
        for value in Int64(1)...3 {
            try connection.execute(insert, value, "v\(value)")
        }
        #expect(try serverStatements(insert) == 1)
        #expect(try connection.scalar("SELECT count(*) FROM t", as: Int64.self) == 3)
        let before = connection.preparedStatementCount
        try connection.execute(insert, Int64(4), "v4")
        #expect(connection.preparedStatementCount == before)
    }

    @Test func nullAndValueOfTheSameSQLBothWork() throws {
        let insert = "INSERT INTO t (i, s) VALUES ($1, $2)"
        try connection.execute(insert, Int64?.none, "null first")
        try connection.execute(insert, Int64(5), "then a value")
        // The NULL went as type unknown, the value as bigint: two statements.
        #expect(try serverStatements(insert) == 2)
        #expect(try connection.scalar("SELECT count(i) FROM t", as: Int64.self) == 1)
    }

    @Test func tooFewValuesIsAnErrorNotAConnectionFailure() throws {
        let error = try #require(throws: PostgresError.self) { try connection.execute("INSERT INTO t (i, s) VALUES ($1, $2)", Int64(1)) }
        #expect(error.sqlState == "08P01")
        #expect(!error.isConnectionFailure)
        #expect(try connection.scalar("SELECT $1", Int64(7), as: Int64.self) == 7)
    }
}
