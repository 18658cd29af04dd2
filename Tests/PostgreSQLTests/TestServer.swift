import Glibc
import Synchronization
import Testing
@testable import PostgreSQL

/// The server the tests use: `TRACKER_TEST_POSTGRES_URL`.
///
/// Unset on a developer's machine, the server tests are skipped (and say so).
/// Under CI (`CI` set) they run anyway, so an unset variable or a server that
/// cannot be reached fails the suite instead of skipping it silently.
enum TestServer {
    static let url = environment("TRACKER_TEST_POSTGRES_URL")
    static let socketURL = environment("TRACKER_TEST_POSTGRES_SOCKET_URL")
    static let isCI = environment("CI") != nil
    static let shouldRun = url != nil || isCI
    static let isLibraryAvailable = (try? LibPQ.load()) != nil

    static let howToStart =
        "set TRACKER_TEST_POSTGRES_URL to a server (`source scripts/postgres-test-cluster.sh` starts a throwaway one and sets it)"

    struct Unavailable: Error, CustomStringConvertible {
        var description: String { "TRACKER_TEST_POSTGRES_URL is not set but CI is: \(TestServer.howToStart)" }
    }

    static func requireURL() throws -> String {
        guard let url else { throw Unavailable() }
        return url
    }

    static func connect() throws -> PostgresConnection {
        try PostgresConnection(url: try requireURL())
    }

    private static func environment(_ name: String) -> String? {
        guard let value = getenv(name).map({ String(cString: $0) }), !value.isEmpty else { return nil }
        return value
    }
}

/// A schema of its own for one test, dropped when the test ends, so that
/// tests (and test processes) can share one database concurrently.
final class TestSchema {
    private static let schemasMade = Atomic<Int>(0)

    let name: String
    let connection: PostgresConnection

    init() throws {
        // Unique across the processes of this machine by pid, within one by
        // a counter; the server's clock tells machines sharing a server apart.
        let number = Self.schemasMade.add(1, ordering: .relaxed).newValue
        connection = try TestServer.connect()
        let clock = try #require(try connection.scalar("SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint", as: Int64.self))
        name = "test_\(getpid())_\(number)_\(clock)"
        // Identifiers cannot be bound; this one is made above of digits and letters.
        try connection.execute("CREATE SCHEMA \(name); SET search_path TO \(name)")
    }

    /// Another connection to the same schema, e.g. for a second thread.
    static func connection(toSchema name: String) throws -> PostgresConnection {
        let connection = try TestServer.connect()
        try connection.execute("SET search_path TO \(name)")
        return connection
    }

    deinit {
        try? connection.execute("DROP SCHEMA \(name) CASCADE")
    }
}

/// A value that several threads of a test read and write.
final class Shared<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) {
        mutex = Mutex(value)
    }

    var value: Value {
        get { mutex.withLock { $0 } }
        set { mutex.withLock { $0 = newValue } }
    }
}
