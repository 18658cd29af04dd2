import PostgresTestSupport
import Testing
@testable import PostgreSQL

@Suite("Connecting to a server", .enabled(if: TestServer.shouldRun, Comment(rawValue: TestServer.howToStart)))
struct ConnectionTests {
    @Test func connectsOverTCP() throws {
        let connection = try TestServer.connect()
        #expect(connection.serverVersion >= 100_000)
        #expect(try connection.scalar("SELECT 1 + $1", Int64(41), as: Int64.self) == 42)
        #expect(try connection.scalar("SELECT inet_server_addr() IS NOT NULL", as: Bool.self) == true)
        #expect(!connection.isInTransaction)
    }

    @Test(.enabled(if: TestServer.socketURL != nil, "TRACKER_TEST_POSTGRES_SOCKET_URL is not set"))
    func connectsOverUnixSocket() throws {
        let connection = try PostgresConnection(url: try #require(TestServer.socketURL))
        // A Unix-socket session has no server address.
        #expect(try connection.scalar("SELECT inet_server_addr() IS NULL", as: Bool.self) == true)
    }

    @Test func closedConnectionRefusesUse() throws {
        let connection = try TestServer.connect()
        connection.close()
        connection.close()
        #expect(connection.isClosed)
        let error = try #require(throws: PostgresError.self) { try connection.execute("SELECT 1") }
        #expect(error.message.contains("is closed"))
    }

    @Test func terminatedSessionIsAConnectionFailure() throws {
        let victim = try TestServer.connect()
        let pid = try #require(try victim.scalar("SELECT pg_backend_pid()", as: Int32.self))
        let killer = try TestServer.connect()
        #expect(try killer.scalar("SELECT pg_terminate_backend($1)", pid, as: Bool.self) == true)
        let error = try #require(throws: PostgresError.self) { try victim.execute("SELECT 1", Int64(1)) }
        #expect(error.isConnectionFailure, "\(error)")
    }
}
