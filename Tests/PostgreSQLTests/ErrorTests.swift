import PostgresTestSupport
import Testing
@testable import PostgreSQL

@Suite("Server errors", .enabled(if: TestServer.shouldRun, Comment(rawValue: TestServer.howToStart)))
struct ErrorTests {
    let schema: TestSchema
    var connection: PostgresConnection { schema.connection }

    init() throws {
        schema = try TestSchema()
        try schema.connection.execute("CREATE TABLE runs (name text UNIQUE NOT NULL)")
    }

    @Test func uniqueViolationCarriesSQLStateAndKeepsValuesOut() throws {
        let insert = "INSERT INTO runs (name) VALUES ($1)"
        try connection.execute(insert, "secret-run-name")
        let error = try #require(throws: PostgresError.self) { try connection.execute(insert, "secret-run-name") }
        #expect(error.sqlState == "23505")
        #expect(error.isUniqueViolation)
        #expect(!error.isSerializationFailure && !error.isDeadlock && !error.isConnectionFailure)
        #expect(error.description.hasPrefix("PostgreSQL error 23505 (unique_violation): duplicate key value violates unique constraint"))
        #expect(error.description.hasSuffix(" - while executing `\(insert)`"))
        // The value is in the server's detail, which stays out of the description.
        #expect(error.detail?.contains("secret-run-name") == true)
        #expect(!error.description.contains("secret-run-name"))
    }

    @Test func notNullViolation() throws {
        let error = try #require(throws: PostgresError.self) { try connection.execute("INSERT INTO runs (name) VALUES ($1)", String?.none) }
        #expect(error.isNotNullViolation)
    }

    @Test func syntaxErrorNamesTheSQL() throws {
        let error = try #require(throws: PostgresError.self) { try connection.execute("SELEKT $1", Int64(1)) }
        #expect(error.sqlState == "42601")
        #expect(error.sql == "SELEKT $1")
        #expect(error.description.hasPrefix("PostgreSQL error 42601 (syntax_error): syntax error at or near \"SELEKT\""))
        // A failed prepare is not cached, and the connection is still usable.
        #expect(try connection.scalar("SELECT $1", Int64(7), as: Int64.self) == 7)
    }

    @Test func scriptErrorsCarryTheScript() throws {
        let error = try #require(throws: PostgresError.self) { try connection.execute("SELECT 1; SELECT * FROM missing_table") }
        #expect(error.sqlState == "42P01")
        #expect(error.sql == "SELECT 1; SELECT * FROM missing_table")
    }
}
